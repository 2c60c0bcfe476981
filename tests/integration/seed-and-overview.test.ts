import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMarketOverview } from '@/lib/dashboard/get-market-overview';
import { buildMarket } from '@/prisma/seed/build-market';
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

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('seeding the database', () => {
  it('writes the same rows, byte for byte, for the same seed, and different rows for another', async () => {
    await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true, demoPassword: 'first-password' });
    const first = await databaseDigest();
    expect(Number(first.Package.split(':')[0])).toBeGreaterThan(4000);

    await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true, demoPassword: 'second-password' });
    expect(await databaseDigest()).toEqual(first);

    await seedDatabase(testDatabaseUrl(), { seed: 99, now, force: true });
    expect((await databaseDigest()).Package).not.toBe(first.Package);
    // Three whole markets: about 45 s on two cores with nothing else running.
  }, 180_000);

  it('leaves a database that already holds a market alone', async () => {
    const result = await seedDatabase(testDatabaseUrl(), { seed: 2022, now });
    expect(result.seeded).toBe(false);
  });
});

describe('market overview', () => {
  it('shows the figures recounted from the seeded rows, for its own council only', async () => {
    await seedDatabase(testDatabaseUrl(), { seed: 2022, now, force: true });
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
