import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMarketOverview } from '@/lib/dashboard/get-market-overview';
import { buildMarket, buildSeedMarket } from '@/prisma/seed/build-market';
import { KIRKHOLME_DIR } from '@/prisma/seed/kirkholme-files';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { marketFigures } from '../support/market-figures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

const now = new Date('2026-11-23T09:00:00Z');
let prisma: PrismaClient;

/** A digest of every table's rows in a fixed order, leaving out password hashes (salted). */
async function databaseDigest(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ digest: string | null; n: number }[]>(
      `SELECT md5(string_agg(to_jsonb(t)::text, '|' ORDER BY to_jsonb(t)::text)) AS digest, count(*)::int AS n
       FROM (SELECT * FROM "${name}") t`.replace('SELECT * FROM "User"', 'SELECT id, email, name, role, "councilId", "providerId", "createdAt" FROM "User"'),
    );
    out[name] = `${rows[0].n}:${rows[0].digest}`;
  }
  return out;
}

let first: Record<string, string>;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true, demoPassword: 'first-password' });
  first = await databaseDigest();
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe('seeding the database', () => {
  it('leaves planner statistics for the tables it filled, so the first pages opened are planned for their real size', async () => {
    const counts: Record<string, number> = {
      Package: await prisma.package.count(),
      Placement: await prisma.placement.count(),
      Visit: await prisma.visit.count(),
    };
    const planned = await prisma.$queryRaw<{ relname: string; reltuples: number }[]>`
      SELECT relname::text AS relname, reltuples::float8 AS reltuples FROM pg_class
      WHERE oid = ANY (ARRAY['"Package"', '"Placement"', '"Visit"']::regclass[])`;
    expect(planned.map((r) => r.relname).sort()).toEqual(Object.keys(counts));
    for (const { relname, reltuples } of planned) expect(Math.abs(reltuples - counts[relname]), relname).toBeLessThanOrEqual(counts[relname] * 0.05);
  });

  it('writes the same rows, byte for byte, for the same seed', async () => {
    expect(Number(first.Package.split(':')[0])).toBeGreaterThan(4000);
    await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true, demoPassword: 'second-password' });
    expect(await databaseDigest()).toEqual(first);
  }, 120_000);

  it('builds different rows for another seed, and the same Kirkholme files', () => {
    // What the seed writes is the builder's rows (above) and Kirkholme's files, which do not
    // depend on the seed: comparing the builder's rows shows another seed gives another market.
    const a = buildSeedMarket({ seed: 2022, now });
    const b = buildSeedMarket({ seed: 99, now });
    const json = (v: unknown) => JSON.stringify(v);
    expect(json(b.generated.packages)).not.toBe(json(a.generated.packages));
    expect(json(b.generated.people)).not.toBe(json(a.generated.people));
    const kirkholme = (m: typeof a) => m.generated.councils.find((c) => c.code === 'KHC')!.id;
    expect(json(b.generated.packages.filter((p) => p.councilId === kirkholme(b)))).not.toBe(
      json(a.generated.packages.filter((p) => p.councilId === kirkholme(a))),
    );
  });

  it('loads Kirkholme through the importer: its market is the files, with the ids the builder gave them', async () => {
    const council = await prisma.council.findUniqueOrThrow({ where: { code: 'KHC' } });
    const files = buildSeedMarket({ seed: 2022, now }).fromFiles;
    const count = (sheet: string) =>
      readFileSync(path.join(KIRKHOLME_DIR, `${sheet}.csv`), 'utf8')
        .trim()
        .split('\n').length - 1;
    const imported = await prisma.package.findMany({ where: { councilId: council.id, reference: { startsWith: 'KHC-M-' } }, select: { id: true } });
    expect(imported.length).toBe(count('packages'));
    expect(new Set(imported.map((p) => p.id))).toEqual(new Set(files.packages.map((p) => p.id)));
    expect(await prisma.contract.count({ where: { councilId: council.id } })).toBe(count('contracts'));
    expect(await prisma.councilProvider.count({ where: { councilId: council.id } })).toBe(count('providers'));
    expect(await prisma.visit.count({ where: { councilId: council.id, package: { reference: { startsWith: 'KHC-M-' } } } })).toBe(count('visits'));
    // Shared providers keep Bradford's details and are registered with both councils.
    const shared = await prisma.provider.findMany({ where: { councils: { some: { councilId: council.id } } }, include: { councils: true } });
    expect(shared.filter((p) => p.councils.length === 2)).toHaveLength(8);
    // Generated rows (ended and waiting packages, their offers) refer to the imported contracts.
    expect(await prisma.offer.count({ where: { councilId: council.id, contract: { reference: { startsWith: 'KHC-' } } } })).toBeGreaterThan(0);
    expect(await prisma.package.count({ where: { councilId: council.id, status: 'ENDED' } })).toBe(90);
  });

  it('gives every package its earliest visit start, and leaves the trigger that keeps it on', async () => {
    const [wrong] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Package" p
      WHERE p."firstVisitStart" IS DISTINCT FROM (SELECT min(v."start") FROM "Visit" v WHERE v."councilId" = p."councilId" AND v."packageId" = p."id")`;
    expect(wrong.n).toBe(0);
    const [trigger] = await prisma.$queryRaw<{ enabled: string }[]>`
      SELECT tgenabled::text AS enabled FROM pg_trigger WHERE tgname = 'Visit_first_start_to_package'`;
    expect(trigger.enabled).toBe('O');
  });

  it('leaves a database that already holds a market alone', async () => {
    const result = await seedDatabase(testDatabaseUrl(), { seed: 2022, now });
    expect(result.seeded).toBe(false);
  });
});

describe('market overview', () => {
  it('shows the figures recounted from the seeded rows, for its own council only', async () => {
    // The database holds the seed-2022 market from above (seeded twice, byte for byte the same).
    const rows = buildMarket({ seed: 2022, now });
    for (const code of ['BDC', 'KHC']) {
      const council = await prisma.council.findUniqueOrThrow({ where: { code } });
      const expected = marketFigures(rows, code, now);
      const overview = await getMarketOverview(prisma, council.id, now);
      expect(overview.people).toBe(expected.peopleReceiving);
      expect(overview.packages).toBe(expected.activeServices);
      expect(overview.providers.registered).toBe(expected.providers);
      expect(overview.waiting).toHaveLength(expected.waiting);
      expect(overview.hoursPerWeek).toBeCloseTo(expected.meanHoursPerPerson * expected.peopleReceiving, 6);
      expect(overview.doubleHandedShare).toBeCloseTo(expected.doubleHandedShare, 9);
      const byType = overview.byContractType.reduce((s, r) => s + r.hours, 0);
      expect(byType).toBeCloseTo(overview.hoursPerWeek, 6);
    }
  });
});
