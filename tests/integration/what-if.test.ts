import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginePackage, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { LIVE_STATUSES, OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { optimise, type TScenario } from '@/lib/placement';
import { placeability } from '@/lib/placement/placeability';
import { figuresOf } from '@/lib/whatif/figures';
import { readLiveMarket } from '@/lib/whatif/live-market';
import { runWhatIf, type TWhatIfResult } from '@/lib/whatif/run-what-if';
import { runWhatIfJob } from '@/lib/whatif/run-what-if-job';
import { askToRunWhatIf, saveWhatIf } from '@/lib/whatif/what-if-store';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { councilActorOf } from './support/actors';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// What-if runs on the seeded market: a scenario that removes a provider gives exactly what the
// optimiser gives on the same market built by hand from the database, and no scenario changes a
// byte of any live table (every table but the scenarios' own is hashed before and after a run).

let prisma: PrismaClient;
let councilId: string;
let failing: string;
const now = new Date('2026-11-23T09:00:00Z');
const solve = (s: TScenario) => optimise(s, { timeLimitSeconds: 60 });

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true });
  councilId = (await prisma.council.findUniqueOrThrow({ where: { code: 'BDC' } })).id;
  // The provider with the most care in place.
  const [top] = await prisma.placement.groupBy({
    by: ['providerId'],
    where: { councilId, endedAt: null, package: { status: statusIn(LIVE_STATUSES) } },
    _count: { _all: true },
    orderBy: [{ _count: { providerId: 'desc' } }, { providerId: 'asc' }],
    take: 1,
  });
  failing = top.providerId;
}, 240_000);

afterAll(async () => {
  await prisma.$disconnect();
});

/** One md5 per table over its rows as text, in a fixed order: equal hashes, equal tables. */
async function hashTables(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'WhatIfScenario') ORDER BY 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ h: string }[]>(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${name}" t`);
    out[name] = row.h;
  }
  return out;
}

describe('what-if on the seeded market', () => {
  it('removing a provider gives what the optimiser gives on the same market built by hand', async () => {
    expect(await prisma.placement.count({ where: { councilId, providerId: failing, endedAt: null } })).toBeGreaterThan(0);
    const live = await readLiveMarket(prisma, councilId, now);
    const run = await runWhatIf(live, [{ kind: 'PROVIDER_FAILS', providerId: failing }], { optimise: solve });
    if (!run.ok) throw new Error(JSON.stringify(run.fieldErrors));

    // By hand: the waiting packages and the failing provider's care, never offered back to it,
    // in the council's scenario; the provider suspended with no capacity.
    const include = { visits: { where: visitsInForceWhere(now) }, hospital: { select: { code: true } } } as const;
    const waiting = await prisma.package.findMany({ where: { councilId, status: statusIn(OFFERING_STATUSES) }, include, orderBy: { id: 'asc' } });
    const held = await prisma.package.findMany({
      where: { councilId, status: statusIn(LIVE_STATUSES), placements: { some: { providerId: failing, endedAt: null, startedAt: { lte: now } } } },
      include,
      orderBy: { id: 'asc' },
    });
    const packages = [
      ...waiting.filter((p) => p.visits.length).map((p) => enginePackage(p, p.postedAt ?? p.createdAt)),
      ...held
        .filter((p) => p.visits.length)
        .map((p) => {
          const pkg = enginePackage(p, now);
          return { ...pkg, postedAt: now.toISOString(), excludedProviderIds: [...new Set([...pkg.excludedProviderIds, failing])] };
        }),
    ];
    const base = await scenarioFromDb(prisma, councilId, packages, now);
    const byHand: TScenario = { ...base, providers: base.providers.map((p) => (p.id === failing ? { ...p, status: 'SUSPENDED', capacity: [] } : p)) };
    const expected = await solve(byHand);

    const sortById = <T extends { packageId: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.packageId.localeCompare(b.packageId));
    expect(run.runs.variant.summary).toEqual(expected.summary);
    expect(sortById(run.runs.variant.placements)).toEqual(sortById(expected.placements));
    expect(sortById(run.runs.variant.unplaced)).toEqual(sortById(expected.unplaced));
    expect(run.runs.variant.summary.packages).toBe(waiting.length + held.length);
    // The figures count the handed-back care as the market's, none of it with the failed provider.
    const remaining = live.inCare.filter((c) => c.providerId !== failing);
    expect(run.result.variant.totals.inCare).toBe(remaining.length);
    // (The solver's seconds differ from run to run.)
    expect({ ...run.result.variant, solver: null }).toEqual({
      ...figuresOf(
        { ...run.variant, inCare: remaining },
        expected,
        placeability(
          byHand,
          expected.unplaced.map((u) => u.packageId),
        ),
      ),
      solver: null,
    });
  }, 180_000);

  it('a scenario saved, run by the worker and kept changes no live table', async () => {
    const commissioner = await prisma.user.findFirstOrThrow({ where: { councilId, role: 'COMMISSIONER' }, select: { email: true } });
    const actor = await councilActorOf(prisma, commissioner.email);
    const localities = await prisma.locality.findMany({ where: { councilId }, select: { id: true }, orderBy: { code: 'asc' }, take: 3 });
    const providers = await prisma.councilProvider.findMany({
      where: { councilId, providerId: { not: failing } },
      select: { providerId: true },
      orderBy: { providerId: 'asc' },
      take: 2,
    });
    const contract = await prisma.contract.findFirstOrThrow({ where: { councilId, type: 'SPOT' }, orderBy: { reference: 'asc' } });
    const { id } = await saveWhatIf(prisma, actor, {
      name: 'Everything at once',
      changes: [
        { kind: 'DEMAND_GROWTH', pathway: 'LONG_TERM', localityIds: [localities[0].id, localities[1].id], percent: 28 },
        { kind: 'PROVIDER_FAILS', providerId: failing },
        { kind: 'CONTRACT_ENDS', contractId: contract.id },
        {
          kind: 'LOCALITY_RELET',
          localityId: localities[2].id,
          hourlyRate: 24.5,
          holders: providers.map((p, k) => ({ providerId: p.providerId, share: k === 0 ? 70 : 30 })),
        },
        { kind: 'CAPACITY', localityIds: [], bands: ['EVENING'], providerId: null, percent: -20 },
        { kind: 'RATE_UPLIFT', contractType: 'LOCALITY', percent: 7.2 },
      ],
    });
    // Asked for as the request asks (the job is queued), then run by the worker's handler.
    await askToRunWhatIf(prisma, actor, { id }, now);
    expect((await prisma.whatIfScenario.findUniqueOrThrow({ where: { councilId_id: { councilId, id } } })).status).toBe('QUEUED');

    const before = await hashTables();
    const steps: number[] = [];
    const outcome = await runWhatIfJob(
      prisma,
      { councilId, scenarioId: id, askedAt: now.toISOString() },
      {
        optimise: async (s) => {
          steps.push((await prisma.whatIfScenario.findUniqueOrThrow({ where: { councilId_id: { councilId, id } } })).step);
          return solve(s);
        },
        now: () => now,
      },
    );
    expect(outcome).toBe('done');
    expect(steps).toEqual([1, 2]);
    expect(await hashTables()).toEqual(before);

    const row = await prisma.whatIfScenario.findUniqueOrThrow({ where: { councilId_id: { councilId, id } } });
    expect(row.status).toBe('DONE');
    const result = row.result as unknown as TWhatIfResult;
    expect(result.variant.totals.packages).toBeGreaterThan(result.base.totals.packages);
    expect(result.variant.holders.map((h) => h.target)).toEqual([0.7, 0.3]);
    expect(result.notes).toHaveLength(6);

    // Asked for again: one run at a time, unless the last one was asked for so long ago that its worker must have stopped.
    await askToRunWhatIf(prisma, actor, { id }, now);
    await expect(askToRunWhatIf(prisma, actor, { id }, new Date(now.getTime() + 60_000))).rejects.toThrow('This scenario is already running.');
    await askToRunWhatIf(prisma, actor, { id }, new Date(now.getTime() + 30 * 60_000));
    // The older run's job, picked up late, is stale and writes nothing.
    expect(await runWhatIfJob(prisma, { councilId, scenarioId: id, askedAt: now.toISOString() }, { optimise: solve, now: () => now })).toBe('stale');
  }, 180_000);
});
