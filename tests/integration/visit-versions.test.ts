import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { changePackage } from '@/lib/package/change-package';
import { getPackageForStaff } from '@/lib/package/get-package-for-staff';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { getDoubleHandedTrajectory } from '@/lib/dashboard/get-double-handed-trajectory';
import { dashboardFilters } from '@/lib/dashboard/filters';
import { isVisitInForce, londonDay, visitsInForceWhere } from '@/lib/domain/visit-versions';
import { buildCouncil, draftFor, type TFixture, rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

let prisma: PrismaClient;
let fx: TFixture;
const now = new Date('2026-11-23T09:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'VIS', localityProviders: 2 });
});

afterAll(async () => {
  await prisma.$disconnect();
});

const morning = { days: ['MON' as const, 'WED' as const, 'FRI' as const], start: '07:30', minutes: 60, carers: 2 as const };
const evening = { days: ['MON' as const], start: '18:00', minutes: 45, carers: 1 as const };

async function placed() {
  const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx, { visits: [morning, evening] }) });
  await postPackage(prisma, fx.broker, { packageId: saved.id }, now);
  const [offer] = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' }, orderBy: { rank: 'asc' } });
  await acceptOffer(prisma, fx.providerActor(offer.providerId), { offerId: offer.id }, now);
  return saved;
}

describe('visit versions', () => {
  it('a change ends the changed visit on the effective day and continues it as a new version; nothing is deleted', async () => {
    const pkg = await placed();
    const before = await prisma.visit.findMany({ where: { packageId: pkg.id } });
    expect(before).toHaveLength(2);
    // The morning call goes down to one carer from 1 Dec; the evening call stays as it is.
    await changePackage(
      prisma,
      fx.broker,
      { packageId: pkg.id, expectedVersion: 2, visits: [{ ...morning, carers: 1 }, evening], effectiveDate: '2026-12-01' },
      now,
    );
    const visits = await prisma.visit.findMany({ where: { packageId: pkg.id }, orderBy: [{ start: 'asc' }, { startDate: { sort: 'asc', nulls: 'first' } }] });
    expect(visits.map((v) => [v.start, v.carers, iso(v.startDate), iso(v.endDate)])).toEqual([
      ['07:30', 2, null, '2026-12-01'],
      ['07:30', 1, '2026-12-01', null],
      ['18:00', 1, null, null],
    ]);
    expect(visits[1].supersedesId).toBe(visits[0].id);
    for (const old of before) expect(visits.map((v) => v.id)).toContain(old.id);

    // Read on 30 Nov the old version is in force; from 1 Dec the new one. The page shows the other as history.
    const onThe30th = await getPackageForStaff(prisma, fx.broker, pkg.reference, '127.0.0.1', new Date('2026-11-30T12:00:00Z'));
    expect(onThe30th.visits.map((v) => [v.start, v.carers])).toEqual([
      ['07:30', 2],
      ['18:00', 1],
    ]);
    expect(onThe30th.visitHistory.map((v) => [v.start, v.carers, iso(v.startDate)])).toEqual([['07:30', 1, '2026-12-01']]);
    const later = await getPackageForStaff(prisma, fx.broker, pkg.reference, '127.0.0.1', new Date('2026-12-02T12:00:00Z'));
    expect(later.visits.map((v) => [v.start, v.carers])).toEqual([
      ['07:30', 1],
      ['18:00', 1],
    ]);
    expect(later.visitHistory.map((v) => [v.start, v.carers, iso(v.endDate)])).toEqual([['07:30', 2, '2026-12-01']]);

    // A later change cannot start before the last one.
    const error = await rejection(
      changePackage(prisma, fx.broker, { packageId: pkg.id, expectedVersion: 3, visits: [evening], effectiveDate: '2026-11-28' }, now),
    );
    expect(error.fieldErrors?.effectiveDate?.[0]).toContain('1 Dec 2026');
  });

  it('the package keeps the earliest start of the visits in force today (firstVisitStart)', async () => {
    const pkg = await placed();
    const today = new Date().toISOString().slice(0, 10);
    await changePackage(prisma, fx.broker, { packageId: pkg.id, expectedVersion: 2, visits: [evening], effectiveDate: today }, now);
    expect(await prisma.package.findFirstOrThrow({ where: { id: pkg.id }, select: { firstVisitStart: true } })).toEqual({ firstVisitStart: '18:00' });
    expect(await prisma.visit.count({ where: { packageId: pkg.id } })).toBe(2);
  });

  it('the rule for "in force" gives the same rows as a predicate, a Prisma filter and SQL', async () => {
    const pkg = await placed();
    const dates: [string | null, string | null][] = [
      [null, null],
      [null, '2026-12-05'],
      ['2026-12-01', null],
      ['2026-12-01', '2026-12-05'],
      ['2026-12-03', '2026-12-03'],
      ['2026-12-06', null],
    ];
    await prisma.visit.createMany({
      data: dates.map(([s, e], i) => ({
        councilId: fx.councilId,
        packageId: pkg.id,
        days: ['SUN' as const],
        start: `${10 + i}:00`,
        minutes: 15,
        carers: 1,
        startDate: s ? day(s) : null,
        endDate: e ? day(e) : null,
      })),
    });
    const all = await prisma.visit.findMany({ where: { packageId: pkg.id } });
    for (const at of ['2026-11-30', '2026-12-01', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']) {
      const instant = new Date(`${at}T12:00:00Z`);
      const byPredicate = all.filter((v) => isVisitInForce(v, instant)).map((v) => v.id);
      const byPrisma = (await prisma.visit.findMany({ where: { packageId: pkg.id, ...visitsInForceWhere(instant) } })).map((v) => v.id);
      const bySql = (
        await prisma.$queryRaw<
          { id: string }[]
        >`SELECT id FROM "Visit" v WHERE "packageId" = ${pkg.id}::uuid AND "visit_in_force"(v."startDate", v."endDate", ${at}::date)`
      ).map((r) => r.id);
      expect(new Set(byPrisma), at).toEqual(new Set(byPredicate));
      expect(new Set(bySql), at).toEqual(new Set(byPredicate));
    }
    expect(iso(londonDay(new Date('2026-06-30T23:30:00Z')))).toBe('2026-07-01');
  });
});

describe('double-handed trajectory', () => {
  it('counts visits that went from two carers to one, with the median days, as a recount from the raw rows does', async () => {
    const council = await buildCouncil(prisma, { code: 'TRJ', localityProviders: 1 });
    const { councilId } = council;
    // Each package: its care start and its visit chains, each chain a list of [carers, startDate, endDate] versions.
    type TVersion = [1 | 2, string | null, string | null];
    const plans: { locality: string; careStart: string; chains: TVersion[][] }[] = [
      // Two carers from the start (care began 1 Oct), one from 15 Oct: 14 days.
      {
        locality: council.localities.l1,
        careStart: '2026-10-01',
        chains: [
          [
            [2, null, '2026-10-15'],
            [1, '2026-10-15', null],
          ],
        ],
      },
      // Went to two carers on 5 Oct, stayed two through a longer visit on 10 Oct, one from 25 Oct: 20 days. A second chain never changed.
      {
        locality: council.localities.l1,
        careStart: '2026-09-01',
        chains: [
          [
            [1, null, '2026-10-05'],
            [2, '2026-10-05', '2026-10-10'],
            [2, '2026-10-10', '2026-10-25'],
            [1, '2026-10-25', null],
          ],
          [[2, null, null]],
        ],
      },
      // Another locality: two carers from 1 Nov, one from 4 Nov (3 days), then two again and one again on 30 Nov (10 days after 20 Nov).
      {
        locality: council.localities.l2,
        careStart: '2026-11-01',
        chains: [
          [
            [2, null, '2026-11-04'],
            [1, '2026-11-04', '2026-11-20'],
            [2, '2026-11-20', '2026-11-30'],
            [1, '2026-11-30', null],
          ],
        ],
      },
      // Out of the period: stepped down in 2025.
      {
        locality: council.localities.l2,
        careStart: '2025-01-01',
        chains: [
          [
            [2, null, '2025-02-01'],
            [1, '2025-02-01', null],
          ],
        ],
      },
    ];
    const person = await prisma.person.create({
      data: {
        councilId,
        givenName: 'Tom',
        familyName: 'Trajectory',
        dateOfBirth: day('1940-01-01'),
        nhsNumber: '9434765919',
        addressLine1: '1 Lane',
        town: 'Town',
        postcode: 'BD1 1HY',
        localityId: council.localities.l1,
      },
    });
    let n = 0;
    for (const plan of plans) {
      const pkg = await prisma.package.create({
        data: {
          councilId,
          reference: `TRJ-${String(++n).padStart(6, '0')}`,
          personId: person.id,
          localityId: plan.locality,
          pathway: 'LONG_TERM',
          status: 'PLACED',
        },
      });
      await prisma.serviceLine.create({ data: { councilId, packageId: pkg.id, type: 'PERSONAL_CARE', hoursPerWeek: 7, startDate: day(plan.careStart) } });
      let hour = 6;
      for (const chain of plan.chains) {
        let previous: string | null = null;
        hour += 2;
        for (const [carers, s, e] of chain) {
          const v: { id: string } = await prisma.visit.create({
            data: {
              councilId,
              packageId: pkg.id,
              days: ['MON'],
              start: `${String(hour).padStart(2, '0')}:00`,
              minutes: 30,
              carers,
              startDate: s ? day(s) : null,
              endDate: e ? day(e) : null,
              supersedesId: previous,
            },
          });
          previous = v.id;
        }
      }
    }

    const filters = dashboardFilters({ from: '2026-01-01', to: '2026-12-31' }, new Date('2026-12-06T12:00:00Z'));
    const figure = await getDoubleHandedTrajectory(prisma, councilId, filters);

    // The recount, from the raw rows: follow each version back through supersedesId.
    const rows = await prisma.visit.findMany({ where: { councilId }, include: { package: { select: { localityId: true, serviceLines: true } } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const stepDowns: { locality: string; days: number }[] = [];
    for (const v of rows) {
      const prev = v.supersedesId ? byId.get(v.supersedesId) : undefined;
      if (v.carers !== 1 || !prev || prev.carers !== 2 || !v.startDate) continue;
      let first = prev;
      while (first.supersedesId && byId.get(first.supersedesId)!.carers === 2) first = byId.get(first.supersedesId)!;
      const began = first.startDate ?? new Date(Math.min(...first.package.serviceLines.map((l) => l.startDate.getTime())));
      if (iso(v.startDate)! < filters.from || iso(v.startDate)! > filters.to) continue;
      stepDowns.push({ locality: v.package.localityId, days: (v.startDate.getTime() - began.getTime()) / 86_400_000 });
    }
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = (s.length - 1) / 2;
      return (s[Math.floor(m)] + s[Math.ceil(m)]) / 2;
    };
    expect(stepDowns.map((s) => s.days).sort((a, b) => a - b)).toEqual([3, 10, 14, 20]);
    expect(figure.overall).toMatchObject({ stepDowns: stepDowns.length, packages: 3, medianDays: median(stepDowns.map((s) => s.days)) });
    for (const locality of [council.localities.l1, council.localities.l2]) {
      const mine = stepDowns.filter((s) => s.locality === locality).map((s) => s.days);
      expect(figure.byLocality.find((r) => r.localityId === locality)).toMatchObject({ stepDowns: mine.length, medianDays: median(mine) });
    }
    // A locality chosen counts only its own.
    const l2 = await getDoubleHandedTrajectory(prisma, councilId, { ...filters, localityId: council.localities.l2 });
    expect(l2.overall).toMatchObject({ stepDowns: 2, medianDays: 6.5 });
  });
});
