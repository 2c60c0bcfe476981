import type { ContractType, PrismaClient } from '@prisma/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardFilters } from '@/lib/dashboard/filters';
import { getWeeklyTrends, TREND_WEEKS } from '@/lib/dashboard/get-weekly-trends';
import { resetDatabase, testPrisma } from './support/database';

// The weekly trends are read from a rollup the database keeps (MarketDayChange, MarketSpan). After
// each step of a series of writes (lines added, changed, ended, moved to another contract type,
// deleted, a package moved to another locality and to another person, a whole batch in one
// statement) the weeks read from the rollup equal a recount of the raw lines, for the council and
// for each locality, and the rollup equals one rebuilt from nothing.

const asOf = '2026-11-23';
let prisma: PrismaClient;
let A: string;
let B: string;
const loc: Record<'L1' | 'L2' | 'B1', string> = { L1: '', L2: '', B1: '' };
const con: Record<string, { id: string; providerId: string; rate: number }> = {};
let seq = 0;

async function contract(councilId: string, key: string, type: ContractType, rate: number) {
  const p = await prisma.provider.create({ data: { name: `Provider ${key}`, cqcLocationId: `1-${key}`, cqcRating: 'GOOD' } });
  const c = await prisma.contract.create({
    data: { councilId, reference: key, providerId: p.id, type, hourlyRate: rate, validFrom: new Date('2024-04-01') },
  });
  con[key] = { id: c.id, providerId: p.id, rate };
}

async function person(councilId: string, localityId: string) {
  seq++;
  const p = await prisma.person.create({
    data: {
      councilId,
      givenName: 'Test',
      familyName: `Person ${seq}`,
      dateOfBirth: new Date('1940-01-01'),
      nhsNumber: `998${String(seq).padStart(7, '0')}`,
      addressLine1: '1 Street',
      town: 'Town',
      postcode: 'BD1 1AA',
      localityId,
    },
  });
  return p.id;
}

async function pkg(councilId: string, localityId: string, personId: string) {
  seq++;
  const p = await prisma.package.create({
    data: { councilId, reference: `R-${seq}`, personId, localityId, pathway: 'LONG_TERM', status: 'PLACED' },
  });
  return p.id;
}

async function line(councilId: string, packageId: string, key: string | null, hours: number, start: string, end: string | null = null) {
  const c = key ? con[key] : null;
  const l = await prisma.serviceLine.create({
    data: {
      councilId,
      packageId,
      type: 'PERSONAL_CARE',
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

/** The rollup's changes that are not zero, to compare with one rebuilt from the lines. */
async function rollup() {
  return prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT "councilId", scope, to_char(day, 'YYYY-MM-DD') AS day, hours::text, cost::float8 AS cost, "localityHours"::text, "isfHours"::text,
           "spotHours"::text, packages, people
    FROM "MarketDayChange"
    WHERE hours <> 0 OR cost <> 0 OR "localityHours" <> 0 OR "isfHours" <> 0 OR "spotHours" <> 0 OR packages <> 0 OR people <> 0
    ORDER BY 1, 2, 3`;
}

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
  }
  const kept = await rollup();
  await prisma
    .$transaction(async (tx) => {
      await tx.$executeRaw`SELECT market_rollup_rebuild()`;
      const rebuilt = await tx.$queryRaw<Record<string, unknown>[]>`
      SELECT "councilId", scope, to_char(day, 'YYYY-MM-DD') AS day, hours::text, cost::float8 AS cost, "localityHours"::text, "isfHours"::text,
             "spotHours"::text, packages, people
      FROM "MarketDayChange"
      WHERE hours <> 0 OR cost <> 0 OR "localityHours" <> 0 OR "isfHours" <> 0 OR "spotHours" <> 0 OR packages <> 0 OR people <> 0
      ORDER BY 1, 2, 3`;
      expect(rebuilt, step).toEqual(kept);
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
  });
});
