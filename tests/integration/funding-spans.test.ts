import { Prisma, type Funding, type Pathway, type PrismaClient } from '@prisma/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardFilters } from '@/lib/dashboard/filters';
import { ARRANGEMENTS, getSpendByFunder } from '@/lib/dashboard/get-spend-by-funder';
import { fundingArrangement, inPounds, weekOfCare } from '@/lib/domain/funding';
import { fundedLineOf, fundingFactsOf } from '@/lib/package/get-funding';
import { createTestPerson } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// Spend by funder is read from the spans the database keeps of each package's week
// (PackageFundingSpan). After each step of a series of writes (lines added, changed, ended,
// unplaced, moved to another package and removed; a package's funding, share, Section 117,
// contribution, review and locality changed; a batch in one statement; a package deleted) the
// section on days across two years, and around reablement's free weeks, equals a recount of the
// raw rows with the domain's own rule (weekOfCare), to the penny, for the council and for each
// locality, its whole equal to the market's spend; and the spans equal ones rebuilt from nothing.

let prisma: PrismaClient;
let A: string;
let B: string;
const loc: Record<'L1' | 'L2' | 'B1', string> = { L1: '', L2: '', B1: '' };
const con: Record<'A' | 'B', { id: string; providerId: string }> = { A: { id: '', providerId: '' }, B: { id: '', providerId: '' } };
let seq = 0;

type TPackageFacts = {
  pathway?: Pathway;
  funding?: Funding;
  icbSharePercent?: number | null;
  s117Aftercare?: boolean;
  clientContributionWeekly?: number | null;
  reablementReviewedOn?: string | null;
};

async function pkg(councilId: string, localityId: string, facts: TPackageFacts = {}) {
  const n = ++seq;
  const person = await createTestPerson(prisma, councilId, localityId);
  const { reablementReviewedOn, clientContributionWeekly, ...rest } = facts;
  const p = await prisma.package.create({
    data: {
      councilId,
      reference: `F-${n}`,
      personId: person.id,
      localityId,
      pathway: 'LONG_TERM',
      status: 'PLACED',
      ...rest,
      clientContributionWeekly,
      financialAssessmentOn: clientContributionWeekly == null ? null : new Date('2024-01-01'),
      reablementReviewedOn: reablementReviewedOn ? new Date(reablementReviewedOn) : null,
    },
  });
  return p.id;
}

/** A line: placed at `rate` under the council's contract, or (rate null) not placed. */
async function line(
  councilId: string,
  packageId: string,
  hours: number,
  rate: number | null,
  start: string,
  end: string | null = null,
  icbSharePercent?: number,
) {
  const c = councilId === A ? con.A : con.B;
  const l = await prisma.serviceLine.create({
    data: {
      councilId,
      packageId,
      type: 'PERSONAL_CARE',
      hoursPerWeek: hours,
      startDate: new Date(start),
      endDate: end ? new Date(end) : null,
      providerId: rate === null ? null : c.providerId,
      contractId: rate === null ? null : c.id,
      hourlyRate: rate,
      icbSharePercent,
    },
  });
  return l.id;
}

const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Who pays on `day`, straight from the lines and packages: each package's week by weekOfCare,
 * added exactly by arrangement and for every package, then in pounds and pence.
 */
async function recount(councilId: string, localityId: string | null, day: string) {
  const packages = await prisma.package.findMany({
    where: { councilId, ...(localityId ? { localityId } : {}) },
    include: { serviceLines: true },
  });
  const none = () => ({ packages: 0, total: 0n, icb: 0n, person: 0n });
  const sums = new Map<string, ReturnType<typeof none>>([...ARRANGEMENTS, 'ALL'].map((a) => [a, none()]));
  let reviewsOverdue = 0;
  const at = new Date(`${day}T00:00:00Z`);
  for (const p of packages) {
    const inForce = p.serviceLines.filter((l) => l.contractId !== null && l.startDate <= at && (l.endDate === null || l.endDate > at));
    if (!inForce.length) continue;
    const facts = fundingFactsOf(p);
    const careStart = iso(new Date(Math.min(...p.serviceLines.map((l) => l.startDate.getTime()))));
    const week = weekOfCare(facts, inForce.map(fundedLineOf), day, careStart);
    for (const row of [sums.get(fundingArrangement(facts))!, sums.get('ALL')!]) {
      row.packages += 1;
      row.total += week.total;
      row.icb += week.icb;
      row.person += week.person;
    }
    if (week.reviewOverdue) reviewsOverdue += 1;
  }
  const figures = (key: string) => {
    const { packages, ...week } = sums.get(key)!;
    return { packages, ...inPounds(week) };
  };
  return { figures, reviewsOverdue };
}

/** Hours × rate of the placed lines in force on `day`, added up exactly and rounded half up to the penny. */
async function marketSpend(councilId: string, localityId: string | null, day: string) {
  const [r] = await prisma.$queryRaw<{ spend: number }[]>`
    SELECT round(coalesce(sum(l."hoursPerWeek" * l."hourlyRate"), 0), 2)::float8 AS spend
    FROM "ServiceLine" l JOIN "Package" p ON p."councilId" = l."councilId" AND p.id = l."packageId"
    WHERE l."councilId" = ${councilId}::uuid AND l."contractId" IS NOT NULL AND l."startDate" <= ${day}::date
      AND (l."endDate" IS NULL OR l."endDate" > ${day}::date) AND (${localityId}::uuid IS NULL OR p."localityId" = ${localityId}::uuid)`;
  return r.spend;
}

const SPANS = Prisma.sql`
  SELECT "councilId", "packageId", "localityId", "start"::text, "end"::text, "arrangement", "total"::text, "icb"::text,
         "contribution"::text, "careStart"::text, "reviewedOn"::text
  FROM "PackageFundingSpan" ORDER BY 1, 2, 4`;

const REBUILT = Prisma.sql`
  SELECT "councilId", "packageId", "localityId", "start"::text, "end"::text, "arrangement", "total"::text, "icb"::text,
         "contribution"::text, "careStart"::text, "reviewedOn"::text
  FROM "package_funding_spans"(NULL, NULL) ORDER BY 1, 2, 4`;

/** Days across two years, and around the reablement packages' free weeks and reviews. */
const DAYS = [
  ...Array.from({ length: 16 }, (_, i) => addDays('2026-11-23', -47 * i)),
  ...[0, 41, 42, 43, 48, 49, 50, 56].flatMap((n) => [addDays('2026-08-20', n), addDays('2026-09-01', n)]),
  '2027-03-01',
];

async function expectExact(step: string) {
  for (const [councilId, localityId] of [
    [A, null],
    [A, loc.L1],
    [A, loc.L2],
    [B, null],
  ] as const) {
    for (const day of DAYS) {
      const where = `${step}, ${localityId ?? 'all'}, ${day}`;
      const got = await getSpendByFunder(prisma, councilId, dashboardFilters({ asOf: day, ...(localityId ? { locality: localityId } : {}) }, new Date()));
      const want = await recount(councilId, localityId, day);
      for (const r of got.rows) expect(r, `${where}, ${r.arrangement}`).toEqual({ arrangement: r.arrangement, ...want.figures(r.arrangement) });
      expect(got.total, `${where}, every package`).toEqual(want.figures('ALL'));
      expect(got.reviewsOverdue, `${where}, reviews overdue`).toBe(want.reviewsOverdue);
      // The whole is the market's spend a week, as the other sections count it.
      expect(got.total.total, `${where}, the market's spend`).toBe(await marketSpend(councilId, localityId, day));
    }
  }
  expect(await prisma.$queryRaw(SPANS), step).toEqual(await prisma.$queryRaw(REBUILT));
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  A = (await prisma.council.create({ data: { code: 'FSA', name: 'Funding A' } })).id;
  B = (await prisma.council.create({ data: { code: 'FSB', name: 'Funding B' } })).id;
  loc.L1 = (await prisma.locality.create({ data: { councilId: A, code: 'L1', name: 'Bingley' } })).id;
  loc.L2 = (await prisma.locality.create({ data: { councilId: A, code: 'L2', name: 'City' } })).id;
  loc.B1 = (await prisma.locality.create({ data: { councilId: B, code: 'L1', name: 'Elsewhere' } })).id;
  for (const [key, councilId] of [
    ['A', A],
    ['B', B],
  ] as const) {
    const provider = await prisma.provider.create({ data: { name: `Provider ${key}`, cqcLocationId: `1-F${key}`, cqcRating: 'GOOD' } });
    const c = await prisma.contract.create({
      data: { councilId, reference: `F-${key}`, providerId: provider.id, type: 'LOCALITY', hourlyRate: 21, validFrom: new Date('2024-04-01') },
    });
    con[key] = { id: c.id, providerId: provider.id };
  }
});

describe('spend by funder', () => {
  it('equals a recount by weekOfCare after every change to the lines and the packages', async () => {
    // Rates and hours that land on half-pennies: 0.25 h × £16.06 = £4.015, rounded up to £4.02.
    const council = await pkg(A, loc.L1, { clientContributionWeekly: 40 });
    const icb = await pkg(A, loc.L1, { funding: 'ICB', clientContributionWeekly: 25 });
    const split = await pkg(A, loc.L2, { icbSharePercent: 37.5, clientContributionWeekly: 500 }); // more than the council's part
    const s117 = await pkg(A, loc.L2, { s117Aftercare: true });
    const reablement = await pkg(A, loc.L1, { pathway: 'REABLEMENT', clientContributionWeekly: 15 });
    const reviewed = await pkg(A, loc.L2, { pathway: 'REABLEMENT', clientContributionWeekly: 12.5, reablementReviewedOn: '2026-10-07' });
    const other = await pkg(B, loc.B1, { clientContributionWeekly: 10 });
    await expectExact('nothing placed');

    const c1 = await line(A, council, 10.25, 16.06, '2024-06-03');
    const c2 = await line(A, council, 0.25, 16.06, '2025-01-01', '2026-03-01');
    await line(A, council, 3, 21.15, '2025-02-10', '2025-03-10', 100); // the ICB's alone
    await line(A, icb, 7.5, 19.55, '2025-05-05');
    const s1 = await line(A, split, 0.25, 21.15, '2024-09-01');
    await line(A, split, 12, 22.4, '2026-01-05', '2026-12-01');
    await line(A, s117, 5, 21, '2023-01-01');
    await line(A, reablement, 0, null, '2026-08-25'); // not placed, but care is planned from it
    const r1 = await line(A, reablement, 8, 20.6, '2026-09-01');
    await line(A, reviewed, 9.5, 20.6, '2026-09-01', '2026-12-15');
    await line(B, other, 20, 30, '2025-03-01');
    await expectExact('lines added');

    // A line ended, one changed in hours and rate, one given its own share, one started earlier, one unplaced.
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: c1 } }, data: { endDate: new Date('2026-06-01') } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: c2 } }, data: { hoursPerWeek: 4.75, hourlyRate: 20.1 } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: s1 } }, data: { icbSharePercent: 0 } });
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: r1 } }, data: { startDate: new Date('2026-08-20') } });
    await prisma.serviceLine.update({
      where: { councilId_id: { councilId: A, id: c2 } },
      data: { contractId: null, providerId: null, hourlyRate: null },
    });
    await expectExact('lines changed, ended and unplaced');

    // Who pays changes: a contribution, a share, Section 117, continuing health care, a review held, a locality.
    const update = (id: string, data: Prisma.PackageUncheckedUpdateInput) => prisma.package.update({ where: { councilId_id: { councilId: A, id } }, data });
    await update(council, { clientContributionWeekly: 12.34 });
    await update(split, { icbSharePercent: 62.25 });
    await update(s117, { s117Aftercare: false, clientContributionWeekly: 5, financialAssessmentOn: new Date('2024-01-01') });
    await update(council, { funding: 'ICB' });
    await update(reablement, { reablementReviewedOn: new Date('2026-10-08') }); // the first day of its week 8 (care from 20 August)
    await update(icb, { localityId: loc.L2 });
    await expectExact('funding, charging and locality changed');

    // A line moved to another package; many lines in one statement, then some ended and removed in one each.
    await prisma.serviceLine.update({ where: { councilId_id: { councilId: A, id: s1 } }, data: { packageId: council } });
    // More packages than one statement locks one by one (64): it locks the council instead.
    const batch = await Promise.all(Array.from({ length: 70 }, (_, i) => pkg(A, i % 2 ? loc.L1 : loc.L2, { clientContributionWeekly: 7.77 * (i % 5) })));
    await prisma.serviceLine.createMany({
      data: batch.flatMap((packageId, i) =>
        [0, 1].map((j) => ({
          councilId: A,
          packageId,
          type: 'PERSONAL_CARE' as const,
          hoursPerWeek: 0.25 + (i % 9) + j,
          startDate: new Date(addDays('2025-01-06', ((37 * i) % 700) + 11 * j)),
          endDate: j ? new Date(addDays('2025-01-06', ((37 * i) % 700) + 300)) : null,
          providerId: con.A.providerId,
          contractId: con.A.id,
          hourlyRate: 16.06 + j,
        })),
      ),
    });
    await expectExact('a line moved and a batch added');
    await prisma.serviceLine.updateMany({
      where: { councilId: A, packageId: { in: batch.slice(0, 2) }, endDate: null },
      data: { endDate: new Date('2026-06-01') },
    });
    await prisma.serviceLine.deleteMany({ where: { councilId: A, packageId: batch[2] } });
    await prisma.package.delete({ where: { councilId_id: { councilId: A, id: batch[3] } } });
    await expectExact('a batch ended, lines removed and a package deleted');
    // Nothing of a deleted package is kept.
    expect(await prisma.packageFundingSpan.count({ where: { packageId: batch[3] } })).toBe(0);
  });
});
