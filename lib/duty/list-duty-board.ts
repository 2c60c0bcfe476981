import 'server-only';
import {
  Prisma,
  type ContractType,
  type DeclineReason,
  type OfferStatus,
  type PhoneContactOutcome,
  type PrismaClient,
  type ReablementOutcome,
} from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { londonDate } from '@/lib/time/london';
import { clockAtRiskSql, clockDueSql, clockStart, dutyClock, isLateFriday, roundOutlastsClock, targetMinutes, type TClockState } from '@/lib/domain/clock';
import { carerHours } from '@/lib/domain/carer-hours';
import { isUnplaced, LIVE_STATUSES, statusListSql, UNPLACED_STATUSES, type TLiveStatus, type TUnplacedStatus } from '@/lib/domain/package-status';
import { isContractInForce } from '@/lib/domain/contract';
import { reablementLastDaySql } from '@/lib/domain/reablement';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

// The BEST duty board: hospital discharges and reablement waiting for a provider, most urgent
// first, and placed reablement coming to its six-week end without an outcome. Everything is read
// for the actor's council only, and only a page of packages is loaded at a time.

export const DUTY_PAGE_SIZE = 25;
/** Reablement placements show on the board from this many days before their last day. */
export const ENDING_WITHIN_DAYS = 7;
/** Splits handed back within this many days are listed, so the hand-back can be checked. */
export const HANDED_BACK_WITHIN_DAYS = 14;

export type TDutyFilters = { hospitalId?: string; areaId?: string; page?: number };

/**
 * A STEP area: the localities one STEP contract covers (areas are not a table of their own; each
 * area's STEP contract names its localities). Keyed by the area's first contract, so an area whose
 * provider failed (contract ended, no replacement yet) still shows, as without a provider.
 */
export type TStepArea = { id: string; label: string; localityIds: string[]; providers: string[]; hasProvider: boolean };

const DAY = 86_400_000;

export async function listStepAreas(prisma: PrismaClient, councilId: string, now: Date): Promise<TStepArea[]> {
  const contracts = await prisma.contract.findMany({
    where: { councilId, type: 'STEP' },
    orderBy: [{ validFrom: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      validFrom: true,
      validTo: true,
      provider: { select: { name: true } },
      localities: { select: { locality: { select: { id: true, name: true } } } },
    },
  });
  const areas = new Map<string, TStepArea & { names: string[] }>();
  for (const c of contracts) {
    const locs = c.localities.map((l) => l.locality).sort((a, b) => a.name.localeCompare(b.name));
    const key = locs
      .map((l) => l.id)
      .sort()
      .join(',');
    const area = areas.get(key) ?? {
      id: c.id,
      label: '',
      localityIds: locs.map((l) => l.id),
      providers: [],
      hasProvider: false,
      names: locs.map((l) => l.name),
    };
    if (isContractInForce(c, now)) {
      area.providers.push(c.provider.name);
      area.hasProvider = true;
    }
    areas.set(key, area);
  }
  return [...areas.values()]
    .map(({ names, ...a }) => ({
      ...a,
      label: `${names.slice(0, 2).join(', ')}${names.length > 2 ? ` and ${names.length - 2} more` : ''} (${a.hasProvider ? a.providers.join(', ') : 'no STEP provider'})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

type TOfferView = {
  providerId: string;
  provider: string;
  phone: string | null;
  email: string | null;
  status: OfferStatus;
  deadline: Date;
  respondedAt: Date | null;
  declineReason: DeclineReason | null;
  contractType: ContractType | null;
};
type TCallView = { id: string; at: Date; outcome: PhoneContactOutcome; notes: string | null; provider: string | null; by: string };
type TCallTarget = { providerId: string; name: string; phone: string | null; email: string | null; group: 'OFFERED' | 'STEP' | 'OTHER' };

export type TWaitingRow = {
  id: string;
  reference: string;
  version: number;
  status: TUnplacedStatus;
  pathway: 'HOSPITAL_DISCHARGE' | 'REABLEMENT';
  person: string;
  locality: { id: string; name: string; rural: boolean };
  area: string | null;
  hospital: { code: string; name: string } | null;
  hours: number;
  doubleHanded: boolean;
  clock: { startedAt: Date; source: 'READY' | 'POSTED' | 'RECORDED'; targetMinutes: number; state: TClockState; dueAt: Date };
  lateFriday: boolean;
  round: number;
  roundDeadline: Date | null;
  /** The round closes only after the clock's target: nothing moves on its own before the clock breaches. */
  roundOutlastsClock: boolean;
  offers: TOfferView[];
  earlierOffers: number;
  calls: TCallView[];
  callCount: number;
  callTargets: TCallTarget[];
  splitFrom: string | null;
};

export type TEndingRow = {
  id: string;
  reference: string;
  person: string;
  locality: string;
  provider: string | null;
  placedAt: Date | null;
  endsOn: string;
  status: TLiveStatus;
  splitFrom: { reference: string; provider: string | null } | null;
};

export type THandBackRow = {
  id: string;
  reference: string;
  handedBackAt: Date;
  outcome: ReablementOutcome | null;
  splitFrom: { reference: string; provider: string | null };
};

export type TDutyBoard = {
  waiting: { rows: TWaitingRow[]; total: number; counts: Record<TClockState, number>; page: number; pages: number };
  ending: { rows: TEndingRow[]; total: number };
  handedBack: THandBackRow[];
  areas: TStepArea[];
  hospitals: { id: string; code: string; name: string }[];
  filters: { hospitalId: string | null; areaId: string | null };
};

const WAITING_STATUSES = Prisma.raw(statusListSql(UNPLACED_STATUSES));

export async function listDutyBoard(prisma: PrismaClient, actor: TCouncilActor, filters: TDutyFilters, now: Date = new Date()): Promise<TDutyBoard> {
  const { councilId } = actor;
  const [areas, hospitals] = await Promise.all([
    listStepAreas(prisma, councilId, now),
    prisma.hospital.findMany({ where: { councilId }, orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } }),
  ]);
  // Unknown ids (another council's, or stale links) simply do not filter.
  const hospitalId = hospitals.some((h) => h.id === filters.hospitalId) ? filters.hospitalId! : null;
  const area = areas.find((a) => a.id === filters.areaId) ?? null;
  const areaOf = new Map<string, string>();
  for (const a of areas) for (const l of a.localityIds) if (!areaOf.has(l)) areaOf.set(l, a.label);

  const nowSql = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const byHospital = hospitalId ? Prisma.sql`AND p."hospitalId" = ${hospitalId}::uuid` : Prisma.empty;
  const byArea = area ? Prisma.sql`AND p."localityId" = ANY(${area.localityIds}::uuid[])` : Prisma.empty;
  // The clocks in SQL, so the board sorts and pages by urgency: when each clock's target passes,
  // soonest (or longest gone) first.
  const due = Prisma.raw(clockDueSql('p'));
  const atRisk = Prisma.raw(clockAtRiskSql('p'));
  const waitingWhere = Prisma.sql`p."councilId" = ${councilId}::uuid AND p.pathway IN ('HOSPITAL_DISCHARGE', 'REABLEMENT') AND p.status IN ${WAITING_STATUSES} ${byHospital} ${byArea}`;

  const [[counts], endingCount] = await Promise.all([
    prisma.$queryRaw<{ total: number; breached: number; at_risk: number }[]>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE ${due} < ${nowSql})::int AS breached,
             count(*) FILTER (WHERE ${due} >= ${nowSql} AND ${atRisk} <= ${nowSql})::int AS at_risk
      FROM "Package" p WHERE ${waitingWhere}`,
    countEnding(prisma, councilId, area, now),
  ]);
  const pages = Math.max(1, Math.ceil(counts.total / DUTY_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Math.floor(filters.page ?? 1)));
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Package" p WHERE ${waitingWhere}
    ORDER BY ${due}, p.reference
    LIMIT ${DUTY_PAGE_SIZE} OFFSET ${(page - 1) * DUTY_PAGE_SIZE}`;

  const [rows, ending, handedBack] = await Promise.all([
    waitingRows(
      prisma,
      councilId,
      ids.map((r) => r.id),
      areaOf,
      now,
    ),
    endingRows(prisma, councilId, area, now),
    handedBackRows(prisma, councilId, area, now),
  ]);
  return {
    waiting: {
      rows,
      total: counts.total,
      counts: { BREACHED: counts.breached, AT_RISK: counts.at_risk, ON_TIME: counts.total - counts.breached - counts.at_risk },
      page,
      pages,
    },
    ending: { rows: ending, total: endingCount },
    handedBack,
    areas,
    hospitals,
    filters: { hospitalId, areaId: area?.id ?? null },
  };
}

async function waitingRows(prisma: PrismaClient, councilId: string, ids: string[], areaOf: Map<string, string>, now: Date): Promise<TWaitingRow[]> {
  if (ids.length === 0) return [];
  const packages = await prisma.package.findMany({
    where: { councilId, id: { in: ids } },
    select: {
      id: true,
      reference: true,
      version: true,
      status: true,
      pathway: true,
      readyAt: true,
      postedAt: true,
      createdAt: true,
      offerRound: true,
      roundDeadline: true,
      hospitalId: true,
      person: { select: { givenName: true, familyName: true } },
      locality: { select: { id: true, name: true, rural: true } },
      hospital: { select: { code: true, name: true } },
      visits: { where: visitsInForceWhere(now), select: { minutes: true, carers: true, days: true } },
      splitFrom: { select: { reference: true } },
      phoneContacts: { orderBy: { at: 'desc' }, take: 5, select: { id: true, at: true, outcome: true, notes: true, providerId: true, userId: true } },
      _count: { select: { phoneContacts: true } },
    },
  });
  const [offers, earlier, covering] = await Promise.all([
    prisma.offer.findMany({
      where: { councilId, OR: packages.map((p) => ({ packageId: p.id, round: p.offerRound })) },
      orderBy: [{ rank: 'asc' }],
      select: {
        packageId: true,
        providerId: true,
        status: true,
        deadline: true,
        respondedAt: true,
        declineReason: true,
        provider: { select: { name: true, phone: true, email: true } },
        contract: { select: { type: true } },
      },
    }),
    prisma.offer.findMany({
      where: { councilId, packageId: { in: ids }, OR: packages.map((p) => ({ packageId: p.id, round: { lt: p.offerRound } })) },
      select: { packageId: true, providerId: true, provider: { select: { name: true, phone: true, email: true } } },
    }),
    prisma.contract.findMany({
      where: {
        councilId,
        localities: { some: { localityId: { in: [...new Set(packages.map((p) => p.locality.id))] } } },
        provider: { councils: { some: { councilId, status: 'ACTIVE' } } },
      },
      select: {
        providerId: true,
        type: true,
        hospitalId: true,
        validFrom: true,
        validTo: true,
        provider: { select: { name: true, phone: true, email: true } },
        localities: { select: { localityId: true } },
      },
    }),
  ]);
  const contactIds = packages.flatMap((p) => p.phoneContacts);
  const [contactProviders, contactUsers] = await Promise.all([
    prisma.provider.findMany({
      where: { id: { in: [...new Set(contactIds.map((c) => c.providerId).filter((id): id is string => id !== null))] } },
      select: { id: true, name: true },
    }),
    prisma.user.findMany({ where: { councilId, id: { in: [...new Set(contactIds.map((c) => c.userId))] } }, select: { id: true, name: true } }),
  ]);
  const providerName = new Map(contactProviders.map((p) => [p.id, p.name]));
  const userName = new Map(contactUsers.map((u) => [u.id, u.name]));

  const byId = new Map(packages.map((p) => [p.id, p]));
  return ids.flatMap((id): TWaitingRow[] => {
    const p = byId.get(id);
    if (!p || p.pathway === 'LONG_TERM' || !isUnplaced(p.status)) return [];
    const start = clockStart(p);
    const target = targetMinutes({ pathway: p.pathway, hasHospital: p.hospital !== null });
    const clock = dutyClock(start.at, target, now);
    const mine = offers.filter((o) => o.packageId === p.id);
    const before = earlier.filter((o) => o.packageId === p.id);
    const targets = new Map<string, TCallTarget>();
    for (const o of [...mine, ...before]) targets.set(o.providerId, { providerId: o.providerId, ...o.provider, group: 'OFFERED' });
    for (const c of covering) {
      if (targets.has(c.providerId) || !isContractInForce(c, now) || !c.localities.some((l) => l.localityId === p.locality.id)) continue;
      // A discharge contract is for its own hospital's discharges only.
      if (c.type === 'DISCHARGE' && !(p.pathway === 'HOSPITAL_DISCHARGE' && c.hospitalId === p.hospitalId)) continue;
      const stepLike = c.type === 'STEP' || c.type === 'DISCHARGE';
      const held = targets.get(c.providerId);
      if (!held || (stepLike && held.group === 'OTHER'))
        targets.set(c.providerId, { providerId: c.providerId, ...c.provider, group: stepLike ? 'STEP' : 'OTHER' });
    }
    const order = { OFFERED: 0, STEP: 1, OTHER: 2 };
    return [
      {
        id: p.id,
        reference: p.reference,
        version: p.version,
        status: p.status,
        pathway: p.pathway,
        person: `${p.person.givenName} ${p.person.familyName}`,
        locality: p.locality,
        area: areaOf.get(p.locality.id) ?? null,
        hospital: p.hospital,
        hours: carerHours(p.visits),
        doubleHanded: p.visits.some((v) => v.carers === 2),
        clock: { startedAt: start.at, source: start.source, targetMinutes: target, state: clock.state, dueAt: clock.dueAt },
        lateFriday: isLateFriday(start.at),
        round: p.offerRound,
        roundDeadline: p.roundDeadline,
        roundOutlastsClock: roundOutlastsClock(p.roundDeadline, clock.dueAt),
        offers: mine.map((o) => ({
          providerId: o.providerId,
          provider: o.provider.name,
          phone: o.provider.phone,
          email: o.provider.email,
          status: o.status,
          deadline: o.deadline,
          respondedAt: o.respondedAt,
          declineReason: o.declineReason,
          contractType: o.contract?.type ?? null,
        })),
        earlierOffers: before.length,
        calls: p.phoneContacts.map((c) => ({
          id: c.id,
          at: c.at,
          outcome: c.outcome,
          notes: c.notes,
          provider: c.providerId ? (providerName.get(c.providerId) ?? null) : null,
          by: userName.get(c.userId) ?? 'Someone',
        })),
        callCount: p._count.phoneContacts,
        callTargets: [...targets.values()].sort((a, b) => order[a.group] - order[b.group] || a.name.localeCompare(b.name)),
        splitFrom: p.splitFrom?.reference ?? null,
      },
    ];
  });
}

const endsOnSql = Prisma.raw(reablementLastDaySql('p'));

function endingWhere(councilId: string, area: TStepArea | null, now: Date): Prisma.Sql {
  const horizon = new Date(`${londonDate(now)}T00:00:00Z`).getTime() + ENDING_WITHIN_DAYS * DAY;
  return Prisma.sql`p."councilId" = ${councilId}::uuid AND p.pathway = 'REABLEMENT' AND p.status IN ${Prisma.raw(statusListSql(LIVE_STATUSES))}
    AND p."reablementOutcome" IS NULL AND ${endsOnSql} <= ${new Date(horizon).toISOString().slice(0, 10)}::date
    ${area ? Prisma.sql`AND p."localityId" = ANY(${area.localityIds}::uuid[])` : Prisma.empty}`;
}

async function countEnding(prisma: PrismaClient, councilId: string, area: TStepArea | null, now: Date): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Package" p WHERE ${endingWhere(councilId, area, now)}`;
  return row?.n ?? 0;
}

async function endingRows(prisma: PrismaClient, councilId: string, area: TStepArea | null, now: Date): Promise<TEndingRow[]> {
  const due = await prisma.$queryRaw<{ id: string; ends_on: Date }[]>`
    SELECT p.id, ${endsOnSql} AS ends_on FROM "Package" p WHERE ${endingWhere(councilId, area, now)}
    ORDER BY ${endsOnSql}, p.reference LIMIT 50`;
  if (due.length === 0) return [];
  const packages = await prisma.package.findMany({
    where: { councilId, id: { in: due.map((d) => d.id) } },
    select: {
      id: true,
      reference: true,
      status: true,
      placedAt: true,
      person: { select: { givenName: true, familyName: true } },
      locality: { select: { name: true } },
      placements: { where: { endedAt: null }, select: { provider: { select: { name: true } } } },
      splitFrom: { select: { reference: true, placements: { where: { endedAt: null }, select: { provider: { select: { name: true } } } } } },
    },
  });
  const byId = new Map(packages.map((p) => [p.id, p]));
  return due.flatMap((d): TEndingRow[] => {
    const p = byId.get(d.id);
    if (!p) return [];
    return [
      {
        id: p.id,
        reference: p.reference,
        person: `${p.person.givenName} ${p.person.familyName}`,
        locality: p.locality.name,
        provider: p.placements[0]?.provider.name ?? null,
        placedAt: p.placedAt,
        endsOn: d.ends_on.toISOString().slice(0, 10),
        status: p.status as TEndingRow['status'],
        splitFrom: p.splitFrom ? { reference: p.splitFrom.reference, provider: p.splitFrom.placements[0]?.provider.name ?? null } : null,
      },
    ];
  });
}

async function handedBackRows(prisma: PrismaClient, councilId: string, area: TStepArea | null, now: Date): Promise<THandBackRow[]> {
  const rows = await prisma.package.findMany({
    where: {
      councilId,
      pathway: 'REABLEMENT',
      splitFromId: { not: null },
      handedBackAt: { gte: new Date(now.getTime() - HANDED_BACK_WITHIN_DAYS * DAY) },
      ...(area ? { localityId: { in: area.localityIds } } : {}),
    },
    orderBy: { handedBackAt: 'desc' },
    take: 10,
    select: {
      id: true,
      reference: true,
      handedBackAt: true,
      reablementOutcome: true,
      splitFrom: { select: { reference: true, placements: { where: { endedAt: null }, select: { provider: { select: { name: true } } } } } },
    },
  });
  return rows.flatMap((r) =>
    r.splitFrom && r.handedBackAt
      ? [
          {
            id: r.id,
            reference: r.reference,
            handedBackAt: r.handedBackAt,
            outcome: r.reablementOutcome,
            splitFrom: { reference: r.splitFrom.reference, provider: r.splitFrom.placements[0]?.provider.name ?? null },
          },
        ]
      : [],
  );
}
