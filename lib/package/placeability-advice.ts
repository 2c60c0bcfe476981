import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { enginePackage, packageForRanking, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { CARER_HOURS_NOTE, carerHours } from '@/lib/domain/carer-hours';
import { csvReport } from '@/lib/csv/csv-file';
import { isOffering, OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { count, hours, tableToCsv, text, type TSectionTable } from '@/lib/dashboard/table';
import { DECLINE_REASON_TEXT, PATHWAY_TEXT } from '@/lib/domain/labels';
import { round2 } from '@/lib/placement/demand';
import { leverAdvice, needText, runSentence, upliftAdvice, type TLeverAdvice } from './lever-text';
import { placeability, type TLever } from '@/lib/placement/placeability';
import { LOCAL_RATE_WEEKS, rateUplift, type TRateUplift } from '@/lib/placement/rate-uplift';
import { rankPackage } from '@/lib/placement/rank';
import { ruralBundles, type TRuralBundle } from '@/lib/placement/rural-bundles';
import type { TScenario } from '@/lib/placement/schema';

// The placeability advisor on the live market: for one waiting package, each provider that one
// change would let it be offered to, what it misses the package by and that change; and for the
// weekly capacity meeting, every waiting package of the council grouped by the change that would
// place it and by locality ("38 packages need evening capacity in Wharfedale"). A package someone
// can be offered but that the providers asked turned down gets the rate uplift that would bring it
// up to what the council pays in its locality; a package in a rural locality, the other packages
// waiting there in the same band and who has room to take them all as one run.

type Db = PrismaClient | Prisma.TransactionClient;

export type TProviderAdvice = {
  providerId: string;
  providerName: string;
  /** For a split: the second provider's name. */
  partnerName?: string;
  misses: string;
  change: string;
  lever: TLever;
};

export type TUpliftAdvice = TLeverAdvice & { uplift: TRateUplift };

/** A rural run the package is part of: the packages (this one among them, by reference) and who has room for them all. */
export type TRunAdvice = { band: TRuralBundle['band']; packages: { id: string; reference: string }[]; hours: number; providers: string[]; sentence: string };

export type TPackageAdvice = {
  /** Someone can be offered it as the market stands. */
  placeable: boolean;
  /** One entry per provider one change away, smallest change first; empty when placeable or no one change would do. */
  providers: TProviderAdvice[];
  /** For a placeable package whose offers were declined or lapsed: the uplift to the locality's rate; null otherwise. */
  uplift: TUpliftAdvice | null;
  /** In a rural locality: the runs it is part of that some provider has room for. */
  runs: TRunAdvice[];
};

/** Anything to say: a lever, an uplift or a run. */
export const hasAdvice = (a: TPackageAdvice) => !a.placeable || a.uplift !== null || a.runs.length > 0;

const waitingInclude = (now: Date) => ({ visits: { where: visitsInForceWhere(now) }, hospital: { select: { code: true } } }) satisfies Prisma.PackageInclude;

/** Names for a lever's provider, the package's locality, and a neighbour's contract. */
async function namer(db: Db, councilId: string, scenario: TScenario, levers: readonly TLever[]) {
  const providers = new Map(scenario.providers.map((p) => [p.id, p.name]));
  const localities = new Map(scenario.localities.map((l) => [l.id, l.name]));
  const contractIds = [...new Set(levers.flatMap((l) => (l.kind === 'NEIGHBOUR_CONTRACT' ? [l.contractId] : [])))];
  const contracts = new Map(
    contractIds.length
      ? (await db.contract.findMany({ where: { councilId, id: { in: contractIds } }, select: { id: true, reference: true } })).map((c) => [c.id, c.reference])
      : [],
  );
  return (lever: TLever, localityId: string) => ({
    provider: providers.get(lever.providerId) ?? 'A provider',
    locality: localities.get(localityId) ?? 'its locality',
    ...(lever.kind === 'SPLIT' ? { partner: providers.get(lever.partnerId) } : {}),
    ...(lever.kind === 'NEIGHBOUR_CONTRACT' ? { neighbour: localities.get(lever.neighbourLocalityId), contract: contracts.get(lever.contractId) } : {}),
  });
}

/**
 * What would place one waiting package (offering or on the open market); null for any other
 * package. Ranks this package alone, with the other packages waiting in its locality when that is
 * rural (for its runs).
 */
export async function packagePlaceability(
  db: Db,
  actor: Pick<TCouncilActor, 'councilId'>,
  packageId: string,
  now: Date = new Date(),
): Promise<TPackageAdvice | null> {
  const { councilId } = actor;
  const row = await packageForRanking(db, councilId, packageId, now.getTime());
  if (!row || !isOffering(row.status) || row.visits.length === 0) return null;
  const others = row.locality.rural
    ? (
        await db.package.findMany({
          where: { councilId, localityId: row.localityId, id: { not: row.id }, status: statusIn(OFFERING_STATUSES) },
          include: waitingInclude(now),
          orderBy: { reference: 'asc' },
        })
      ).filter((r) => r.visits.length > 0)
    : [];
  const scenario = await scenarioFromDb(
    db,
    councilId,
    [row, ...others].map((r) => enginePackage(r, r.postedAt ?? now)),
    now,
  );
  const [advice] = placeability(scenario, [row.id]);
  const runs = await runAdvice(db, councilId, scenario, ruralBundles(scenario, [row.id]));
  if (advice.placeable) {
    const ranking = rankPackage(scenario, row.id);
    const uplift = await upliftFor(db, councilId, row, ranking?.offers[0]?.hourlyRate ?? null, now);
    return { placeable: true, providers: [], uplift, runs };
  }
  const names = await namer(db, councilId, scenario, advice.levers);
  // A provider may be one change away in only one way (one reason keeps it out), so one entry each;
  // a split is one entry, under the better ranked of its two providers.
  const providers = advice.levers.map((lever) => {
    const n = names(lever, row.localityId);
    return { providerId: lever.providerId, providerName: n.provider, ...(n.partner ? { partnerName: n.partner } : {}), lever, ...leverAdvice(lever, n) };
  });
  return { placeable: false, providers, uplift: null, runs };
}

/**
 * The uplift that would bring a package's rate up to what the council pays in its locality for its
 * pathway, when providers asked declined it or let their offers lapse: null when none did, when no
 * offer there was accepted in the last weeks, or when its rate is already as high.
 */
async function upliftFor(
  db: Db,
  councilId: string,
  row: {
    id: string;
    localityId: string;
    pathway: keyof typeof PATHWAY_TEXT;
    rateUplift: unknown;
    visits: { minutes: number; carers: number; days: unknown[] }[];
    locality: { name: string };
  },
  contractRate: number | null,
  now: Date,
): Promise<TUpliftAdvice | null> {
  if (contractRate === null) return null;
  const turned = await db.offer.findMany({
    where: { councilId, packageId: row.id, status: { in: ['DECLINED', 'EXPIRED'] } },
    select: { status: true, declineReason: true },
  });
  if (turned.length === 0) return null;
  const since = new Date(now.getTime() - LOCAL_RATE_WEEKS * 7 * 86_400_000);
  const accepted = await db.offer.findMany({
    where: {
      councilId,
      status: 'ACCEPTED',
      packageId: { not: row.id },
      respondedAt: { gte: since, lte: now },
      package: { localityId: row.localityId, pathway: row.pathway },
    },
    select: { hourlyRate: true },
  });
  const hours = carerHours(row.visits);
  const uplift = rateUplift({
    contractRate,
    uplift: row.rateUplift ? Number(row.rateUplift) : 0,
    carerHours: hours,
    accepted: accepted.map((o) => Number(o.hourlyRate)),
  });
  if (uplift === null) return null;
  const declined = turned.filter((o) => o.status === 'DECLINED');
  const reasons = [...new Set(declined.flatMap((o) => (o.declineReason ? [DECLINE_REASON_TEXT[o.declineReason]] : [])))];
  return {
    uplift,
    ...upliftAdvice({
      uplift,
      declined: declined.length,
      lapsed: turned.length - declined.length,
      reasons,
      locality: row.locality.name,
      pathway: `${PATHWAY_TEXT[row.pathway]} care`,
      hours,
    }),
  };
}

/** The runs some provider has room for, with the packages' references and the providers' names. */
async function runAdvice(db: Db, councilId: string, scenario: TScenario, bundles: readonly TRuralBundle[]): Promise<TRunAdvice[]> {
  const withRoom = bundles.filter((b) => b.providerIds.length > 0);
  if (withRoom.length === 0) return [];
  const ids = [...new Set(withRoom.flatMap((b) => b.packageIds))];
  const references = new Map(
    (await db.package.findMany({ where: { councilId, id: { in: ids } }, select: { id: true, reference: true } })).map((p) => [p.id, p.reference]),
  );
  const providers = new Map(scenario.providers.map((p) => [p.id, p.name]));
  const localities = new Map(scenario.localities.map((l) => [l.id, l.name]));
  return withRoom.map((b) => {
    const names = b.providerIds.map((id) => providers.get(id) ?? 'A provider');
    return {
      band: b.band,
      packages: b.packageIds.map((id) => ({ id, reference: references.get(id) ?? '' })).sort((x, y) => x.reference.localeCompare(y.reference)),
      hours: b.hours,
      providers: names,
      sentence: runSentence({
        packages: b.packageIds.length,
        locality: localities.get(b.localityId) ?? 'its locality',
        band: b.band,
        hours: b.hours,
        providers: names,
      }),
    };
  });
}

export type TCapacityNeed = {
  localityId: string;
  localityName: string;
  /** What would place them: "evening capacity", "double-handed carers", "more than one change". */
  need: string;
  packages: number;
  /** The packages' carer-hours a week. */
  hours: number;
  /** For capacity: the carer-hours a week short, added over the packages (each its nearest provider's shortfall). */
  hoursShort: number | null;
  /** For capacity: how many of them moving one visit by at most 30 minutes would place instead. */
  movable: number | null;
  /** How many of them a split between two providers would place, with no new room. */
  splittable: number;
};

/** A rural run for the meeting: the packages waiting in one rural locality and band that a provider has room to take together. */
export type TRunNeed = {
  localityId: string;
  localityName: string;
  band: TRuralBundle['band'];
  packages: number;
  /** The packages' references, in order. */
  references: string[];
  hours: number;
  providers: string[];
  sentence: string;
};

export type TCapacityNeeds = {
  waiting: number;
  placeable: number;
  needs: TCapacityNeed[];
  runs: TRunNeed[];
  /** How many packages the runs hold (a package with visits at two times of day may be in two runs). */
  inRuns: number;
};

/** The council's waiting packages (offering or on the open market) grouped by locality and the one change that would place each, largest group first. */
export async function capacityNeeds(db: Db, actor: Pick<TCouncilActor, 'councilId'>, now: Date = new Date()): Promise<TCapacityNeeds> {
  const { councilId } = actor;
  const rows = (await db.package.findMany({ where: { councilId, status: statusIn(OFFERING_STATUSES) }, include: waitingInclude(now) })).filter(
    (r) => r.visits.length > 0,
  );
  if (rows.length === 0) return { waiting: 0, placeable: 0, needs: [], runs: [], inRuns: 0 };
  const scenario = await scenarioFromDb(
    db,
    councilId,
    rows.map((r) => enginePackage(r, r.postedAt ?? now)),
    now,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const localities = new Map(scenario.localities.map((l) => [l.id, l.name]));
  const groups = new Map<string, TCapacityNeed>();
  let placeable = 0;
  for (const a of placeability(scenario)) {
    if (a.placeable) {
      placeable++;
      continue;
    }
    const row = byId.get(a.packageId)!;
    const need = needText(a.lever);
    const capacity = a.lever?.kind === 'CAPACITY' ? a.lever : null;
    const key = `${row.localityId}|${need}`;
    const g = groups.get(key) ?? {
      localityId: row.localityId,
      localityName: localities.get(row.localityId) ?? '',
      need,
      packages: 0,
      hours: 0,
      hoursShort: capacity ? 0 : null,
      movable: capacity ? 0 : null,
      splittable: 0,
    };
    g.packages++;
    if (a.levers.some((l) => l.kind === 'SPLIT')) g.splittable++;
    g.hours = round2(g.hours + carerHours(row.visits));
    if (capacity) {
      g.hoursShort = round2((g.hoursShort ?? 0) + capacity.shortByHours);
      g.movable = (g.movable ?? 0) + (capacity.shift ? 1 : 0);
    }
    groups.set(key, g);
  }
  const needs = [...groups.values()].sort((x, y) => y.packages - x.packages || x.localityName.localeCompare(y.localityName) || x.need.localeCompare(y.need));
  const providers = new Map(scenario.providers.map((p) => [p.id, p.name]));
  const bundles = ruralBundles(scenario).filter((b) => b.providerIds.length > 0);
  const runs = bundles
    .map((b): TRunNeed => {
      const localityName = localities.get(b.localityId) ?? '';
      const names = b.providerIds.map((id) => providers.get(id) ?? 'A provider');
      const facts = { packages: b.packageIds.length, locality: localityName, band: b.band, hours: b.hours, providers: names };
      return {
        localityId: b.localityId,
        localityName,
        band: b.band,
        packages: b.packageIds.length,
        references: b.packageIds.map((id) => byId.get(id)!.reference).sort(),
        hours: b.hours,
        providers: names,
        sentence: runSentence(facts),
      };
    })
    .sort((x, y) => y.packages - x.packages || x.localityName.localeCompare(y.localityName));
  return { waiting: rows.length, placeable, needs, runs, inRuns: new Set(bundles.flatMap((b) => b.packageIds)).size };
}

/** "38 packages need evening capacity in Wharfedale". */
export function needSentence(n: Pick<TCapacityNeed, 'packages' | 'need' | 'localityName'>): string {
  const verb = n.packages === 1 ? 'package needs' : 'packages need';
  return `${n.packages} ${verb} ${n.need} in ${n.localityName}`;
}

/** The groups as a table, for the page and its CSV alike. */
export function capacityNeedsTable(needs: readonly TCapacityNeed[]): TSectionTable {
  return {
    caption: 'Waiting packages by what would place them, largest group first',
    columns: [
      { label: 'Locality', numeric: false },
      { label: 'What would place them', numeric: false },
      { label: 'Packages', numeric: true },
      { label: 'Carer-hours a week', numeric: true },
      { label: 'Carer-hours a week short', numeric: true },
      { label: 'Placed by moving a visit up to 30 minutes', numeric: true },
      { label: 'Placed by a split between two providers', numeric: true },
    ],
    rows: needs.map((n) => [
      text(n.localityName),
      text(n.need),
      count(n.packages),
      hours(n.hours),
      hours(n.hoursShort),
      n.movable === null ? { kind: 'count', value: null } : count(n.movable),
      count(n.splittable),
    ]),
  };
}

/** The meeting's table as a CSV report: council, title and when it was made above the columns. */
export function capacityNeedsCsv(council: string, result: TCapacityNeeds, madeAt: Date): string {
  return csvReport(
    {
      council,
      title: 'What would place the waiting packages',
      filters: [`${result.waiting} waiting, ${result.placeable} of them can be offered to someone as the market stands`],
      madeAt,
      notes: [CARER_HOURS_NOTE],
    },
    tableToCsv(capacityNeedsTable(result.needs)),
  );
}
