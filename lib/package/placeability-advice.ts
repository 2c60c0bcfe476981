import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { enginePackage, scenarioFromDb } from '@/lib/brokerage/scenario-from-db';
import { CARER_HOURS_NOTE, carerHours } from '@/lib/domain/carer-hours';
import { csvReport } from '@/lib/csv/csv-file';
import { OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';
import { count, hours, tableToCsv, text, type TSectionTable } from '@/lib/dashboard/table';
import { round2 } from '@/lib/placement/demand';
import { leverAdvice, needText } from './lever-text';
import { placeability, type TLever } from '@/lib/placement/placeability';
import type { TScenario } from '@/lib/placement/schema';

// The placeability advisor on the live market: for one waiting package, each provider that one
// change would let it be offered to, what it misses the package by and that change; and for the
// weekly capacity meeting, every waiting package of the council grouped by the change that would
// place it and by locality ("38 packages need evening capacity in Wharfedale").

type Db = PrismaClient | Prisma.TransactionClient;

export type TProviderAdvice = { providerId: string; providerName: string; misses: string; change: string; lever: TLever };

export type TPackageAdvice = {
  /** Someone can be offered it as the market stands: nothing to advise. */
  placeable: boolean;
  /** One entry per provider one change away, smallest change first; empty when no one change would do. */
  providers: TProviderAdvice[];
};

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
    ...(lever.kind === 'NEIGHBOUR_CONTRACT' ? { neighbour: localities.get(lever.neighbourLocalityId), contract: contracts.get(lever.contractId) } : {}),
  });
}

/** What would place one waiting package (offering or on the open market); null for any other package. Ranks this package alone. */
export async function packagePlaceability(
  db: Db,
  actor: Pick<TCouncilActor, 'councilId'>,
  packageId: string,
  now: Date = new Date(),
): Promise<TPackageAdvice | null> {
  const { councilId } = actor;
  const row = await db.package.findFirst({ where: { councilId, id: packageId, status: statusIn(OFFERING_STATUSES) }, include: waitingInclude(now) });
  if (!row || row.visits.length === 0) return null;
  const scenario = await scenarioFromDb(db, councilId, [enginePackage(row, row.postedAt ?? now)], now);
  const [advice] = placeability(scenario, [row.id]);
  if (advice.placeable) return { placeable: true, providers: [] };
  const names = await namer(db, councilId, scenario, advice.levers);
  // A provider may be one change away in only one way (one reason keeps it out), so one entry each.
  const providers = advice.levers.map((lever) => {
    const n = names(lever, row.localityId);
    return { providerId: lever.providerId, providerName: n.provider, lever, ...leverAdvice(lever, n) };
  });
  return { placeable: false, providers };
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
};

export type TCapacityNeeds = { waiting: number; placeable: number; needs: TCapacityNeed[] };

/** The council's waiting packages (offering or on the open market) grouped by locality and the one change that would place each, largest group first. */
export async function capacityNeeds(db: Db, actor: Pick<TCouncilActor, 'councilId'>, now: Date = new Date()): Promise<TCapacityNeeds> {
  const { councilId } = actor;
  const rows = (await db.package.findMany({ where: { councilId, status: statusIn(OFFERING_STATUSES) }, include: waitingInclude(now) })).filter(
    (r) => r.visits.length > 0,
  );
  if (rows.length === 0) return { waiting: 0, placeable: 0, needs: [] };
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
    };
    g.packages++;
    g.hours = round2(g.hours + carerHours(row.visits));
    if (capacity) {
      g.hoursShort = round2((g.hoursShort ?? 0) + capacity.shortByHours);
      g.movable = (g.movable ?? 0) + (capacity.shift ? 1 : 0);
    }
    groups.set(key, g);
  }
  const needs = [...groups.values()].sort((x, y) => y.packages - x.packages || x.localityName.localeCompare(y.localityName) || x.need.localeCompare(y.need));
  return { waiting: rows.length, placeable, needs };
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
    ],
    rows: needs.map((n) => [
      text(n.localityName),
      text(n.need),
      count(n.packages),
      hours(n.hours),
      hours(n.hoursShort),
      n.movable === null ? { kind: 'count', value: null } : count(n.movable),
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
