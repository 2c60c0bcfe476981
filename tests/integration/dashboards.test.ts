import type { Band, ContractType, CqcRating, PackageStatus, Pathway, PrismaClient, Weekday } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TActor, TCouncilActor } from '@/lib/auth/permissions';
import { setBudget } from '@/lib/budget/set-budget';
import { dashboardFilters, type TDashboardFilters } from '@/lib/dashboard/filters';
import { getHoursByContractType } from '@/lib/dashboard/get-hours-by-contract-type';
import { getHoursByCqcRating } from '@/lib/dashboard/get-hours-by-cqc-rating';
import { getLocalityShare } from '@/lib/dashboard/get-locality-share';
import { getPickUpTimes } from '@/lib/dashboard/get-pick-up-times';
import { getProviderConcentration } from '@/lib/dashboard/get-provider-concentration';
import { getSpendAgainstBudget } from '@/lib/dashboard/get-spend-against-budget';
import { getUnendedLines } from '@/lib/dashboard/get-unended-lines';
import { getWaitingNow } from '@/lib/dashboard/get-waiting-now';
import { SECTIONS } from '@/lib/dashboard/sections';
import { csvCell, displayCell, tableToCsv } from '@/lib/dashboard/table';
import { CARER_HOURS_NOTE } from '@/lib/domain/carer-hours';
import { londonDate } from '@/lib/time/london';
import { councilActorOf } from './support/actors';
import { createTestPerson } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Every dashboard figure against a recount written here from the raw rows, on a small market
// with the awkward cases: a line ending today, a line starting tomorrow, double-handed care, ISF
// and ICB lines, a package placed twice after its first provider failed (the failed provider's
// line never ended), a package ended and one cancelled with lines still open, a locality contract
// line outside its own locality, a pick-up on the window's first London day, and another council.
// Budgets: the default period (23 November 2025 to 23 November 2026) spans the financial years
// 2025/26 and 2026/27; SPOT has a budget in neither and ICB only in 2026/27.

// The CSV downloads go through their route, signed in as this actor.
const request = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-homefirst-client-address': '10.8.0.2' }), cookies: async () => new Map() }));
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => request.actor }));

const now = new Date('2026-11-23T09:00:00Z');
const asOf = '2026-11-23';
let prisma: PrismaClient;
let A: string; // the council under test
let B: string; // another council, whose rows must never show
const loc: Record<'L1' | 'L2' | 'R1', string> = { L1: '', L2: '', R1: '' };
const prov: Record<string, string> = {};
const con: Record<string, string> = {};
const hospital: Record<string, string> = {};
let adminA: TCouncilActor;

let seq = 0;
async function provider(name: string, rating: CqcRating) {
  const p = await prisma.provider.create({ data: { name, cqcLocationId: `1-${name}`, cqcRating: rating } });
  prov[name] = p.id;
  return p.id;
}
async function contract(councilId: string, key: string, providerName: string, type: ContractType, rate: number, localities: string[] = []) {
  const c = await prisma.contract.create({
    data: {
      councilId,
      reference: key,
      providerId: prov[providerName],
      type,
      hospitalId: type === 'DISCHARGE' ? hospital[councilId] : null,
      hourlyRate: rate,
      validFrom: new Date('2024-04-01'),
      localities: { create: localities.map((localityId) => ({ localityId })) },
    },
  });
  con[key] = c.id;
}

type TLine = { hours: number; start: string; end?: string | null; contract?: string; rate?: number; double?: boolean };
type TVisit = { start: string; minutes: number; carers: number; days: Weekday[] };
async function pkg(
  councilId: string,
  localityId: string,
  o: {
    status: PackageStatus;
    pathway?: Pathway;
    postedAt?: string;
    placedAt?: string;
    endedAt?: string;
    cancelledAt?: string;
    visits?: TVisit[];
    lines?: TLine[];
    placements?: { contract: string; startedAt: string; endedAt?: string }[];
  },
) {
  seq++;
  const person = await createTestPerson(prisma, councilId, localityId);
  const contractRow = async (key: string) => prisma.contract.findUniqueOrThrow({ where: { councilId_id: { councilId, id: con[key] } } });
  const p = await prisma.package.create({
    data: {
      councilId,
      reference: `T-${seq}`,
      personId: person.id,
      localityId,
      pathway: o.pathway ?? 'LONG_TERM',
      hospitalId: o.pathway === 'HOSPITAL_DISCHARGE' ? hospital[councilId] : null,
      status: o.status,
      postedAt: o.postedAt ? new Date(o.postedAt) : null,
      placedAt: o.placedAt ? new Date(o.placedAt) : null,
      endedAt: o.endedAt ? new Date(o.endedAt) : null,
      cancelledAt: o.cancelledAt ? new Date(o.cancelledAt) : null,
      visits: { create: o.visits ?? [] },
    },
  });
  for (const l of o.lines ?? []) {
    const c = l.contract ? await contractRow(l.contract) : null;
    await prisma.serviceLine.create({
      data: {
        councilId,
        packageId: p.id,
        type: 'PERSONAL_CARE',
        hoursPerWeek: l.hours,
        doubleHanded: l.double ?? false,
        startDate: new Date(l.start),
        endDate: l.end ? new Date(l.end) : null,
        providerId: c?.providerId ?? null,
        contractId: c?.id ?? null,
        hourlyRate: c ? (l.rate ?? Number(c.hourlyRate)) : null,
      },
    });
  }
  for (const pl of o.placements ?? []) {
    const c = await contractRow(pl.contract);
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
  process.env.DATABASE_URL = testDatabaseUrl();
  A = (await prisma.council.create({ data: { code: 'DSA', name: 'Dashboard A' } })).id;
  B = (await prisma.council.create({ data: { code: 'DSB', name: 'Dashboard B' } })).id;
  loc.L1 = (await prisma.locality.create({ data: { councilId: A, code: 'L1', name: 'Bingley' } })).id;
  loc.L2 = (await prisma.locality.create({ data: { councilId: A, code: 'L2', name: 'City' } })).id;
  loc.R1 = (await prisma.locality.create({ data: { councilId: A, code: 'R1', name: 'Wharfedale', rural: true } })).id;
  hospital[A] = (await prisma.hospital.create({ data: { councilId: A, code: 'BRI', name: 'Bradford Royal Infirmary' } })).id;
  const bLoc = (await prisma.locality.create({ data: { councilId: B, code: 'L1', name: 'Elsewhere' } })).id;

  await provider('P1', 'GOOD');
  await provider('P2', 'OUTSTANDING');
  await provider('P3', 'REQUIRES_IMPROVEMENT');
  await provider('P4', 'NOT_RATED');
  await provider('P5', 'INADEQUATE');
  await provider('P6', 'GOOD');
  await contract(A, 'LOC1', 'P1', 'LOCALITY', 21, [loc.L1]);
  await contract(A, 'LOC2', 'P2', 'LOCALITY', 22, [loc.L2, loc.R1]);
  await contract(A, 'LOC6', 'P6', 'LOCALITY', 20, [loc.L1]);
  await contract(A, 'STEP', 'P3', 'STEP', 20.6);
  await contract(A, 'DIS', 'P3', 'DISCHARGE', 20.6);
  await contract(A, 'ISF', 'P2', 'ISF', 19.5);
  await contract(A, 'ICB', 'P4', 'ICB', 25);
  await contract(A, 'SPOT', 'P5', 'SPOT', 23);
  await contract(B, 'B-LOC', 'P1', 'LOCALITY', 30, [bLoc]);

  const morning: TVisit[] = [{ start: '07:30', minutes: 60, carers: 1, days: ['MON', 'WED', 'FRI'] }];
  // Placed with its locality provider; its domestic line ends today, so it no longer counts.
  await pkg(A, loc.L1, {
    status: 'PLACED',
    postedAt: '2026-06-01T08:00:00Z',
    placedAt: '2026-06-01T20:00:00Z',
    visits: morning,
    lines: [
      { hours: 10, start: '2026-01-01', contract: 'LOC1' },
      { hours: 4, start: '2026-01-01', end: asOf, contract: 'LOC1' },
    ],
    placements: [{ contract: 'LOC1', startedAt: '2026-06-01T20:00:00Z' }],
  });
  // Placed twice: P6 failed on 1 October (its line was never ended), then P1 took it, double-handed at night.
  await pkg(A, loc.L1, {
    status: 'PLACED',
    postedAt: '2026-10-01T10:00:00Z',
    placedAt: '2026-10-03T10:00:00Z',
    visits: [{ start: '22:30', minutes: 30, carers: 2, days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] }],
    lines: [
      { hours: 7, start: '2026-05-01', contract: 'LOC6', double: true },
      { hours: 7, start: '2026-10-03', contract: 'LOC1', double: true, rate: 22.5 },
    ],
    placements: [
      { contract: 'LOC6', startedAt: '2026-05-01T09:00:00Z', endedAt: '2026-10-01T09:00:00Z' },
      { contract: 'LOC1', startedAt: '2026-10-03T10:00:00Z' },
    ],
  });
  // ISF in the city, a midday visit.
  await pkg(A, loc.L2, {
    status: 'PLACED',
    postedAt: '2026-03-01T09:00:00Z',
    placedAt: '2026-03-01T10:30:00Z',
    visits: [{ start: '12:00', minutes: 60, carers: 1, days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] }],
    lines: [{ hours: 7, start: '2026-03-02', contract: 'ISF' }],
    placements: [{ contract: 'ISF', startedAt: '2026-03-01T10:30:00Z' }],
  });
  // ICB health placement in a rural locality, from hospital.
  await pkg(A, loc.R1, {
    status: 'PLACED',
    pathway: 'HOSPITAL_DISCHARGE',
    postedAt: '2026-09-10T10:00:00Z',
    placedAt: '2026-09-10T11:00:00Z',
    visits: [{ start: '17:00', minutes: 90, carers: 2, days: ['MON', 'WED', 'FRI'] }],
    lines: [{ hours: 9, start: '2026-09-10', contract: 'ICB', double: true }],
    placements: [{ contract: 'ICB', startedAt: '2026-09-10T11:00:00Z' }],
  });
  // STEP reablement, visit at exactly 06:00 (morning).
  await pkg(A, loc.L1, {
    status: 'PLACED',
    pathway: 'REABLEMENT',
    postedAt: '2026-11-20T08:00:00Z',
    placedAt: '2026-11-20T12:00:00Z',
    visits: [{ start: '06:00', minutes: 45, carers: 1, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] }],
    lines: [{ hours: 3.75, start: '2026-11-20', end: '2027-01-01', contract: 'STEP' }],
    placements: [{ contract: 'STEP', startedAt: '2026-11-20T12:00:00Z' }],
  });
  // Ended on 1 November, its spot line still open; placed before the pick-up window.
  await pkg(A, loc.L2, {
    status: 'ENDED',
    postedAt: '2025-10-01T09:00:00Z',
    placedAt: '2025-10-05T09:00:00Z',
    endedAt: '2026-11-01T12:00:00Z',
    visits: morning,
    lines: [{ hours: 6, start: '2025-10-06', contract: 'SPOT' }],
    placements: [{ contract: 'SPOT', startedAt: '2025-10-05T09:00:00Z', endedAt: '2026-11-01T12:00:00Z' }],
  });
  // Cancelled on 10 November, its discharge line ends only at the end of the year.
  await pkg(A, loc.L1, {
    status: 'CANCELLED',
    pathway: 'HOSPITAL_DISCHARGE',
    postedAt: '2026-11-09T09:00:00Z',
    placedAt: '2026-11-09T09:45:00Z',
    cancelledAt: '2026-11-10T09:00:00Z',
    visits: morning,
    lines: [{ hours: 3, start: '2026-11-09', end: '2026-12-31', contract: 'DIS' }],
    placements: [{ contract: 'DIS', startedAt: '2026-11-09T09:45:00Z' }],
  });
  // Starts tomorrow: not counted today.
  await pkg(A, loc.L2, {
    status: 'PLACED',
    postedAt: '2026-11-22T09:00:00Z',
    placedAt: '2026-11-22T15:00:00Z',
    visits: morning,
    lines: [{ hours: 8, start: '2026-11-24', contract: 'LOC2' }],
    placements: [{ contract: 'LOC2', startedAt: '2026-11-22T15:00:00Z' }],
  });
  // A City locality provider's line for someone in Bingley: a locality contract, not Bingley's.
  await pkg(A, loc.L1, {
    status: 'PLACED',
    postedAt: '2026-02-01T09:00:00Z',
    placedAt: '2026-02-03T09:00:00Z',
    visits: morning,
    lines: [
      { hours: 5, start: '2026-02-03', contract: 'LOC2' },
      { hours: 2, start: '2026-02-03', contract: 'LOC1' },
    ],
    placements: [{ contract: 'LOC2', startedAt: '2026-02-03T09:00:00Z' }],
  });
  // Placed at 00:30 London on the window's first day (GMT), no visits.
  await pkg(A, loc.L2, {
    status: 'ENDED',
    postedAt: '2025-11-20T00:30:00Z',
    placedAt: '2025-11-23T00:30:00Z',
    endedAt: '2026-01-01T00:00:00Z',
    placements: [{ contract: 'LOC2', startedAt: '2025-11-23T00:30:00Z', endedAt: '2026-01-01T00:00:00Z' }],
  });
  // Placed at 23:30 London on the day before the window: outside it.
  await pkg(A, loc.L2, {
    status: 'ENDED',
    postedAt: '2025-11-22T20:00:00Z',
    placedAt: '2025-11-22T23:30:00Z',
    endedAt: '2026-01-01T00:00:00Z',
    placements: [{ contract: 'LOC2', startedAt: '2025-11-22T23:30:00Z', endedAt: '2026-01-01T00:00:00Z' }],
  });
  // A draft with an unplaced line: not commissioned.
  await pkg(A, loc.L1, { status: 'DRAFT', visits: morning, lines: [{ hours: 12, start: '2026-01-01' }] });
  // Waiting now: 2 hours (double-handed), 13 days (rural, night and midday visits), exactly 3 days (no visits).
  await pkg(A, loc.L1, { status: 'OFFERING', postedAt: '2026-11-23T07:00:00Z', visits: [{ start: '08:00', minutes: 60, carers: 2, days: ['MON', 'TUE'] }] });
  await pkg(A, loc.R1, {
    status: 'OPEN_MARKET',
    postedAt: '2026-11-10T09:00:00Z',
    visits: [
      { start: '23:00', minutes: 60, carers: 1, days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] },
      { start: '13:00', minutes: 30, carers: 1, days: ['SAT', 'SUN'] },
    ],
  });
  await pkg(A, loc.L2, { status: 'OFFERING', postedAt: '2026-11-20T09:00:00Z' });

  // The other council: a big line and a waiting package.
  await pkg(B, bLoc, {
    status: 'PLACED',
    postedAt: '2026-11-01T09:00:00Z',
    placedAt: '2026-11-01T10:00:00Z',
    visits: morning,
    lines: [{ hours: 40, start: '2026-01-01', contract: 'B-LOC' }],
    placements: [{ contract: 'B-LOC', startedAt: '2026-11-01T10:00:00Z' }],
  });
  await pkg(B, bLoc, { status: 'OFFERING', postedAt: '2026-11-22T09:00:00Z', visits: morning });

  await prisma.user.createMany({
    data: [
      { email: 'admin@dsa.example', name: 'Admin A', role: 'ADMIN', councilId: A },
      { email: 'admin@dsb.example', name: 'Admin B', role: 'ADMIN', councilId: B },
    ],
  });
  adminA = await councilActorOf(prisma, 'admin@dsa.example');
  const none = { LOCALITY: null, STEP: null, DISCHARGE: null, ISF: null, ICB: null, SPOT: null };
  await setBudget(prisma, adminA, { financialYear: 2025, amounts: { ...none, LOCALITY: 20000, STEP: 1500.5, DISCHARGE: 800, ISF: 9000 } });
  await setBudget(prisma, adminA, { financialYear: 2026, amounts: { ...none, LOCALITY: 24000, STEP: 2000, DISCHARGE: 0, ISF: 8000, ICB: 12000 } });
  await setBudget(prisma, await councilActorOf(prisma, 'admin@dsb.example'), { financialYear: 2026, amounts: { ...none, LOCALITY: 999999, SPOT: 5 } });
});

afterAll(async () => {
  await prisma.$disconnect();
});

// ---- The recount: plain JavaScript over rows read back with Prisma. ----

async function raw(councilId: string) {
  const lines = await prisma.serviceLine.findMany({
    where: { councilId },
    include: { package: { include: { placements: true } }, contract: { include: { localities: true } }, provider: true },
  });
  const packages = await prisma.package.findMany({
    where: { councilId },
    include: { visits: true, locality: true, placements: true, packageMarketEntries: true },
  });
  const localities = await prisma.locality.findMany({ where: { councilId } });
  return { lines, packages, localities };
}
type TRaw = Awaited<ReturnType<typeof raw>>;

const day = (d: Date) => d.toISOString().slice(0, 10);
function counted(r: TRaw, f: TDashboardFilters) {
  return r.lines.filter(
    (l) =>
      l.contractId !== null &&
      day(l.startDate) <= f.asOf &&
      (l.endDate === null || f.asOf < day(l.endDate)) &&
      (!f.localityId || l.package.localityId === f.localityId),
  );
}
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const groupSum = <T>(xs: T[], key: (x: T) => string, value: (x: T) => number) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + value(x));
  return m;
};
function percentile(values: number[], p: number) {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}
function band(start: string | undefined): Band | 'NONE' {
  if (!start) return 'NONE';
  const [hh, mm] = start.split(':').map(Number);
  const m = hh * 60 + mm;
  if (m >= 360 && m < 660) return 'MORNING';
  if (m >= 660 && m < 840) return 'MIDDAY';
  if (m >= 840 && m < 1020) return 'AFTERNOON';
  if (m >= 1020 && m < 1320) return 'EVENING';
  return 'NIGHT';
}
const firstStart = (p: TRaw['packages'][number]) => p.visits.map((v) => v.start).sort()[0];

/** Every London day from `from` to `to`, inclusive. */
function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
/** Spend over a period, day by day: each line in force that day costs a seventh of its weekly spend. */
function spendRecount(r: TRaw, f: TDashboardFilters, type: string): number {
  let total = 0;
  for (const d of daysOf(f.from, f.to)) {
    for (const l of counted(r, { ...f, asOf: d })) if (l.contract!.type === type) total += (Number(l.hoursPerWeek) * Number(l.hourlyRate)) / 7;
  }
  return total;
}
/** A budget over a period, day by day: each day takes 1/365 (or 1/366) of its financial year's amount. */
async function budgetRecount(councilId: string, f: TDashboardFilters, type: ContractType): Promise<number | null> {
  const budgets = await prisma.budget.findMany({ where: { councilId, contractType: type } });
  let total = 0;
  for (const d of daysOf(f.from, f.to)) {
    const fy = d.slice(5) >= '04-01' ? Number(d.slice(0, 4)) : Number(d.slice(0, 4)) - 1;
    const b = budgets.find((x) => x.financialYear === fy);
    if (!b) return null;
    total += Number(b.amount) / daysOf(`${fy}-04-01`, `${fy + 1}-03-31`).length;
  }
  return total;
}

const allFilters = dashboardFilters({}, now);
const l1Filters = dashboardFilters({ locality: '' }, now);

describe('dashboard filters', () => {
  it('default to today in London and the twelve months before it', () => {
    expect(allFilters).toMatchObject({ asOf, from: '2025-11-23', to: asOf, localityId: null });
    expect(dashboardFilters({}, new Date('2026-06-30T23:30:00Z')).asOf).toBe('2026-07-01');
  });
});

describe.each([
  ['all localities', () => allFilters],
  ['one locality (Bingley)', () => ({ ...l1Filters, localityId: loc.L1 })],
  ['one locality (Wharfedale, rural)', () => ({ ...l1Filters, localityId: loc.R1 })],
])('dashboards for %s', (_name, filtersOf) => {
  let r: TRaw;
  let f: TDashboardFilters;
  beforeAll(async () => {
    r = await raw(A);
    f = filtersOf();
  });

  it('hours, spend and hours-weighted rate by contract type', async () => {
    const got = await getHoursByContractType(prisma, A, f);
    const lines = counted(r, f);
    for (const row of got.rows) {
      const mine = lines.filter((l) => l.contract!.type === row.type);
      const h = sum(mine.map((l) => Number(l.hoursPerWeek)));
      const spend = sum(mine.map((l) => Number(l.hoursPerWeek) * Number(l.hourlyRate)));
      expect(row.hours, row.type).toBeCloseTo(h, 9);
      expect(row.spendPerWeek, row.type).toBeCloseTo(spend, 9);
      expect(row.spendPerYear, row.type).toBeCloseTo((spend * 365) / 7, 6);
      expect(row.averageRate ?? 0, row.type).toBeCloseTo(h ? spend / h : 0, 9);
      expect(row.packages, row.type).toBe(new Set(mine.map((l) => l.packageId)).size);
      expect(row.providers, row.type).toBe(new Set(mine.map((l) => l.providerId)).size);
    }
    expect(got.totalHours).toBeCloseTo(sum(lines.map((l) => Number(l.hoursPerWeek))), 9);
    expect(got.providers).toBe(new Set(lines.map((l) => l.providerId)).size);
  });

  it("locality providers' share by locality", async () => {
    const got = await getLocalityShare(prisma, A, f);
    const lines = counted(r, f);
    const byLoc = groupSum(
      lines,
      (l) => l.package.localityId,
      (l) => Number(l.hoursPerWeek),
    );
    const ownByLoc = groupSum(
      lines.filter((l) => l.contract!.type === 'LOCALITY' && l.contract!.localities.some((cl) => cl.localityId === l.package.localityId)),
      (l) => l.package.localityId,
      (l) => Number(l.hoursPerWeek),
    );
    expect(got.rows.map((x) => x.localityId).sort()).toEqual([...byLoc.keys()].sort());
    for (const row of got.rows) {
      expect(row.hours).toBeCloseTo(byLoc.get(row.localityId)!, 9);
      expect(row.localityHours).toBeCloseTo(ownByLoc.get(row.localityId) ?? 0, 9);
    }
    const total = sum([...byLoc.values()]);
    expect(got.share).toBeCloseTo(total ? sum([...ownByLoc.values()]) / total : 0, 9);
  });

  it('pick-up times: median and 90th percentile by pathway, locality and band', async () => {
    const got = await getPickUpTimes(prisma, A, f);
    // Each placement from the latest time its package went to market before it; one that followed
    // another placement with no entry between, or had no entry before it, was not picked up.
    const placed = r.packages.flatMap((p) =>
      p.placements.flatMap((pl) => {
        const entries = p.packageMarketEntries.filter((e) => e.enteredAt <= pl.startedAt).map((e) => e.enteredAt.getTime());
        if (!entries.length) return [];
        const entered = Math.max(...entries);
        if (p.placements.some((q) => q.startedAt.getTime() >= entered && q.startedAt < pl.startedAt)) return [];
        const when = londonDate(pl.startedAt);
        if (when < f.from || when > f.to || (f.localityId && p.localityId !== f.localityId)) return [];
        return [{ ...p, hours: (pl.startedAt.getTime() - entered) / 3_600_000 }];
      }),
    );
    const hoursOf = (p: (typeof placed)[number]) => p.hours;
    const check = (row: { placements: number; medianHours: number; p90Hours: number } | undefined, group: typeof placed, what: string) => {
      expect(row?.placements ?? 0, what).toBe(group.length);
      if (!group.length) return;
      expect(row!.medianHours, what).toBeCloseTo(percentile(group.map(hoursOf), 0.5), 9);
      expect(row!.p90Hours, what).toBeCloseTo(percentile(group.map(hoursOf), 0.9), 9);
    };
    check(got.overall ?? undefined, placed, 'overall');
    for (const pathway of ['LONG_TERM', 'REABLEMENT', 'HOSPITAL_DISCHARGE'])
      check(
        got.byPathway.find((x) => x.key === pathway),
        placed.filter((p) => p.pathway === pathway),
        pathway,
      );
    for (const b of ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT', 'NONE'])
      check(
        got.byBand.find((x) => x.key === b),
        placed.filter((p) => band(firstStart(p)) === b),
        b,
      );
    for (const l of r.localities)
      check(
        got.byLocality.find((x) => x.key === l.id),
        placed.filter((p) => p.localityId === l.id),
        l.name,
      );
  });

  it('packages and hours waiting now by age, locality, rural or urban, band and carers', async () => {
    const got = await getWaitingNow(prisma, A, f);
    const waiting = r.packages.filter((p) => (p.status === 'OFFERING' || p.status === 'OPEN_MARKET') && (!f.localityId || p.localityId === f.localityId));
    const hoursOf = (p: (typeof waiting)[number]) => sum(p.visits.map((v) => (v.minutes / 60) * v.carers * v.days.length));
    const ageOf = (p: (typeof waiting)[number]) => {
      // From the latest time it went to market, read from the history itself.
      const h = (now.getTime() - Math.max(...p.packageMarketEntries.map((e) => e.enteredAt.getTime()))) / 3_600_000;
      return h >= 336
        ? '2 weeks or more'
        : h >= 168
          ? '1 to 2 weeks'
          : h >= 72
            ? '3 to 7 days'
            : h >= 24
              ? '1 to 3 days'
              : h >= 4
                ? '4 to 24 hours'
                : 'Under 4 hours';
    };
    const check = (row: { packages: number; hours: number } | undefined, group: typeof waiting, what: string) => {
      expect(row?.packages ?? 0, what).toBe(group.length);
      expect(row?.hours ?? 0, what).toBeCloseTo(sum(group.map(hoursOf)), 9);
    };
    check(got.total, waiting, 'total');
    for (const row of got.byAge)
      check(
        row,
        waiting.filter((p) => ageOf(p) === row.label),
        row.label,
      );
    for (const l of r.localities)
      check(
        got.byLocality.find((x) => x.key === l.id),
        waiting.filter((p) => p.localityId === l.id),
        l.name,
      );
    for (const rural of [true, false])
      check(
        got.byRural.find((x) => x.key === String(rural)),
        waiting.filter((p) => p.locality.rural === rural),
        `rural ${rural}`,
      );
    for (const b of ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT', 'NONE'])
      check(
        got.byBand.find((x) => x.key === b),
        waiting.filter((p) => band(firstStart(p)) === b),
        b,
      );
    for (const dh of [true, false])
      check(
        got.byDoubleHanded.find((x) => x.key === String(dh)),
        waiting.filter((p) => p.visits.some((v) => v.carers === 2) === dh),
        `double ${dh}`,
      );
  });

  it('provider concentration: top-5 share and HHI, overall and per locality', async () => {
    const got = await getProviderConcentration(prisma, A, f);
    const lines = counted(r, f);
    const measure = (ls: typeof lines) => {
      const byProvider = [
        ...groupSum(
          ls,
          (l) => l.providerId!,
          (l) => Number(l.hoursPerWeek),
        ).values(),
      ].sort((a, b) => b - a);
      const total = sum(byProvider);
      return {
        providers: byProvider.length,
        hours: total,
        top5: total ? sum(byProvider.slice(0, 5)) / total : 0,
        hhi: sum(byProvider.map((h) => ((100 * h) / total) ** 2)),
      };
    };
    const all = measure(lines);
    expect(got.overall).toMatchObject({ providers: all.providers });
    expect(got.overall.hours).toBeCloseTo(all.hours, 9);
    expect(got.overall.top5Share).toBeCloseTo(all.top5, 9);
    expect(got.overall.hhi).toBeCloseTo(all.hhi, 6);
    const locs = new Set(lines.map((l) => l.package.localityId));
    expect(got.byLocality.map((x) => x.localityId).sort()).toEqual([...locs].sort());
    for (const row of got.byLocality) {
      const m = measure(lines.filter((l) => l.package.localityId === row.localityId));
      expect(row.providers).toBe(m.providers);
      expect(row.top5Share).toBeCloseTo(m.top5, 9);
      expect(row.hhi).toBeCloseTo(m.hhi, 6);
    }
  });

  it('hours by CQC rating', async () => {
    const got = await getHoursByCqcRating(prisma, A, f);
    const lines = counted(r, f);
    for (const row of got.rows) {
      const mine = lines.filter((l) => l.provider!.cqcRating === row.rating);
      expect(row.hours, row.rating).toBeCloseTo(sum(mine.map((l) => Number(l.hoursPerWeek))), 9);
      expect(row.providers, row.rating).toBe(new Set(mine.map((l) => l.providerId)).size);
      expect(row.packages, row.rating).toBe(new Set(mine.map((l) => l.packageId)).size);
    }
  });

  it('spend against budget by contract type, pro-rated across financial years', async () => {
    const got = await getSpendAgainstBudget(prisma, A, f);
    expect(got.years.map((y) => y.label)).toEqual(['2025/26', '2026/27']);
    let spend = 0;
    let budget = 0;
    for (const row of got.rows) {
      const mySpend = spendRecount(r, f, row.type);
      const myBudget = await budgetRecount(A, f, row.type as ContractType);
      expect(row.spend, row.type).toBeCloseTo(mySpend, 6);
      if (myBudget === null) expect(row.budget, row.type).toBeNull();
      else expect(row.budget, row.type).toBeCloseTo(myBudget, 6);
      expect(row.variance ?? 0, row.type).toBeCloseTo(myBudget === null ? 0 : mySpend - myBudget, 6);
      if (myBudget) expect(row.used!, row.type).toBeCloseTo(mySpend / myBudget, 9);
      else expect(row.used, row.type).toBeNull();
      spend += mySpend;
      budget += myBudget ?? 0;
    }
    expect(got.spend).toBeCloseTo(spend, 6);
    expect(got.budget!).toBeCloseTo(budget, 6);
    expect(got.used!).toBeCloseTo(spend / budget, 9);
  });

  it('service lines past their end that are still counted', async () => {
    const got = await getUnendedLines(prisma, A, f);
    const lines = counted(r, f);
    const before = (d: Date | null) => d === null || londonDate(d) < f.asOf;
    const reasonOf = (l: (typeof lines)[number]) => {
      if (l.package.status === 'ENDED' && before(l.package.endedAt)) return 'PACKAGE_ENDED';
      if (l.package.status === 'CANCELLED' && before(l.package.cancelledAt)) return 'PACKAGE_CANCELLED';
      const own = l.package.placements.filter((p) => p.providerId === l.providerId);
      if (own.length && own.every((p) => p.endedAt !== null && before(p.endedAt))) return 'PLACEMENT_ENDED';
      return null;
    };
    for (const row of got.rows) {
      const mine = lines.filter((l) => reasonOf(l) === row.reason);
      expect(row.lines, row.reason).toBe(mine.length);
      expect(row.packages, row.reason).toBe(new Set(mine.map((l) => l.packageId)).size);
      expect(row.hours, row.reason).toBeCloseTo(sum(mine.map((l) => Number(l.hoursPerWeek))), 9);
      expect(row.spendPerWeek, row.reason).toBeCloseTo(sum(mine.map((l) => Number(l.hoursPerWeek) * Number(l.hourlyRate))), 9);
    }
    expect(got.commissionedHours).toBeCloseTo(sum(lines.map((l) => Number(l.hoursPerWeek))), 9);
  });
});

describe('the awkward cases, by hand', () => {
  it('count what a commissioner would count on 23 November 2026', async () => {
    const types = await getHoursByContractType(prisma, A, allFilters);
    const hoursOf = (t: string) => types.rows.find((x) => x.type === t)!.hours;
    // LOCALITY: 10 (the 4-hour line ends today) + 7 (failed P6, never ended) + 7 (P1 after it) + 5 + 2; not the line starting tomorrow.
    expect(hoursOf('LOCALITY')).toBeCloseTo(31, 9);
    expect(hoursOf('ISF')).toBeCloseTo(7, 9);
    expect(hoursOf('ICB')).toBeCloseTo(9, 9);
    expect(hoursOf('STEP')).toBeCloseTo(3.75, 9);
    expect(hoursOf('DISCHARGE')).toBeCloseTo(3, 9);
    expect(hoursOf('SPOT')).toBeCloseTo(6, 9);
    expect(types.totalHours).toBeCloseTo(59.75, 9); // council B's 40 hours are not here

    const unended = await getUnendedLines(prisma, A, allFilters);
    expect(unended.rows.map((x) => [x.reason, x.lines, x.hours])).toEqual([
      ['PACKAGE_ENDED', 1, 6],
      ['PACKAGE_CANCELLED', 1, 3],
      ['PLACEMENT_ENDED', 1, 7],
    ]);

    const pickUp = await getPickUpTimes(prisma, A, allFilters);
    // The package placed on the window's first London day is in; the one placed 23:30 the night before is not.
    expect(pickUp.overall?.placements).toBe(9);
    expect(pickUp.byBand.find((b) => b.key === 'NIGHT')?.medianHours).toBeCloseTo(48, 9);

    const waiting = await getWaitingNow(prisma, A, allFilters);
    expect(waiting.total).toMatchObject({ packages: 3, hours: 4 + 8 });
    expect(waiting.byAge.map((a) => a.packages)).toEqual([1, 0, 0, 1, 1, 0]);
    expect(waiting.byDoubleHanded.find((x) => x.key === 'true')?.packages).toBe(1);

    const bingley = await getHoursByContractType(prisma, A, { ...allFilters, localityId: loc.L1 });
    expect(bingley.totalHours).toBeCloseTo(10 + 7 + 7 + 3.75 + 3 + 5 + 2, 9);
  });

  it('spend against budget: the 31 March boundary, a type without a budget, and no budget at all', async () => {
    // 1 March to 30 April 2026: 31 days of 2025/26 (365 days) and 30 of 2026/27 (365 days).
    const spring = { ...allFilters, from: '2026-03-01', to: '2026-04-30' };
    const got = await getSpendAgainstBudget(prisma, A, spring);
    const row = (t: string) => got.rows.find((x) => x.type === t)!;
    expect(row('LOCALITY').budget).toBeCloseTo((20000 * 31) / 365 + (24000 * 30) / 365, 9);
    expect(row('DISCHARGE').budget).toBeCloseTo((800 * 31) / 365, 9); // £0 in 2026/27 is a budget of nothing
    expect(row('ICB').budget).toBeNull(); // 2026/27 only: not the whole period
    expect(row('SPOT')).toMatchObject({ budget: null, variance: null, used: null });
    // ISF: 7 hours a week at £19.50 from 2 March, so 60 days in the period.
    expect(row('ISF').spend).toBeCloseTo((7 * 19.5 * 60) / 7, 9);
    // LOCALITY in force through the period: 10 + 4 (P1, from 1 January), 5 + 2 (from 3 February), 7 (P6 from 1 May: 0 days).
    expect(row('LOCALITY').spend).toBeCloseTo(((10 + 4) * 21 * 61 + 5 * 22 * 61 + 2 * 21 * 61) / 7, 9);

    // A period inside 2026/27 alone: ICB now has a budget.
    const autumn = await getSpendAgainstBudget(prisma, A, { ...allFilters, from: '2026-09-01', to: '2026-09-30' });
    expect(autumn.rows.find((x) => x.type === 'ICB')!.budget).toBeCloseTo((12000 * 30) / 365, 9);

    // A year with no budget at all: the section says so and asks an admin for one.
    const budgetSection = SECTIONS.find((x) => x.slug === 'budget')!;
    const empty = await budgetSection.load(prisma, A, { ...allFilters, from: '2027-04-01', to: '2027-05-31' });
    expect(empty.headline).toBe('No budget entered for 2027/28 — an admin can add one');
    expect(empty.chart.data).toEqual([]);
    const full = await budgetSection.load(prisma, A, { ...allFilters, from: '2026-09-01', to: '2026-09-30' });
    expect(full.headline).toMatch(/^£[\d,]+ of £[\d,]+ \(\d+\.\d% used\)$/);

    // Council B's budget never shows in A's, and A's SPOT lines are A's spend only.
    expect(got.rows.find((x) => x.type === 'LOCALITY')!.budget).toBeLessThan(999999);
    const b = await getSpendAgainstBudget(prisma, B, { ...allFilters, from: '2026-11-01', to: '2026-11-30' });
    expect(b.rows.find((x) => x.type === 'LOCALITY')!.spend).toBeCloseTo((40 * 30 * 30) / 7, 9);
    expect(b.rows.find((x) => x.type === 'SPOT')!.budget).toBeCloseTo((5 * 30) / 365, 9);
  });

  it('setting a budget upserts each type, removes a cleared one, is audited, and refuses bad amounts', async () => {
    const none = { LOCALITY: null, STEP: null, DISCHARGE: null, ISF: null, ICB: null, SPOT: null };
    await setBudget(prisma, adminA, { financialYear: 2030, amounts: { ...none, LOCALITY: '1,000.50', SPOT: 10 } });
    const saved = await setBudget(prisma, adminA, { financialYear: 2030, amounts: { ...none, LOCALITY: 2000, STEP: '' } });
    expect(saved.amounts).toEqual({ ...none, LOCALITY: 2000 });
    expect(await prisma.budget.count({ where: { councilId: A, financialYear: 2030 } })).toBe(1);
    const audit = await prisma.auditEvent.findMany({ where: { councilId: A, action: 'budget.set', entityId: `${A}:2030` }, orderBy: { at: 'asc' } });
    expect(audit).toHaveLength(2);
    expect(audit[1].details).toMatchObject({ before: { LOCALITY: 1000.5, SPOT: 10 }, after: { LOCALITY: 2000, SPOT: null } });

    const bad = setBudget(prisma, adminA, { financialYear: 2030, amounts: { ...none, LOCALITY: -1, ISF: 'lots', ICB: 1.234 } });
    await expect(bad).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: {
        'amounts.LOCALITY': ['The Locality budget must be £0 or more'],
        'amounts.ISF': [expect.stringMatching(/^Enter the Individual service fund budget as an amount in pounds/)],
        'amounts.ICB': ['Enter the NHS ICB budget in pounds and pence, with at most two decimal places'],
      },
    });
    expect((await prisma.budget.findFirstOrThrow({ where: { councilId: A, financialYear: 2030 } })).amount.toNumber()).toBe(2000);
    const commissioner = { ...adminA, role: 'COMMISSIONER' as const };
    await expect(setBudget(prisma, commissioner, { financialYear: 2030, amounts: none })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await prisma.budget.deleteMany({ where: { councilId: A, financialYear: 2030 } });
  });

  it('another council sees only its own market', async () => {
    const types = await getHoursByContractType(prisma, B, allFilters);
    expect(types.totalHours).toBeCloseTo(40, 9);
    expect((await getWaitingNow(prisma, B, allFilters)).total.packages).toBe(1);
    // A locality id from council A selects nothing in council B.
    expect((await getHoursByContractType(prisma, B, { ...allFilters, localityId: loc.L1 })).totalHours).toBe(0);
  });

  it("each section's CSV holds exactly the numbers its table shows", async () => {
    for (const section of SECTIONS) {
      const { table } = await section.load(prisma, A, allFilters);
      const csv = tableToCsv(table).trimEnd().split('\r\n');
      expect(csv).toHaveLength(table.rows.length + 1);
      table.rows.forEach((row, i) => {
        for (const cell of row) {
          if (cell.kind === 'text') continue;
          const shown = displayCell(cell);
          if (shown === '—') expect(csvCell(cell)).toBe('');
          else expect(Number(shown.replace(/[£,%]/g, ''))).toBe(Number(csvCell(cell)));
        }
        expect(csv[i + 1]).toContain(csvCell(row[1]));
      });
    }
  });

  it('each section downloads as UTF-8 with a byte-order mark, named by its filters, under a header naming the council, section, filters and time', async () => {
    request.actor = { ...adminA, mfaEnabled: true };
    const route = (await import('@/app/(commissioner)/dashboards/csv/[section]/route')) as {
      GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
    };
    const query = `asOf=${asOf}&from=2026-04-01&to=2026-11-22`;
    const filters: TDashboardFilters = { ...dashboardFilters({ asOf, from: '2026-04-01', to: '2026-11-22', locality: loc.L1 }, now) };
    for (const section of SECTIONS) {
      const response = await route.GET(new Request(`http://localhost/dashboards/csv/${section.slug}?${query}&locality=${loc.L1}`), {
        params: Promise.resolve({ section: section.slug }),
      });
      expect(response.status, section.slug).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="dsa-${section.slug}-as-of-${asOf}-2026-04-01-to-2026-11-22-l1.csv"`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)], section.slug).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
      expect(lines[0]).toMatch(
        new RegExp(
          `^# Dashboard A — ${section.title.replace(/[()]/g, '\\$&')} — as of 23 Nov 2026; from 1 Apr 2026 to 22 Nov 2026; locality Bingley \\(L1\\) — made \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2} \\(London time\\)$`,
        ),
      );
      const notes = section.carerHours ? [`# ${CARER_HOURS_NOTE}`] : [];
      expect(lines.slice(1, 1 + notes.length)).toEqual(notes);
      // Below the header, the same table the page shows for these filters.
      const { table } = await section.load(prisma, A, { ...filters, now: new Date() });
      expect(lines.slice(1 + notes.length).join('\r\n'), section.slug).toBe(tableToCsv(table));
    }
    // With no locality chosen, the file and its header say so.
    const whole = await route.GET(new Request(`http://localhost/dashboards/csv/waiting?${query}`), { params: Promise.resolve({ section: 'waiting' }) });
    expect(whole.headers.get('content-disposition')).toContain(`filename="dsa-waiting-as-of-${asOf}-2026-04-01-to-2026-11-22-all-localities.csv"`);
    expect((await whole.text()).split('\r\n')[0]).toContain('; all localities — made ');
  });
});

describe('the package facts the dashboards read from lines and packages', () => {
  // ServiceLine.packageLocalityId / packageStatus / packageClosedAt / providerPlacementsEndedAt /
  // contractType / providerCqcRating and Package.firstVisitStart are copies the database keeps
  // (dashboard_facts, dashboard_placement_facts and dashboard_type_rating_facts migrations); the dashboards must see a change in the same moment as
  // the rows they copy.
  const facts = (packageId: string) =>
    prisma.serviceLine.findMany({ where: { councilId: A, packageId }, select: { packageLocalityId: true, packageStatus: true, packageClosedAt: true } });
  const placementsEndedAt = async (packageId: string) =>
    (await prisma.serviceLine.findFirstOrThrow({ where: { councilId: A, packageId } })).providerPlacementsEndedAt;
  const firstStart = async (packageId: string) =>
    (await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: A, id: packageId } } })).firstVisitStart;
  // Placement.packagePathway / packageLocalityId / packageFirstVisitStart (placement_package_facts migration).
  const placementFacts = (packageId: string) =>
    prisma.placement.findMany({
      where: { councilId: A, packageId },
      select: { packagePathway: true, packageLocalityId: true, packageFirstVisitStart: true },
    });

  it('follow every write to the package and its visits, and figures follow at once', async () => {
    const id = await pkg(A, loc.L2, {
      status: 'PLACED',
      postedAt: '2026-11-01T09:00:00Z',
      placedAt: '2026-11-02T09:00:00Z',
      visits: [{ start: '13:00', minutes: 60, carers: 1, days: ['MON'] }],
      lines: [{ hours: 11, start: '2026-11-02', contract: 'ICB' }],
      placements: [{ contract: 'ICB', startedAt: '2026-11-02T09:00:00Z' }],
    });
    expect(await facts(id)).toEqual([{ packageLocalityId: loc.L2, packageStatus: 'PLACED', packageClosedAt: null }]);
    expect(await firstStart(id)).toBe('13:00');
    expect(await placementFacts(id)).toEqual([{ packagePathway: 'LONG_TERM', packageLocalityId: loc.L2, packageFirstVisitStart: '13:00' }]);
    const wharfedale = { ...allFilters, localityId: loc.R1 };
    const icbIn = async (f: TDashboardFilters) => (await getHoursByContractType(prisma, A, f)).rows.find((r) => r.type === 'ICB')!.hours;
    const before = await icbIn(wharfedale);

    // The person moves to Wharfedale: the line moves with the package.
    await prisma.package.update({ where: { councilId_id: { councilId: A, id } }, data: { localityId: loc.R1 } });
    expect((await facts(id))[0].packageLocalityId).toBe(loc.R1);
    expect((await placementFacts(id))[0].packageLocalityId).toBe(loc.R1);
    expect(await icbIn(wharfedale)).toBeCloseTo(before + 11, 9);

    // A line written with a wrong copy is put right by the database.
    await prisma.serviceLine.updateMany({ where: { councilId: A, packageId: id }, data: { packageLocalityId: loc.L1, packageStatus: 'DRAFT' } });
    expect(await facts(id)).toEqual([{ packageLocalityId: loc.R1, packageStatus: 'PLACED', packageClosedAt: null }]);
    await prisma.placement.updateMany({ where: { councilId: A, packageId: id }, data: { packageLocalityId: loc.L1, packagePathway: 'REABLEMENT' } });
    expect(await placementFacts(id)).toEqual([{ packagePathway: 'LONG_TERM', packageLocalityId: loc.R1, packageFirstVisitStart: '13:00' }]);

    // The provider's CQC rating changes: its hours move to the new rating at once.
    const ratingHours = async (rating: string) => (await getHoursByCqcRating(prisma, A, allFilters)).rows.find((r) => r.rating === rating)!;
    const [goodBefore, notRatedBefore] = [await ratingHours('GOOD'), await ratingHours('NOT_RATED')];
    await prisma.provider.update({ where: { id: prov.P4 }, data: { cqcRating: 'GOOD' } });
    expect((await ratingHours('GOOD')).hours).toBeCloseTo(goodBefore.hours + notRatedBefore.hours, 9);
    expect((await ratingHours('GOOD')).packages).toBe(goodBefore.packages + notRatedBefore.packages);
    expect((await ratingHours('NOT_RATED')).hours).toBe(0);
    await prisma.provider.update({ where: { id: prov.P4 }, data: { cqcRating: 'NOT_RATED' } });
    expect((await ratingHours('NOT_RATED')).hours).toBeCloseTo(notRatedBefore.hours, 9);
    expect(
      await prisma.serviceLine.findFirstOrThrow({ where: { councilId: A, packageId: id }, select: { contractType: true, providerCqcRating: true } }),
    ).toEqual({ contractType: 'ICB', providerCqcRating: 'NOT_RATED' });

    // Its provider's placement ends before today while the package goes on: past its end at once;
    // placed again with the same provider, it is not.
    const placementEnded = async () => (await getUnendedLines(prisma, A, allFilters)).rows.find((r) => r.reason === 'PLACEMENT_ENDED')!.lines;
    const endedBefore = await placementEnded();
    await prisma.placement.updateMany({ where: { councilId: A, packageId: id }, data: { endedAt: new Date('2026-11-20T10:00:00Z') } });
    expect(await placementEnded()).toBe(endedBefore + 1);
    expect(await placementsEndedAt(id)).toEqual(new Date('2026-11-20T10:00:00Z'));
    const icb = await prisma.contract.findUniqueOrThrow({ where: { councilId_id: { councilId: A, id: con.ICB } } });
    const again = await prisma.placement.create({
      data: { councilId: A, packageId: id, providerId: icb.providerId, contractId: icb.id, startedAt: new Date('2026-11-21T10:00:00Z') },
    });
    expect(await placementEnded()).toBe(endedBefore);
    await prisma.placement.delete({ where: { councilId_id: { councilId: A, id: again.id } } });
    expect(await placementEnded()).toBe(endedBefore + 1);

    // Ended yesterday with its line left open: counted as past its end straight away.
    const unendedBefore = (await getUnendedLines(prisma, A, allFilters)).rows.find((r) => r.reason === 'PACKAGE_ENDED')!;
    await prisma.package.update({ where: { councilId_id: { councilId: A, id } }, data: { status: 'ENDED', endedAt: new Date('2026-11-22T10:00:00Z') } });
    expect(await facts(id)).toEqual([{ packageLocalityId: loc.R1, packageStatus: 'ENDED', packageClosedAt: new Date('2026-11-22T10:00:00Z') }]);
    const unendedAfter = (await getUnendedLines(prisma, A, allFilters)).rows.find((r) => r.reason === 'PACKAGE_ENDED')!;
    expect(unendedAfter.lines).toBe(unendedBefore.lines + 1);
    expect(unendedAfter.hours).toBeCloseTo(unendedBefore.hours + 11, 9);

    // Visits: an earlier one moves the band, removing them all leaves none.
    const bandCount = async (b: string) => (await getPickUpTimes(prisma, A, allFilters)).byBand.find((x) => x.key === b)?.placements ?? 0;
    const morningBefore = await bandCount('MORNING');
    const early = await prisma.visit.create({ data: { councilId: A, packageId: id, days: ['TUE'], start: '07:15', minutes: 30, carers: 1 } });
    expect(await firstStart(id)).toBe('07:15');
    expect((await placementFacts(id))[0].packageFirstVisitStart).toBe('07:15');
    expect(await bandCount('MORNING')).toBe(morningBefore + 1);
    await prisma.visit.update({ where: { councilId_id: { councilId: A, id: early.id } }, data: { start: '18:00' } });
    expect(await firstStart(id)).toBe('13:00');
    await prisma.package.update({ where: { councilId_id: { councilId: A, id } }, data: { firstVisitStart: '01:00' } });
    expect(await firstStart(id)).toBe('13:00');
    await prisma.visit.deleteMany({ where: { councilId: A, packageId: id } });
    expect(await firstStart(id)).toBeNull();
    expect((await placementFacts(id))[0].packageFirstVisitStart).toBeNull();

    // Deleting the package takes its lines and visits with it.
    await prisma.visit.create({ data: { councilId: A, packageId: id, days: ['TUE'], start: '07:15', minutes: 30, carers: 1 } });
    await prisma.placement.deleteMany({ where: { councilId: A, packageId: id } });
    await prisma.package.delete({ where: { councilId_id: { councilId: A, id } } });
    expect(await prisma.serviceLine.count({ where: { councilId: A, packageId: id } })).toBe(0);
    expect(await icbIn(wharfedale)).toBeCloseTo(before, 9);
  });
});
