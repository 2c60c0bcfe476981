import { randomUUID } from 'node:crypto';
import type {
  ContractType,
  DeclineReason,
  HospitalStayOutcome,
  OfferStatus,
  Pathway,
  PackageStatus,
  PrismaClient,
  ReablementOutcome,
  ServiceType,
  Weekday,
} from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardFilters, type TDashboardFilters } from '@/lib/dashboard/filters';
import { DECLINE_REASONS, getDeclineReasons, type TDeclineRow } from '@/lib/dashboard/get-decline-reasons';
import { getHoursByServiceType } from '@/lib/dashboard/get-hours-by-service-type';
import { getReablementOutcomes, type TReablementRow } from '@/lib/dashboard/get-reablement-outcomes';
import { getReadyTimeCompliance, type TComplianceRow } from '@/lib/dashboard/get-ready-time-compliance';
import { getRetainers, type TRetainerRow } from '@/lib/dashboard/get-retainers';
import { getWeeklyTrends } from '@/lib/dashboard/get-weekly-trends';
import { sectionBySlug } from '@/lib/dashboard/sections';
import { tableToCsv } from '@/lib/dashboard/table';
import { londonDate, londonWallTime } from '@/lib/time/london';
import { createTestPerson } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';

// The figures the review asks commissioners for, each against a recount written here from the raw
// rows of a small market built for it, with the awkward cases: a package placed before its person
// was ready, care starting days after the placement because its lines start later, a locality in
// two STEP areas, a summer-time day, one ready an hour ago and not placed yet (no outcome yet),
// packages left out (long-term, cancelled, ready outside the period) and another council.

const now = new Date('2026-11-23T09:00:00Z');
let prisma: PrismaClient;
let A: string;
let B: string;
const loc: Record<string, string> = {};
const hosp: Record<string, string> = {};
const prov: Record<string, string> = {};
const con: Record<string, string> = {};
const ALL: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const ids: Record<string, string> = {};

let seq = 0;
type TPkg = {
  status: PackageStatus;
  pathway: Pathway;
  hospital?: string;
  readyAt?: string;
  postedAt?: string;
  visits?: { start: string; days: Weekday[]; minutes?: number; carers?: number }[];
  lines?: { start: string; end?: string; contract?: string; hours?: number; type?: ServiceType; rate?: number }[];
  placements?: { contract: string; startedAt: string; endedAt?: string }[];
  /** The person of this package, instead of a new one. */
  samePersonAs?: string;
  endedAt?: string;
  outcome?: ReablementOutcome;
};
async function pkg(councilId: string, localityId: string, o: TPkg): Promise<string> {
  seq++;
  const person = o.samePersonAs
    ? { id: (await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: o.samePersonAs } } })).personId }
    : await createTestPerson(prisma, councilId, localityId);
  const p = await prisma.package.create({
    data: {
      councilId,
      reference: `R-${seq}`,
      personId: person.id,
      localityId,
      pathway: o.pathway,
      hospitalId: o.hospital ? hosp[o.hospital] : null,
      status: o.status,
      readyAt: o.readyAt ? new Date(o.readyAt) : null,
      postedAt: o.postedAt ? new Date(o.postedAt) : o.status === 'DRAFT' ? null : new Date(o.readyAt ?? '2026-11-01T00:00:00Z'),
      cancelledAt: o.status === 'CANCELLED' ? now : null,
      endedAt: o.endedAt ? new Date(o.endedAt) : null,
      reablementOutcome: o.outcome ?? null,
      visits: { create: (o.visits ?? []).map((v) => ({ start: v.start, days: v.days, minutes: v.minutes ?? 30, carers: v.carers ?? 1 })) },
    },
  });
  for (const l of o.lines ?? []) {
    const c = l.contract ? await prisma.contract.findUniqueOrThrow({ where: { councilId_id: { councilId, id: con[l.contract] } } }) : null;
    await prisma.serviceLine.create({
      data: {
        councilId,
        packageId: p.id,
        type: l.type ?? 'PERSONAL_CARE',
        hoursPerWeek: l.hours ?? 3.5,
        startDate: new Date(l.start),
        endDate: l.end ? new Date(l.end) : null,
        providerId: c?.providerId ?? null,
        contractId: c?.id ?? null,
        hourlyRate: c ? (l.rate ?? c.hourlyRate) : null,
      },
    });
  }
  for (const pl of o.placements ?? []) {
    const c = await prisma.contract.findUniqueOrThrow({ where: { councilId_id: { councilId, id: con[pl.contract] } } });
    await prisma.placement.create({
      data: {
        councilId,
        packageId: p.id,
        providerId: c.providerId,
        contractId: c.id,
        startedAt: new Date(pl.startedAt),
        endedAt: pl.endedAt ? new Date(pl.endedAt) : null,
      },
    });
  }
  return p.id;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  A = (await prisma.council.create({ data: { code: 'RVA', name: 'Review A' } })).id;
  B = (await prisma.council.create({ data: { code: 'RVB', name: 'Review B' } })).id;
  for (const [key, name] of [
    ['L1', 'Keighley'],
    ['L2', 'Shipley'],
    ['L3', 'Ilkley'],
  ])
    loc[key] = (await prisma.locality.create({ data: { councilId: A, code: key, name } })).id;
  loc.B1 = (await prisma.locality.create({ data: { councilId: B, code: 'B1', name: 'Elsewhere' } })).id;
  hosp.H1 = (await prisma.hospital.create({ data: { councilId: A, code: 'BRI', name: 'Bradford Royal Infirmary' } })).id;
  hosp.H2 = (await prisma.hospital.create({ data: { councilId: A, code: 'AGH', name: 'Airedale General' } })).id;
  hosp.HB = (await prisma.hospital.create({ data: { councilId: B, code: 'BRI', name: 'Elsewhere Infirmary' } })).id;
  // Shipley is in both STEP areas.
  await prisma.stepArea.create({
    data: { councilId: A, code: 'N', name: 'North', localities: { create: [{ localityId: loc.L1 }, { localityId: loc.L2 }] } },
  });
  await prisma.stepArea.create({
    data: { councilId: A, code: 'S', name: 'South', localities: { create: [{ localityId: loc.L2 }, { localityId: loc.L3 }] } },
  });
  for (const [name, rating] of [
    ['Acorn Care', 'GOOD'],
    ['Beech Homecare', 'OUTSTANDING'],
  ] as const)
    prov[name] = (await prisma.provider.create({ data: { name, cqcLocationId: `1-${name}`, cqcRating: rating } })).id;
  const contract = async (councilId: string, key: string, provider: string, rate: number, type: ContractType = 'STEP') => {
    con[key] = (
      await prisma.contract.create({
        data: { councilId, reference: key, providerId: prov[provider], type, hourlyRate: rate, validFrom: new Date('2024-04-01') },
      })
    ).id;
  };
  await contract(A, 'ACORN', 'Acorn Care', 21);
  await contract(A, 'BEECH', 'Beech Homecare', 22);
  await contract(B, 'B-ACORN', 'Acorn Care', 25);
  await contract(A, 'LOC', 'Acorn Care', 20, 'LOCALITY');
  await contract(A, 'ISF', 'Beech Homecare', 19.5, 'ISF');
  await contract(A, 'SPOT', 'Beech Homecare', 23, 'SPOT');

  const daily = (start: string) => [{ start, days: ALL }];
  // Placed in 1.5 hours, care at 12:00: placed within 2 hours, care not; a delayed discharge.
  ids.midday = await pkg(A, loc.L1, {
    status: 'PLACED',
    pathway: 'HOSPITAL_DISCHARGE',
    hospital: 'H1',
    readyAt: '2026-11-10T09:00:00Z',
    visits: daily('12:00'),
    lines: [{ start: '2026-11-10', contract: 'ACORN' }],
    placements: [{ contract: 'ACORN', startedAt: '2026-11-10T10:30:00Z' }],
  });
  // Placed in 20 minutes, care at 10:00: both within.
  await pkg(A, loc.L2, {
    status: 'PLACED',
    pathway: 'HOSPITAL_DISCHARGE',
    hospital: 'H1',
    readyAt: '2026-11-11T09:00:00Z',
    visits: daily('10:00'),
    lines: [{ start: '2026-11-11', contract: 'BEECH' }],
    placements: [{ contract: 'BEECH', startedAt: '2026-11-11T09:20:00Z' }],
  });
  // Never placed: waiting, and a delayed discharge.
  ids.afternoon = await pkg(A, loc.L1, {
    status: 'OFFERING',
    pathway: 'HOSPITAL_DISCHARGE',
    hospital: 'H2',
    readyAt: '2026-11-12T14:00:00Z',
    visits: daily('16:00'),
  });
  // Reablement placed in 3 hours, but its line starts two days later: care not within 4 hours.
  ids.morning = await pkg(A, loc.L2, {
    status: 'PLACED',
    pathway: 'REABLEMENT',
    readyAt: '2026-11-13T08:00:00Z',
    visits: daily('07:30'),
    lines: [{ start: '2026-11-15', contract: 'ACORN' }],
    placements: [{ contract: 'ACORN', startedAt: '2026-11-13T11:00:00Z' }],
  });
  // Reablement placed twice: the first placement counts (30 minutes); care only on Mondays (16 Nov).
  await pkg(A, loc.L3, {
    status: 'PLACED',
    pathway: 'REABLEMENT',
    readyAt: '2026-11-14T10:00:00Z',
    visits: [{ start: '09:00', days: ['MON'] }],
    lines: [{ start: '2026-11-14', contract: 'BEECH' }],
    placements: [
      { contract: 'BEECH', startedAt: '2026-11-14T10:30:00Z', endedAt: '2026-11-18T10:00:00Z' },
      { contract: 'ACORN', startedAt: '2026-11-18T12:00:00Z' },
    ],
  });
  // Reablement with the 4-hour target met both ways.
  await pkg(A, loc.L1, {
    status: 'PLACED',
    pathway: 'REABLEMENT',
    readyAt: '2026-11-16T09:00:00Z',
    visits: daily('12:30'),
    lines: [{ start: '2026-11-16', contract: 'BEECH' }],
    placements: [{ contract: 'BEECH', startedAt: '2026-11-16T12:00:00Z' }],
  });
  // Placed an hour before the person was ready; care at 10:30, within 2 hours of ready.
  ids.l3 = await pkg(A, loc.L3, {
    status: 'PLACED',
    pathway: 'HOSPITAL_DISCHARGE',
    hospital: 'H2',
    readyAt: '2026-11-17T10:00:00Z',
    visits: daily('10:30'),
    lines: [{ start: '2026-11-17', contract: 'ACORN' }],
    placements: [{ contract: 'ACORN', startedAt: '2026-11-17T09:00:00Z' }],
  });
  // Ready an hour ago, not placed: no outcome yet, not delayed yet.
  await pkg(A, loc.L2, { status: 'OFFERING', pathway: 'HOSPITAL_DISCHARGE', hospital: 'H1', readyAt: '2026-11-23T08:00:00Z', visits: daily('11:00') });
  // British Summer Time: ready 09:00 BST (08:00 UTC), placed 09:45 BST, care 10:30 BST: within 2 hours.
  await pkg(A, loc.L2, {
    status: 'ENDED',
    pathway: 'HOSPITAL_DISCHARGE',
    hospital: 'H2',
    readyAt: '2026-06-02T08:00:00Z',
    visits: daily('10:30'),
    lines: [{ start: '2026-06-02', end: '2026-07-01', contract: 'BEECH' }],
    placements: [{ contract: 'BEECH', startedAt: '2026-06-02T08:45:00Z', endedAt: '2026-07-01T00:00:00Z' }],
  });
  // Long-term care of several service types: a domestic line ending today and a sitting line
  // starting tomorrow (neither counts today), an unassigned shopping line, a night line at its own rate.
  await pkg(A, loc.L3, {
    status: 'PLACED',
    pathway: 'LONG_TERM',
    visits: daily('08:00'),
    lines: [
      { start: '2026-01-05', contract: 'ACORN', hours: 7 },
      { start: '2026-01-05', contract: 'ACORN', hours: 2, type: 'DOMESTIC' },
      { start: '2026-01-05', end: '2026-11-23', contract: 'ACORN', hours: 1.5, type: 'DOMESTIC' },
      { start: '2026-11-24', contract: 'BEECH', hours: 3, type: 'SITTING' },
      { start: '2026-01-05', hours: 1, type: 'SHOPPING' },
      { start: '2026-03-01', contract: 'BEECH', hours: 10, type: 'NIGHT', rate: 24.5 },
      { start: '2026-03-01', contract: 'BEECH', hours: 2.5, type: 'SOCIAL_INCLUSION' },
    ],
    placements: [{ contract: 'ACORN', startedAt: '2026-01-05T09:00:00Z' }],
  });
  // Two years back: an ISF line that stopped and, after a gap, a spot line (the package is not
  // counted in the gap); a line ending on a week's day (not counted that day) and one starting on
  // it (counted); the same person's second package overlapping the first (one person).
  ids.longAgo = await pkg(A, loc.L1, {
    status: 'PLACED',
    pathway: 'LONG_TERM',
    visits: daily('09:30'),
    lines: [
      { start: '2024-10-01', end: '2025-06-01', contract: 'ISF', hours: 14 },
      { start: '2025-09-01', contract: 'SPOT', hours: 10.5 },
      { start: '2025-01-01', end: '2025-11-24', contract: 'LOC', hours: 4 },
      { start: '2025-11-24', contract: 'LOC', hours: 5 },
    ],
    placements: [{ contract: 'ISF', startedAt: '2024-10-01T09:00:00Z' }],
  });
  await pkg(A, loc.L2, {
    status: 'PLACED',
    pathway: 'LONG_TERM',
    samePersonAs: ids.longAgo,
    visits: daily('18:00'),
    lines: [{ start: '2025-03-01', end: '2026-02-01', contract: 'LOC', hours: 3.5 }],
    placements: [{ contract: 'LOC', startedAt: '2025-03-01T09:00:00Z' }],
  });
  // Reablement ended with an outcome: one placed twice (first started 00:30 London on 4 August,
  // still 3 August in UTC), one whose last day is the period's first, one ending the day before it.
  const ended = (localityId: string, outcome: ReablementOutcome, endedAt: string, placements: TPkg['placements']) =>
    pkg(A, localityId, { status: 'ENDED', pathway: 'REABLEMENT', outcome, endedAt, visits: daily('08:30'), placements });
  await ended(loc.L1, 'INDEPENDENT', '2026-10-06T00:00:00Z', [{ contract: 'ACORN', startedAt: '2026-09-01T10:00:00Z', endedAt: '2026-10-06T00:00:00Z' }]);
  await ended(loc.L2, 'LONG_TERM_NEEDED', '2026-09-14T00:00:00Z', [
    { contract: 'BEECH', startedAt: '2026-08-03T23:30:00Z', endedAt: '2026-08-20T09:00:00Z' },
    { contract: 'ACORN', startedAt: '2026-08-20T10:00:00Z', endedAt: '2026-09-14T00:00:00Z' },
  ]);
  await ended(loc.L3, 'OTHER', '2026-11-16T00:00:00Z', [{ contract: 'BEECH', startedAt: '2026-11-02T09:00:00Z', endedAt: '2026-11-16T00:00:00Z' }]);
  await ended(loc.L1, 'INDEPENDENT', '2025-11-23T00:00:00Z', [{ contract: 'ACORN', startedAt: '2025-11-01T09:00:00Z', endedAt: '2025-11-23T00:00:00Z' }]);
  await ended(loc.L2, 'INDEPENDENT', '2025-11-24T00:00:00Z', [{ contract: 'BEECH', startedAt: '2025-11-01T09:00:00Z', endedAt: '2025-11-24T00:00:00Z' }]);
  // Hospital stays: one still in hospital, one taken back, two handed back (one admitted before the
  // period), one over before the period, and another council's.
  const stay = async (
    councilId: string,
    packageId: string,
    provider: string,
    admitted: string,
    until: string,
    returned?: string,
    outcome?: HospitalStayOutcome,
  ) =>
    prisma.hospitalStay.create({
      data: {
        councilId,
        packageId,
        placementId: randomUUID(),
        providerId: prov[provider],
        admittedOn: new Date(admitted),
        retainerUntil: new Date(until),
        returnedOn: returned ? new Date(returned) : null,
        outcome: outcome ?? null,
      },
    });
  await stay(A, ids.midday, 'Acorn Care', '2026-11-15', '2026-12-12');
  await stay(A, ids.morning, 'Beech Homecare', '2026-10-01', '2026-10-28', '2026-10-10', 'RESUMED');
  await stay(A, ids.l3, 'Acorn Care', '2026-08-01', '2026-08-28', '2026-09-05', 'HANDED_BACK');
  await stay(A, ids.longAgo, 'Beech Homecare', '2025-11-10', '2025-12-07', '2025-11-30', 'HANDED_BACK');
  await stay(A, ids.morning, 'Acorn Care', '2025-10-01', '2025-10-28', '2025-10-20', 'RESUMED');
  // Left out: long-term, cancelled, ready before the period, and another council's.
  await pkg(A, loc.L1, {
    status: 'PLACED',
    pathway: 'LONG_TERM',
    readyAt: '2026-11-10T09:00:00Z',
    visits: daily('09:00'),
    lines: [{ start: '2026-11-10', contract: 'ACORN' }],
    placements: [{ contract: 'ACORN', startedAt: '2026-11-20T09:00:00Z' }],
  });
  await pkg(A, loc.L1, { status: 'CANCELLED', pathway: 'HOSPITAL_DISCHARGE', hospital: 'H1', readyAt: '2026-11-10T09:00:00Z' });
  await pkg(A, loc.L1, {
    status: 'ENDED',
    pathway: 'HOSPITAL_DISCHARGE',
    hospital: 'H1',
    readyAt: '2025-11-01T09:00:00Z',
    visits: daily('12:00'),
    placements: [{ contract: 'ACORN', startedAt: '2025-11-01T15:00:00Z', endedAt: '2025-12-01T00:00:00Z' }],
  });
  ids.other = await pkg(B, loc.B1, { status: 'OFFERING', pathway: 'HOSPITAL_DISCHARGE', hospital: 'HB', readyAt: '2026-11-12T09:00:00Z' });

  // Offers declined, with a reason or none; one answered at 00:30 London on 1 October (still
  // September in UTC), one the evening before the period; accepted and expired offers do not count.
  const offer = async (
    councilId: string,
    packageId: string,
    provider: string,
    round: number,
    respondedAt: string,
    reason: DeclineReason | null,
    status: OfferStatus = 'DECLINED',
  ) =>
    prisma.offer.create({
      data: {
        councilId,
        packageId,
        packageVersion: 1,
        providerId: prov[provider],
        round,
        rank: 1,
        hourlyRate: 21,
        offeredAt: new Date(new Date(respondedAt).getTime() - 600_000),
        deadline: new Date(new Date(respondedAt).getTime() + 600_000),
        status,
        respondedAt: new Date(respondedAt),
        declineReason: reason,
      },
    });
  await offer(A, ids.midday, 'Acorn Care', 1, '2026-11-10T09:10:00Z', 'NO_CAPACITY');
  await offer(A, ids.midday, 'Beech Homecare', 1, '2026-11-10T09:20:00Z', 'TIMES');
  await offer(A, ids.afternoon, 'Acorn Care', 1, '2026-11-12T14:30:00Z', 'AREA');
  await offer(A, ids.afternoon, 'Beech Homecare', 1, '2026-11-12T15:00:00Z', null);
  await offer(A, ids.afternoon, 'Acorn Care', 2, '2026-11-12T16:00:00Z', 'NO_CAPACITY');
  await offer(A, ids.morning, 'Beech Homecare', 1, '2026-09-30T23:30:00Z', 'OTHER');
  await offer(A, ids.morning, 'Acorn Care', 1, '2025-11-22T23:30:00Z', 'SKILLS');
  await offer(A, ids.morning, 'Acorn Care', 2, '2026-11-13T10:00:00Z', null, 'ACCEPTED');
  await offer(A, ids.midday, 'Acorn Care', 2, '2026-11-10T10:00:00Z', null, 'EXPIRED');
  await offer(B, ids.other, 'Acorn Care', 1, '2026-11-12T10:00:00Z', 'SKILLS');
  await stay(B, ids.other, 'Acorn Care', '2026-11-01', '2026-11-28');
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
});

// ---- The recount: plain JavaScript over rows read back with Prisma. ----

const WEEKDAYS: Weekday[] = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const weekdayOf = (day: string) => WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()];
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
function bandOf(start: string | undefined): string {
  if (!start) return 'NONE';
  const [hh, mm] = start.split(':').map(Number);
  const m = hh * 60 + mm;
  return m >= 360 && m < 660 ? 'MORNING' : m >= 660 && m < 840 ? 'MIDDAY' : m >= 840 && m < 1020 ? 'AFTERNOON' : m >= 1020 && m < 1320 ? 'EVENING' : 'NIGHT';
}
function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

async function readyPackages(councilId: string, f: TDashboardFilters) {
  const packages = await prisma.package.findMany({
    where: { councilId },
    include: { visits: true, serviceLines: true, placements: { include: { provider: true } }, hospital: true, locality: { include: { stepAreas: true } } },
  });
  return packages
    .filter(
      (p) =>
        (p.pathway === 'HOSPITAL_DISCHARGE' || p.pathway === 'REABLEMENT') &&
        p.status !== 'CANCELLED' &&
        p.readyAt !== null &&
        londonDate(p.readyAt) >= f.from &&
        londonDate(p.readyAt) <= f.to &&
        (!f.localityId || p.localityId === f.localityId),
    )
    .map((p) => {
      const discharge = p.pathway === 'HOSPITAL_DISCHARGE' && p.hospitalId !== null;
      const due = p.readyAt!.getTime() + (discharge ? 120 : 240) * 60_000;
      const first = [...p.placements].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())[0];
      let care: number | null = null;
      if (first) {
        const linesFrom = p.serviceLines.map((l) => l.startDate.toISOString().slice(0, 10)).sort()[0];
        const firstDay = londonDate(first.startedAt);
        for (let n = 0; n <= 7; n++) {
          const day = addDays(firstDay, n);
          if (linesFrom && day < linesFrom) continue;
          for (const v of p.visits) {
            const at = londonWallTime(day, v.start).getTime();
            if (v.days.includes(weekdayOf(day)) && at >= first.startedAt.getTime() && (care === null || at < care)) care = at;
          }
        }
      }
      return { p, discharge, due, first, placed: first?.startedAt.getTime() ?? null, care };
    });
}
type TReady = Awaited<ReturnType<typeof readyPackages>>[number];

function expectRow(row: TComplianceRow | undefined, group: TReady[], what: string) {
  const t = now.getTime();
  expect(row?.ready ?? 0, what).toBe(group.length);
  if (!group.length) return;
  expect(row!.placedInTarget, what).toBe(group.filter((g) => g.placed !== null && g.placed <= g.due).length);
  expect(row!.placedKnown, what).toBe(group.filter((g) => (g.placed !== null && g.placed <= g.due) || g.due <= t).length);
  expect(row!.careInTarget, what).toBe(group.filter((g) => g.care !== null && g.care <= g.due).length);
  expect(row!.careKnown, what).toBe(group.filter((g) => (g.care !== null && g.care <= g.due) || g.due <= t).length);
  expect(row!.delayedDischarges, what).toBe(group.filter((g) => g.discharge && (g.care ?? t) > g.due).length);
  expect(row!.waiting, what).toBe(group.filter((g) => g.placed === null).length);
  const placed = group.filter((g) => g.placed !== null).map((g) => Math.max(0, (g.placed! - g.p.readyAt!.getTime()) / 3_600_000));
  if (placed.length) expect(row!.medianHoursToPlacement, what).toBeCloseTo(percentile(placed, 0.5), 9);
  else expect(row!.medianHoursToPlacement, what).toBeNull();
}

const allFilters = dashboardFilters({}, now);

describe.each([
  ['all localities, the last twelve months', () => allFilters],
  ['Shipley (in two STEP areas)', () => ({ ...allFilters, localityId: loc.L2 })],
  ['November only', () => dashboardFilters({ from: '2026-11-01', to: '2026-11-30' }, now)],
])('the review figures for %s', (_name, filtersOf) => {
  let f: TDashboardFilters;
  beforeAll(() => {
    f = filtersOf();
  });

  it('2-hour and 4-hour targets from ready time, by target, hospital, STEP area and provider', async () => {
    const got = await getReadyTimeCompliance(prisma, A, f);
    const ready = await readyPackages(A, f);
    expectRow(got.overall ?? undefined, ready, 'overall');
    for (const target of [120, 240])
      expectRow(
        got.byTarget.find((r) => r.key === String(target)),
        ready.filter((g) => (g.discharge ? 120 : 240) === target),
        `target ${target}`,
      );
    for (const h of [...Object.values(hosp), null])
      expectRow(
        got.byHospital.find((r) => r.key === h),
        ready.filter((g) => g.p.hospitalId === h),
        `hospital ${h}`,
      );
    const areas = await prisma.stepArea.findMany({ where: { councilId: A } });
    for (const a of areas)
      expectRow(
        got.byStepArea.find((r) => r.key === a.id),
        ready.filter((g) => g.p.locality.stepAreas.some((s) => s.stepAreaId === a.id)),
        a.name,
      );
    for (const pv of [...Object.values(prov), null])
      expectRow(
        got.byProvider.find((r) => r.key === pv),
        ready.filter((g) => (g.first?.providerId ?? null) === pv),
        `provider ${pv}`,
      );
    expect(got.byHospital.every((r) => r.ready > 0) && got.byProvider.every((r) => r.ready > 0)).toBe(true);
  });

  it('hours, spend, packages and providers by service type', async () => {
    const got = await getHoursByServiceType(prisma, A, f);
    const lines = (await prisma.serviceLine.findMany({ where: { councilId: A }, include: { package: true } })).filter(
      (l) =>
        l.contractId !== null &&
        l.startDate.toISOString().slice(0, 10) <= f.asOf &&
        (l.endDate === null || f.asOf < l.endDate.toISOString().slice(0, 10)) &&
        (!f.localityId || l.package.localityId === f.localityId),
    );
    const sumOf = (xs: typeof lines, v: (l: (typeof lines)[number]) => number) => xs.reduce((a, l) => a + v(l), 0);
    const spend = (l: (typeof lines)[number]) => Number(l.hoursPerWeek) * Number(l.hourlyRate);
    const total = sumOf(lines, (l) => Number(l.hoursPerWeek));
    for (const row of got.rows) {
      const mine = lines.filter((l) => l.type === row.type);
      const hoursOf = sumOf(mine, (l) => Number(l.hoursPerWeek));
      expect(row.hours, row.type).toBeCloseTo(hoursOf, 9);
      expect(row.spendPerWeek, row.type).toBeCloseTo(sumOf(mine, spend), 9);
      expect(row.spendPerYear, row.type).toBeCloseTo((sumOf(mine, spend) * 365) / 7, 6);
      expect(row.share, row.type).toBeCloseTo(total ? hoursOf / total : 0, 9);
      expect(row.packages, row.type).toBe(new Set(mine.map((l) => l.packageId)).size);
      expect(row.providers, row.type).toBe(new Set(mine.map((l) => l.providerId)).size);
      if (hoursOf) expect(row.averageRate!, row.type).toBeCloseTo(sumOf(mine, spend) / hoursOf, 9);
      else expect(row.averageRate, row.type).toBeNull();
    }
    expect(got.totalHours).toBeCloseTo(total, 9);
    expect(got.spendPerWeek).toBeCloseTo(sumOf(lines, spend), 9);
    expect(got.packages).toBe(new Set(lines.map((l) => l.packageId)).size);
    expect(got.providers).toBe(new Set(lines.map((l) => l.providerId)).size);
  });

  it('two years week by week: hours, cost, packages, people, hours per person and contract shares', async () => {
    const got = await getWeeklyTrends(prisma, A, f);
    const lines = await prisma.serviceLine.findMany({ where: { councilId: A, contractId: { not: null } }, include: { package: true, contract: true } });
    expect(got).toHaveLength(104);
    expect(got.at(-1)!.day).toBe(f.asOf);
    for (const [i, w] of got.entries()) {
      expect(w.day).toBe(addDays(f.asOf, -7 * (103 - i)));
      const inForce = lines.filter(
        (l) =>
          l.startDate.toISOString().slice(0, 10) <= w.day &&
          (l.endDate === null || w.day < l.endDate.toISOString().slice(0, 10)) &&
          (!f.localityId || l.package.localityId === f.localityId),
      );
      const hoursOf = (xs: typeof inForce) => xs.reduce((a, l) => a + Number(l.hoursPerWeek), 0);
      const total = hoursOf(inForce);
      const people = new Set(inForce.map((l) => l.package.personId)).size;
      expect(w.hours, w.day).toBeCloseTo(total, 9);
      expect(w.cost, w.day).toBeCloseTo(
        inForce.reduce((a, l) => a + Number(l.hoursPerWeek) * Number(l.hourlyRate), 0),
        9,
      );
      expect(w.packages, w.day).toBe(new Set(inForce.map((l) => l.packageId)).size);
      expect(w.people, w.day).toBe(people);
      if (people) expect(w.hoursPerPerson!, w.day).toBeCloseTo(total / people, 9);
      else expect(w.hoursPerPerson, w.day).toBeNull();
      for (const [type, share] of [
        ['LOCALITY', w.localityShare],
        ['ISF', w.isfShare],
        ['SPOT', w.spotShare],
      ] as const)
        expect(share, `${w.day} ${type}`).toBeCloseTo(total ? hoursOf(inForce.filter((l) => l.contract!.type === type)) / total : 0, 9);
    }
  });

  it('reablement outcomes by provider, locality and STEP area, and length', async () => {
    const got = await getReablementOutcomes(prisma, A, f);
    const packages = await prisma.package.findMany({
      where: { councilId: A, pathway: 'REABLEMENT', reablementOutcome: { not: null } },
      include: { placements: true, locality: { include: { stepAreas: true } } },
    });
    const done = packages
      .map((p) => {
        const lastDay = addDays(p.endedAt!.toISOString().slice(0, 10), -1);
        const starts = p.placements.map((pl) => pl.startedAt.getTime()).sort((a, b) => a - b);
        const firstDay = starts.length ? londonDate(new Date(starts[0])) : null;
        const last = [...p.placements].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
        const length = firstDay ? (Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000 + 1 : null;
        return { p, lastDay, length, provider: last?.providerId ?? null };
      })
      .filter((x) => x.lastDay >= f.from && x.lastDay <= f.to && (!f.localityId || x.p.localityId === f.localityId));
    const check = (row: TReablementRow | undefined, group: typeof done, what: string) => {
      expect(row?.outcomes ?? 0, what).toBe(group.length);
      if (!group.length) return;
      expect(row!.independent, what).toBe(group.filter((g) => g.p.reablementOutcome === 'INDEPENDENT').length);
      expect(row!.longTermNeeded, what).toBe(group.filter((g) => g.p.reablementOutcome === 'LONG_TERM_NEEDED').length);
      expect(row!.other, what).toBe(group.filter((g) => g.p.reablementOutcome === 'OTHER').length);
      const lengths = group.map((g) => g.length!).filter((n) => n !== null);
      expect(row!.medianDays!, what).toBeCloseTo(percentile(lengths, 0.5), 9);
      expect(row!.averageDays!, what).toBeCloseTo(lengths.reduce((a, b) => a + b, 0) / lengths.length, 9);
    };
    check(got.overall ?? undefined, done, 'overall');
    for (const pv of Object.values(prov))
      check(
        got.byProvider.find((r) => r.key === pv),
        done.filter((g) => g.provider === pv),
        `provider ${pv}`,
      );
    for (const l of Object.values(loc))
      check(
        got.byLocality.find((r) => r.key === l),
        done.filter((g) => g.p.localityId === l),
        `locality ${l}`,
      );
    for (const a of await prisma.stepArea.findMany({ where: { councilId: A } }))
      check(
        got.byStepArea.find((r) => r.key === a.id),
        done.filter((g) => g.p.locality.stepAreas.some((s) => s.stepAreaId === a.id)),
        a.name,
      );
  });

  it('retainer days paid and hand-back rate, by provider and locality', async () => {
    const got = await getRetainers(prisma, A, f);
    const stays = (await prisma.hospitalStay.findMany({ where: { councilId: A }, include: { package: true } }))
      .map((s) => {
        const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
        const [admitted, until, returned] = [day(s.admittedOn)!, day(s.retainerUntil)!, day(s.returnedOn)];
        let paid = 0;
        for (let d = admitted; d <= until && d <= f.to; d = addDays(d, 1)) if (d >= f.from && (returned === null || d < returned)) paid++;
        return {
          s,
          paid,
          returnedIn: returned !== null && returned >= f.from && returned <= f.to,
          overlaps: admitted <= f.to && (returned === null || returned >= f.from),
        };
      })
      .filter((x) => x.overlaps && (!f.localityId || x.s.package.localityId === f.localityId));
    const check = (row: TRetainerRow | undefined, group: typeof stays, what: string) => {
      expect(row?.stays ?? 0, what).toBe(group.length);
      if (!group.length) return;
      expect(row!.daysPaid, what).toBe(group.reduce((a, g) => a + g.paid, 0));
      expect(row!.returned, what).toBe(group.filter((g) => g.returnedIn).length);
      expect(row!.resumed, what).toBe(group.filter((g) => g.returnedIn && g.s.outcome === 'RESUMED').length);
      expect(row!.handedBack, what).toBe(group.filter((g) => g.returnedIn && g.s.outcome === 'HANDED_BACK').length);
      expect(row!.stillInHospital, what).toBe(group.filter((g) => g.s.returnedOn === null).length);
    };
    check(got.overall ?? undefined, stays, 'overall');
    for (const pv of Object.values(prov))
      check(
        got.byProvider.find((r) => r.key === pv),
        stays.filter((g) => g.s.providerId === pv),
        `provider ${pv}`,
      );
    for (const l of Object.values(loc))
      check(
        got.byLocality.find((r) => r.key === l),
        stays.filter((g) => g.s.package.localityId === l),
        `locality ${l}`,
      );
  });

  it('decline reasons by reason, provider, locality, band and month', async () => {
    const got = await getDeclineReasons(prisma, A, f);
    const offers = await prisma.offer.findMany({ where: { councilId: A }, include: { package: { include: { visits: true } } } });
    const declined = offers.filter(
      (o) =>
        o.status === 'DECLINED' &&
        o.respondedAt !== null &&
        londonDate(o.respondedAt) >= f.from &&
        londonDate(o.respondedAt) <= f.to &&
        (!f.localityId || o.package.localityId === f.localityId),
    );
    const check = (row: TDeclineRow | undefined, group: typeof declined, what: string) => {
      expect(row?.total ?? 0, what).toBe(group.length);
      for (const reason of DECLINE_REASONS)
        expect(row?.byReason[reason] ?? 0, `${what} ${reason}`).toBe(group.filter((o) => (o.declineReason ?? 'NONE') === reason).length);
    };
    check(got.overall ?? undefined, declined, 'overall');
    for (const pv of Object.values(prov))
      check(
        got.byProvider.find((r) => r.key === pv),
        declined.filter((o) => o.providerId === pv),
        `provider ${pv}`,
      );
    for (const l of Object.values(loc))
      check(
        got.byLocality.find((r) => r.key === l),
        declined.filter((o) => o.package.localityId === l),
        `locality ${l}`,
      );
    for (const b of ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT', 'NONE'])
      check(
        got.byBand.find((r) => r.key === b),
        declined.filter((o) => bandOf(o.package.visits.map((v) => v.start).sort()[0]) === b),
        b,
      );
    const months = [...new Set(declined.map((o) => londonDate(o.respondedAt!).slice(0, 7)))];
    expect(got.byMonth.map((r) => r.key)).toEqual(months.sort());
    for (const m of months)
      check(
        got.byMonth.find((r) => r.key === m),
        declined.filter((o) => londonDate(o.respondedAt!).slice(0, 7) === m),
        m,
      );
  });
});

describe('the review figures, by hand', () => {
  it('2-hour and 4-hour targets: what a commissioner would count on 23 November 2026', async () => {
    const got = await getReadyTimeCompliance(prisma, A, allFilters);
    expect(got.overall).toMatchObject({ ready: 9, placedInTarget: 7, placedKnown: 8, careInTarget: 4, careKnown: 8, delayedDischarges: 2, waiting: 2 });
    expect(got.byTarget.map((r) => [r.key, r.ready, r.careInTarget])).toEqual([
      ['120', 6, 3],
      ['240', 3, 1],
    ]);
    expect(got.byStepArea.map((r) => [r.label, r.ready])).toEqual([
      ['North', 7],
      ['South', 6],
    ]);
    // Another council's discharge is not here, and its own dashboard has only it.
    expect((await getReadyTimeCompliance(prisma, B, allFilters)).overall).toMatchObject({ ready: 1, waiting: 1, delayedDischarges: 1 });
  });

  it('decline reasons: what a commissioner would count on 23 November 2026', async () => {
    const got = await getDeclineReasons(prisma, A, allFilters);
    expect(got.overall).toMatchObject({ total: 6, byReason: { NO_CAPACITY: 2, TIMES: 1, AREA: 1, SKILLS: 0, OTHER: 1, NONE: 1 } });
    // 00:30 London on 1 October is October's, though still 30 September in UTC.
    expect(got.byMonth.map((r) => [r.key, r.total])).toEqual([
      ['2026-10', 1],
      ['2026-11', 5],
    ]);
    expect(got.byBand.map((r) => [r.key, r.total])).toEqual([
      ['MORNING', 1],
      ['MIDDAY', 2],
      ['AFTERNOON', 3],
    ]);
    expect(got.byProvider.map((r) => [r.label, r.total])).toEqual([
      ['Acorn Care', 3],
      ['Beech Homecare', 3],
    ]);
    const section = await sectionBySlug('decline-reasons')!.load(prisma, A, allFilters);
    expect(section.headline).toBe('6 declines, most often "No carers free"');
    expect(tableToCsv(section.table).split('\r\n').slice(0, 2)).toEqual([
      'Group,Declines,No carers free,Cannot meet the visit times,Outside the areas we cover now,Needs skills we do not have,Another reason,No reason given',
      'All declines,6,2,1,1,0,1,1',
    ]);
    expect(section.chart.data.map((d) => d.label)).toEqual(['Oct 2026', 'Nov 2026']);
    expect((await getDeclineReasons(prisma, B, allFilters)).overall).toMatchObject({ total: 1, byReason: { SKILLS: 1 } });
  });

  it('service types: what a commissioner would count on 23 November 2026', async () => {
    const got = await getHoursByServiceType(prisma, A, allFilters);
    const row = (t: string) => got.rows.find((r) => r.type === t)!;
    expect(row('DOMESTIC')).toMatchObject({ hours: 2, packages: 1, providers: 1, spendPerWeek: 42 });
    expect(row('NIGHT')).toMatchObject({ hours: 10, spendPerWeek: 245, averageRate: 24.5 });
    expect(row('SITTING')).toMatchObject({ hours: 0, packages: 0, averageRate: null });
    expect(row('SHOPPING').hours).toBe(0);
    const section = await sectionBySlug('service-types')!.load(prisma, A, allFilters);
    const csv = tableToCsv(section.table).split('\r\n');
    expect(csv[0]).toBe(
      'Service type,Hours a week,Share of hours (%),Packages,Providers,Average hourly rate (£),Spend a week (£),"Spend a year, projected (£)"',
    );
    expect(csv).toContain(`Night,10.0,${((10 / got.totalHours) * 100).toFixed(1)},1,1,24.50,245,${((245 * 365) / 7).toFixed(0)}`);
    expect(csv.at(-2)).toMatch(/^All service types,/);
  });

  it('two years week by week: the gap, the boundary day and the person with two packages', async () => {
    const weeks = await getWeeklyTrends(prisma, A, allFilters);
    const on = (day: string) => weeks.find((w) => w.day === day)!;
    // 2025-07-07: in the long-ago package's gap; only the second package (3.5 hours, locality) and
    // the 4-hour locality line are in force, for one person.
    expect(on('2025-07-07')).toMatchObject({ hours: 7.5, packages: 2, people: 1, hoursPerPerson: 7.5, localityShare: 1, isfShare: 0, spotShare: 0 });
    // 2025-11-24: the 4-hour line has ended and the 5-hour one started.
    expect(on('2025-11-24')).toMatchObject({ hours: 10.5 + 5 + 3.5, packages: 2, people: 1 });
    expect(weeks[0]).toMatchObject({ day: '2024-12-02', hours: 14, packages: 1, people: 1, isfShare: 1 });
    const section = await sectionBySlug('weekly-trends')!.load(prisma, A, allFilters);
    expect(section.table.rows).toHaveLength(104);
    expect(tableToCsv(section.table).split('\r\n')[1]).toBe('2 Dec 2024,14.0,1,1,14.0,273,0.0,100.0,0.0');
  });

  it('reablement: what a commissioner would count on 23 November 2026', async () => {
    const got = await getReablementOutcomes(prisma, A, allFilters);
    // 35, 41 (from 4 August, London), 14 and 23 days; the one ending the day before the period is out.
    expect(got.overall).toMatchObject({ outcomes: 4, independent: 2, longTermNeeded: 1, other: 1, medianDays: 29, averageDays: 28.25 });
    expect(got.byProvider.map((r) => [r.label, r.outcomes])).toEqual([
      ['Acorn Care', 2],
      ['Beech Homecare', 2],
    ]);
    expect(got.byStepArea.map((r) => [r.label, r.outcomes])).toEqual([
      ['North', 3],
      ['South', 3],
    ]);
    const section = await sectionBySlug('reablement-outcomes')!.load(prisma, A, allFilters);
    expect(section.headline).toBe('50.0% independent, median 29 days');
    expect(tableToCsv(section.table).split('\r\n')[1]).toBe('All reablement,4,2,50.0,1,25.0,1,29.0,28.3');
  });

  it('retainers: what a commissioner would count on 23 November 2026', async () => {
    const got = await getRetainers(prisma, A, allFilters);
    // 9 days so far for the one still in, 9 before coming home, all 28, and 7 of the stay begun before the period.
    expect(got.overall).toMatchObject({ stays: 4, daysPaid: 53, returned: 3, resumed: 1, handedBack: 2, stillInHospital: 1 });
    expect(got.byProvider.map((r) => [r.label, r.stays, r.daysPaid, r.handedBack])).toEqual([
      ['Acorn Care', 2, 37, 1],
      ['Beech Homecare', 2, 16, 1],
    ]);
    const section = await sectionBySlug('retainers')!.load(prisma, A, allFilters);
    expect(section.headline).toBe('53 retainer days paid, 66.7% handed back');
    expect(tableToCsv(section.table).split('\r\n')[1]).toBe('All hospital stays,4,53,3,1,2,66.7,1');
    expect((await getRetainers(prisma, B, allFilters)).overall).toMatchObject({ stays: 1, daysPaid: 23, stillInHospital: 1 });
  });

  it("the section's table, chart and CSV say the same", async () => {
    const section = sectionBySlug('ready-time-compliance')!;
    const { table, chart, headline } = await section.load(prisma, A, allFilters);
    expect(headline).toBe('87.5% placed within target, 2 delayed discharges');
    expect(table.rows[0].map((c) => c.value)).toEqual(['All short-term packages', 9, 7, 7 / 8, 4, 4 / 8, expect.any(Number), 2, 2]);
    expect(tableToCsv(table).split('\r\n')[1]).toBe(`All short-term packages,9,7,87.5,4,50.0,${(table.rows[0][6].value as number).toFixed(1)},2,2`);
    expect(chart.data.map((d) => d.label)).toContain('Hospital: Bradford Royal Infirmary');
  });
});
