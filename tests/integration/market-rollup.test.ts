import { Prisma, type ContractType, type CqcRating, type PrismaClient, type ServiceType } from '@prisma/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { compactMarketRollups } from '@/lib/dashboard/compact-market-rollup';
import { dashboardFilters } from '@/lib/dashboard/filters';
import { getHoursByContractType } from '@/lib/dashboard/get-hours-by-contract-type';
import { getHoursByCqcRating } from '@/lib/dashboard/get-hours-by-cqc-rating';
import { getHoursByServiceType } from '@/lib/dashboard/get-hours-by-service-type';
import { getSpendAgainstBudget } from '@/lib/dashboard/get-spend-against-budget';
import { getWeeklyTrends, TREND_WEEKS } from '@/lib/dashboard/get-weekly-trends';
import { createTestPerson } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// The weekly trends are read from a rollup the database keeps (MarketDayChange, MarketSpan), and
// the sections by contract type, service type and CQC rating and spend against budget from its
// rollup by kind (MarketKeyChange, MarketProviderSpan). After each step of a series of writes
// (lines added, changed, ended, moved to another contract type, service type and provider,
// deleted, a package moved to another locality and to another person, a provider's new CQC
// rating, a whole batch in one statement) the weeks and the sections on days across two years
// read from the rollups equal a recount of the raw lines, for the council and for each locality,
// and the rollups equal ones rebuilt from nothing.

const asOf = '2026-11-23';
let prisma: PrismaClient;
let A: string;
let B: string;
const loc: Record<'L1' | 'L2' | 'B1', string> = { L1: '', L2: '', B1: '' };
const con: Record<string, { id: string; providerId: string; rate: number }> = {};
let seq = 0;

/** A contract with a provider of its own, or (provider) with the provider of an earlier contract. */
async function contract(councilId: string, key: string, type: ContractType, rate: number, rating: CqcRating = 'GOOD', provider?: string) {
  const providerId =
    (provider && con[provider].providerId) ??
    (await prisma.provider.create({ data: { name: `Provider ${key}`, cqcLocationId: `1-${key}`, cqcRating: rating } })).id;
  const c = await prisma.contract.create({
    data: { councilId, reference: key, providerId, type, hourlyRate: rate, validFrom: new Date('2024-04-01') },
  });
  con[key] = { id: c.id, providerId, rate };
}

async function person(councilId: string, localityId: string) {
  return (await createTestPerson(prisma, councilId, localityId)).id;
}

async function pkg(councilId: string, localityId: string, personId: string) {
  seq++;
  const p = await prisma.package.create({
    data: { councilId, reference: `R-${seq}`, personId, localityId, pathway: 'LONG_TERM', status: 'PLACED' },
  });
  return p.id;
}

async function line(
  councilId: string,
  packageId: string,
  key: string | null,
  hours: number,
  start: string,
  end: string | null = null,
  type: ServiceType = 'PERSONAL_CARE',
) {
  const c = key ? con[key] : null;
  const l = await prisma.serviceLine.create({
    data: {
      councilId,
      packageId,
      type,
      hoursPerWeek: hours,
      startDate: new Date(start),
      endDate: end ? new Date(end) : null,
      providerId: c?.providerId ?? null,
      contractId: c?.id ?? null,
      hourlyRate: c?.rate ?? null,
    },
  });
  return l.id;
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The 104 weeks counted straight from the lines, one day at a time. */
async function recount(councilId: string, localityId: string | null) {
  return prisma.$queryRaw<{ day: string; hours: number; cost: number; packages: number; people: number; loc: number; isf: number; spot: number }[]>`
    SELECT to_char(d, 'YYYY-MM-DD') AS day,
           coalesce(sum(l."hoursPerWeek"), 0)::float8 AS hours, coalesce(sum(l."hoursPerWeek" * l."hourlyRate"), 0)::float8 AS cost,
           count(DISTINCT l."packageId")::int AS packages, count(DISTINCT p."personId")::int AS people,
           coalesce(sum(l."hoursPerWeek") FILTER (WHERE c.type = 'LOCALITY'), 0)::float8 AS loc,
           coalesce(sum(l."hoursPerWeek") FILTER (WHERE c.type = 'ISF'), 0)::float8 AS isf,
           coalesce(sum(l."hoursPerWeek") FILTER (WHERE c.type = 'SPOT'), 0)::float8 AS spot
    FROM generate_series(${asOf}::date - ${7 * (TREND_WEEKS - 1)}::int, ${asOf}::date, interval '7 days') d
    LEFT JOIN ("ServiceLine" l
               JOIN "Package" p ON p."councilId" = l."councilId" AND p.id = l."packageId"
               JOIN "Contract" c ON c."councilId" = l."councilId" AND c.id = l."contractId")
      ON l."councilId" = ${councilId}::uuid AND l."startDate" <= d AND (l."endDate" IS NULL OR l."endDate" > d)
         AND (${localityId}::uuid IS NULL OR p."localityId" = ${localityId}::uuid)
    GROUP BY d ORDER BY d`;
}

type TKind = { dim: number; key: string; hours: number; spend: number; packages: number; providers: number };

/**
 * On one day, straight from the lines: hours, spend, packages and providers by contract type (dim
 * 1, the contract's own type), service type (2) and the provider's CQC rating (3, the provider's
 * own), and (dim 0) all lines.
 */
async function recountKinds(councilId: string, localityId: string | null, day: string) {
  const rows = await prisma.$queryRaw<TKind[]>`
    SELECT k.dim, k.key, coalesce(sum(l.hours), 0)::float8 AS hours, coalesce(sum(l.cost), 0)::float8 AS spend,
           count(DISTINCT l.pkg)::int AS packages, count(DISTINCT l.provider)::int AS providers
    FROM (
      SELECT l."hoursPerWeek" AS hours, l."hoursPerWeek" * l."hourlyRate" AS cost, l."packageId" AS pkg, l."providerId" AS provider,
             c.type::text AS contract_type, l.type::text AS service_type, pr."cqcRating"::text AS rating
      FROM "ServiceLine" l
      JOIN "Package" p ON p."councilId" = l."councilId" AND p.id = l."packageId"
      JOIN "Contract" c ON c."councilId" = l."councilId" AND c.id = l."contractId"
      LEFT JOIN "Provider" pr ON pr.id = l."providerId"
      WHERE l."councilId" = ${councilId}::uuid AND l."startDate" <= ${day}::date AND (l."endDate" IS NULL OR l."endDate" > ${day}::date)
        AND (${localityId}::uuid IS NULL OR p."localityId" = ${localityId}::uuid)
    ) l
    CROSS JOIN LATERAL (VALUES (0, ''), (1, l.contract_type), (2, l.service_type), (3, l.rating)) k(dim, key)
    GROUP BY k.dim, k.key`;
  const none = { hours: 0, spend: 0, packages: 0, providers: 0 };
  return (dim: number, key = '') => rows.find((r) => r.dim === dim && r.key === key) ?? { dim, key, ...none };
}

/** Spend by contract type over a period straight from the lines: weekly spend × days in force in it / 7. */
async function recountSpend(councilId: string, localityId: string | null, from: string, to: string) {
  const rows = await prisma.$queryRaw<{ type: string; spend: number }[]>`
    SELECT c.type::text AS type,
           sum(l."hoursPerWeek" * l."hourlyRate" * (least(coalesce(l."endDate", 'infinity'::date), ${to}::date + 1) - greatest(l."startDate", ${from}::date)))::float8 / 7 AS spend
    FROM "ServiceLine" l
    JOIN "Package" p ON p."councilId" = l."councilId" AND p.id = l."packageId"
    JOIN "Contract" c ON c."councilId" = l."councilId" AND c.id = l."contractId"
    WHERE l."councilId" = ${councilId}::uuid AND l."startDate" <= ${to}::date AND (l."endDate" IS NULL OR l."endDate" > ${from}::date)
      AND (${localityId}::uuid IS NULL OR p."localityId" = ${localityId}::uuid)
    GROUP BY c.type`;
  return (type: string) => rows.find((r) => r.type === type)?.spend ?? 0;
}

/** Days five weeks apart across two and a half years up to the "as of" day, and the day after it. */
const KIND_DAYS = [...Array.from({ length: 27 }, (_, i) => addDays(asOf, -35 * i)), addDays(asOf, 1)];
const PERIODS = [
  ['2024-06-03', '2025-01-01'],
  ['2025-04-01', asOf],
  ['2023-01-01', addDays(asOf, 30)],
] as const;

/** The sections by kind and spend against budget, read from the rollup, against the recounts. */
async function expectKindsExact(step: string, councilId: string, localityId: string | null) {
  const scope = { ...(localityId ? { locality: localityId } : {}) };
  for (const day of KIND_DAYS) {
    const filters = dashboardFilters({ asOf: day, ...scope }, new Date(`${asOf}T09:00:00Z`));
    const want = await recountKinds(councilId, localityId, day);
    const where = `${step}, ${localityId ?? 'all'}, ${day}`;
    const byContract = await getHoursByContractType(prisma, councilId, filters);
    const byService = await getHoursByServiceType(prisma, councilId, filters);
    for (const [got, dim] of [
      [byContract, 1],
      [byService, 2],
    ] as const) {
      for (const r of got.rows) {
        const w = want(dim, r.type);
        expect(r.hours, `${where}, ${r.type} hours`).toBeCloseTo(w.hours, 9);
        expect(r.spendPerWeek, `${where}, ${r.type} spend`).toBeCloseTo(w.spend, 9);
        expect(r.packages, `${where}, ${r.type} packages`).toBe(w.packages);
        expect(r.providers, `${where}, ${r.type} providers`).toBe(w.providers);
      }
      expect(got.totalHours, `${where}, total hours`).toBeCloseTo(want(0).hours, 9);
      expect(got.spendPerWeek, `${where}, total spend`).toBeCloseTo(want(0).spend, 9);
      expect(got.packages, `${where}, packages`).toBe(want(0).packages);
      expect(got.providers, `${where}, providers`).toBe(want(0).providers);
    }
    const byRating = await getHoursByCqcRating(prisma, councilId, filters);
    for (const r of byRating.rows) {
      const w = want(3, r.rating);
      expect(r.hours, `${where}, ${r.rating} hours`).toBeCloseTo(w.hours, 9);
      expect(r.packages, `${where}, ${r.rating} packages`).toBe(w.packages);
      expect(r.providers, `${where}, ${r.rating} providers`).toBe(w.providers);
    }
    expect(byRating.totalHours, `${where}, rated hours`).toBeCloseTo(want(0).hours, 9);
  }
  for (const [from, to] of PERIODS) {
    const got = await getSpendAgainstBudget(prisma, councilId, dashboardFilters({ from, to, ...scope }, new Date(`${asOf}T09:00:00Z`)));
    const want = await recountSpend(councilId, localityId, from, to);
    for (const r of got.rows) expect(r.spend, `${step}, ${localityId ?? 'all'}, ${from} to ${to}, ${r.type}`).toBeCloseTo(want(r.type), 6);
  }
}

/**
 * The rollup by kind, summed by council, scope, kind and day (a change may be in several rows
 * until they are folded together), and the providers' spans: to compare with ones rebuilt from the lines.
 */
const ROLLUP_BY_KIND = Prisma.sql`
  SELECT 'change' AS t, "councilId", scope, dim, key, to_char(day, 'YYYY-MM-DD') AS day, sum(hours)::text AS hours, sum(cost)::text AS cost,
         sum(packages)::int AS packages, sum(providers)::int AS providers
  FROM "MarketKeyChange"
  GROUP BY "councilId", scope, dim, key, day
  HAVING sum(hours) <> 0 OR sum(cost) <> 0 OR sum(packages) <> 0 OR sum(providers) <> 0
  UNION ALL
  SELECT 'span', "councilId", scope, dim, key || ' ' || "providerId", "start"::text, "end"::text, NULL, NULL, NULL
  FROM "MarketProviderSpan"
  ORDER BY 1, 2, 3, 4, 5, 6`;

/** The rollup's changes that are not zero, summed by council, scope and day, to compare with one rebuilt from the lines. */
const ROLLUP = Prisma.sql`
  SELECT "councilId", scope, to_char(day, 'YYYY-MM-DD') AS day, sum(hours)::text AS hours, sum(cost)::float8 AS cost,
         sum("localityHours")::text AS "localityHours", sum("isfHours")::text AS "isfHours", sum("spotHours")::text AS "spotHours",
         sum(packages)::int AS packages, sum(people)::int AS people
  FROM "MarketDayChange"
  GROUP BY "councilId", scope, day
  HAVING sum(hours) <> 0 OR sum(cost) <> 0 OR sum("localityHours") <> 0 OR sum("isfHours") <> 0 OR sum("spotHours") <> 0
      OR sum(packages) <> 0 OR sum(people) <> 0
  ORDER BY 1, 2, 3`;

/** Rows of either rollup that share their council, scope, kind and day with another. */
const UNFOLDED = Prisma.sql`
  SELECT (SELECT count(*) FROM "MarketDayChange") - (SELECT count(DISTINCT ("councilId", scope, day)) FROM "MarketDayChange")
       + (SELECT count(*) FROM "MarketKeyChange") - (SELECT count(DISTINCT ("councilId", scope, dim, key, day)) FROM "MarketKeyChange") AS n`;

async function expectExact(step: string) {
  for (const [councilId, localityId] of [
    [A, null],
    [A, loc.L1],
    [A, loc.L2],
    [B, null],
  ] as const) {
    const got = await getWeeklyTrends(
      prisma,
      councilId,
      dashboardFilters({ asOf, ...(localityId ? { locality: localityId } : {}) }, new Date(`${asOf}T09:00:00Z`)),
    );
    const want = await recount(councilId, localityId);
    expect(got.map((w) => w.day)).toEqual(want.map((w) => w.day));
    got.forEach((w, i) => {
      const r = want[i];
      const where = `${step}, ${localityId ?? 'all'}, ${w.day}`;
      expect(w.hours, where).toBeCloseTo(r.hours, 9);
      expect(w.cost, where).toBeCloseTo(r.cost, 9);
      expect(w.packages, where).toBe(r.packages);
      expect(w.people, where).toBe(r.people);
      expect(w.localityShare, where).toBeCloseTo(r.hours ? r.loc / r.hours : 0, 9);
      expect(w.isfShare, where).toBeCloseTo(r.hours ? r.isf / r.hours : 0, 9);
      expect(w.spotShare, where).toBeCloseTo(r.hours ? r.spot / r.hours : 0, 9);
    });
    await expectKindsExact(step, councilId, localityId);
  }
  const kept = await prisma.$queryRaw<Record<string, unknown>[]>(ROLLUP);
  const keptByKind = await prisma.$queryRaw<Record<string, unknown>[]>(ROLLUP_BY_KIND);
  await prisma
    .$transaction(async (tx) => {
      // Folding each council's rows together changes no sum, and leaves one row per day and kind.
      for (const council of [A, B]) await tx.$queryRaw`SELECT * FROM market_rollup_compact(${council}::uuid)`;
      expect((await tx.$queryRaw<{ n: bigint }[]>(UNFOLDED))[0].n, step).toBe(0n);
      expect(await tx.$queryRaw(ROLLUP), step).toEqual(kept);
      expect(await tx.$queryRaw(ROLLUP_BY_KIND), step).toEqual(keptByKind);
      await tx.$executeRaw`SELECT market_rollup_rebuild()`;
      expect(await tx.$queryRaw(ROLLUP), step).toEqual(kept);
      await tx.$executeRaw`SELECT market_keys_rebuild()`;
      expect(await tx.$queryRaw(ROLLUP_BY_KIND), step).toEqual(keptByKind);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
}
class Rollback extends Error {}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  A = (await prisma.council.create({ data: { code: 'RUA', name: 'Rollup A' } })).id;
  B = (await prisma.council.create({ data: { code: 'RUB', name: 'Rollup B' } })).id;
  loc.L1 = (await prisma.locality.create({ data: { councilId: A, code: 'L1', name: 'Bingley' } })).id;
  loc.L2 = (await prisma.locality.create({ data: { councilId: A, code: 'L2', name: 'City' } })).id;
  loc.B1 = (await prisma.locality.create({ data: { councilId: B, code: 'L1', name: 'Elsewhere' } })).id;
  await contract(A, 'LOC', 'LOCALITY', 21);
  await contract(A, 'ISF', 'ISF', 19.5);
  await contract(A, 'SPOT', 'SPOT', 23.25);
  await contract(A, 'STEP', 'STEP', 20.6);
  await contract(B, 'B-LOC', 'LOCALITY', 30);
  await contract(A, 'LOC-SPOT', 'SPOT', 25, 'GOOD', 'LOC'); // the locality provider's spot contract
  await contract(A, 'ISF2', 'ISF', 18, 'OUTSTANDING');
  await contract(A, 'STEP2', 'STEP', 22, 'REQUIRES_IMPROVEMENT');
});

describe('the weekly rollup', () => {
  it('equals a recount of the lines after every insert, change, end and removal', async () => {
    const ann = await person(A, loc.L1);
    const bob = await person(A, loc.L2);
    const p1 = await pkg(A, loc.L1, ann);
    const p2 = await pkg(A, loc.L1, ann); // Ann's second package: she counts once
    const p3 = await pkg(A, loc.L2, bob);
    const other = await pkg(B, loc.B1, await person(B, loc.B1));
    await expectExact('nothing placed');

    const a1 = await line(A, p1, 'LOC', 10.5, '2024-06-03');
    const a2 = await line(A, p1, 'ISF', 3.25, '2025-01-01', '2025-09-01');
    await line(A, p2, 'SPOT', 7, '2025-08-15', '2026-02-01');
    const b1 = await line(A, p3, 'STEP', 14, '2023-01-01');
    await line(A, p3, null, 6, '2025-01-01'); // not placed: never counts
    await line(B, other, 'B-LOC', 20, '2025-03-01');
    await line(A, p1, 'LOC', 2, asOf); // starts on the last week's day
    await line(A, p2, 'ISF', 1, addDays(asOf, 1)); // starts after it
    const d1 = await line(A, p1, 'LOC-SPOT', 2.5, '2024-09-01', null, 'DOMESTIC');
    const n1 = await line(A, p3, 'ISF2', 4, '2025-05-05', '2026-05-05', 'NIGHT');
    await line(A, p2, 'STEP2', 3, '2024-12-01', null, 'DOMESTIC');
    await line(A, p2, 'STEP2', 1.25, '2025-02-10', '2025-03-10', 'DOMESTIC'); // inside the line above
    await expectExact('lines added');

    // A line ended, one changed in hours and rate, one moved to another contract type, one to another start.
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: a1 } }, data: { endDate: new Date('2026-03-02') } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: a2 } }, data: { hoursPerWeek: 4.75, hourlyRate: 20.1 } });
    await prisma.serviceLine.update({
      where: { councilId_id: { councilId: A, id: b1 } },
      data: { contractId: con.SPOT.id, providerId: con.SPOT.providerId, hourlyRate: 23.25 },
    });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: a2 } }, data: { startDate: new Date('2024-11-20') } });
    await expectExact('lines changed and ended');

    // A contract's type changes (its lines take the new type), a package moves locality and person.
    await prisma.contract.update({ where: { councilId_id: { councilId: A, id: con.SPOT.id } }, data: { type: 'ISF' } });
    await prisma.package.update({ where: { councilId_id: { councilId: A, id: p2 } }, data: { localityId: loc.L2 } });
    await prisma.package.update({ where: { councilId_id: { councilId: A, id: p3 } }, data: { personId: ann } });
    await expectExact('contract type, locality and person changed');

    // A provider's new CQC rating (its lines take it), a line moved to another service type, one
    // to another provider and contract type (leaving its provider with no line), one ended early.
    await prisma.provider.update({ where: { id: con.LOC.providerId }, data: { cqcRating: 'INADEQUATE' } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: d1 } }, data: { type: 'SHOPPING' } });
    await prisma.serviceLine.update({
      where: { councilId_id: { councilId: A, id: n1 } },
      data: { contractId: con.STEP2.id, providerId: con.STEP2.providerId, hourlyRate: 22 },
    });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: d1 } }, data: { endDate: new Date('2025-10-10') } });
    await expectExact('rating, service type and provider changed');

    // Many lines in one statement, then some ended and removed in one statement each; a line unplaced.
    const packages = await Promise.all(Array.from({ length: 6 }, async (_, i) => pkg(A, i % 2 ? loc.L1 : loc.L2, i % 3 ? ann : bob)));
    await prisma.serviceLine.createMany({
      data: packages.flatMap((packageId, i) =>
        [0, 1, 2].map((j) => ({
          councilId: A,
          packageId,
          type: 'PERSONAL_CARE' as const,
          hoursPerWeek: 1.5 + i + j,
          startDate: new Date(addDays('2025-01-06', 37 * i + 11 * j)),
          endDate: j === 2 ? new Date(addDays('2025-01-06', 37 * i + 200)) : null,
          providerId: con[j ? 'LOC' : 'ISF'].providerId,
          contractId: con[j ? 'LOC' : 'ISF'].id,
          hourlyRate: j ? 21 : 19.5,
        })),
      ),
    });
    await expectExact('a batch of lines added');
    await prisma.serviceLine.updateMany({
      where: { councilId: A, packageId: { in: packages.slice(0, 3) }, endDate: null },
      data: { endDate: new Date('2026-06-01') },
    });
    await prisma.serviceLine.deleteMany({ where: { councilId: A, packageId: packages[4] } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: a1 } }, data: { contractId: null, providerId: null, hourlyRate: null } });
    await expectExact('a batch ended and one removed');

    // The worker's upkeep folds the rows of each council together for good; no figure moves.
    const before = await prisma.$queryRaw<{ n: bigint }[]>(UNFOLDED);
    expect(before[0].n).toBeGreaterThan(0n);
    const folded = await compactMarketRollups(prisma);
    expect(folded.councils).toBeGreaterThanOrEqual(2);
    expect(folded.rowsFolded).toBeGreaterThanOrEqual(Number(before[0].n));
    expect((await prisma.$queryRaw<{ n: bigint }[]>(UNFOLDED))[0].n).toBe(0n);
    await expectExact('rows folded together');
  });
});
