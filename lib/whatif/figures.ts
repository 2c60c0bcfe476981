import { BANDS, type TBand } from '@/lib/domain/carer-hours';
import { CONTRACT_TYPES, type TContractType } from '@/lib/domain/contract';
import { PATHWAYS } from '@/lib/placement/constants';
import { demandByBand, packageHours, packageWeeklyCost, round2 } from '@/lib/placement/demand';
import type { TPlaceability } from '@/lib/placement/placeability';
import type { TBatchResult } from '@/lib/placement/result-types';
import type { TPackage } from '@/lib/placement/schema';
import type { TMarket } from './apply-changes';

// The figures a what-if shows for one market after the optimiser has placed what it can: care in
// place and newly placed, what is left unplaced, by locality, pathway and band; weekly cost; the
// tier and contract-type mix; each locality's share held by its locality contracts against the
// 70% aim (and a shared locality's holders against their targets); and provider concentration.

type TTally = { inCare: number; placed: number; unplaced: number; careHours: number; unplacedHours: number; weeklyCost: number };

export type TLocalityFigures = TTally & { localityId: string; name: string; localityShare: number };
export type TPathwayFigures = TTally & { pathway: TPackage['pathway'] };
export type TBandFigures = { band: TBand; careHours: number; unplacedHours: number };
export type THolderFigures = { localityId: string; providerId: string; provider: string; target: number; share: number };

export type TFigures = {
  totals: TTally & { packages: number; localityShare: number; top5Share: number; hhi: number; providers: number };
  byLocality: TLocalityFigures[];
  byPathway: TPathwayFigures[];
  byBand: TBandFigures[];
  /** Newly placed packages by the tier of the cascade they were placed at (0 the person's own choice). */
  byTier: { tier: number; packages: number }[];
  /** Carer-hours of all care (in place and newly placed) by contract type. */
  byContractType: { type: TContractType; careHours: number }[];
  holders: THolderFigures[];
  /** Unplaced packages by the smallest change that would place each (the placeability advisor). */
  byLever: { lever: TLeverGroup; packages: number; hours: number }[];
  solver: { status: string; seconds: number } | null;
};

/** What keeps an unplaced package out: one lever, room other packages took (it fits declared capacity), or more than one change. */
export type TLeverGroup = 'CAPACITY' | 'SPLIT' | 'SKILL' | 'DOUBLE_HANDED' | 'NEIGHBOUR_CONTRACT' | 'TAKEN' | 'SEVERAL';
export const LEVER_GROUPS = ['CAPACITY', 'SPLIT', 'SKILL', 'DOUBLE_HANDED', 'NEIGHBOUR_CONTRACT', 'TAKEN', 'SEVERAL'] as const satisfies readonly TLeverGroup[];

function byLever(market: TMarket, advice: readonly TPlaceability[]): TFigures['byLever'] {
  const packages = new Map(market.scenario.packages.map((p) => [p.id, p]));
  const tally = new Map<TLeverGroup, { packages: number; hours: number }>(LEVER_GROUPS.map((g) => [g, { packages: 0, hours: 0 }]));
  for (const a of advice) {
    const group: TLeverGroup = a.placeable ? 'TAKEN' : (a.lever?.kind ?? 'SEVERAL');
    const t = tally.get(group) as { packages: number; hours: number };
    t.packages++;
    t.hours += packageHours(packages.get(a.packageId) as TPackage);
  }
  return LEVER_GROUPS.map((lever) => ({ lever, packages: tally.get(lever)!.packages, hours: round2(tally.get(lever)!.hours) }));
}

const emptyTally = (): TTally => ({ inCare: 0, placed: 0, unplaced: 0, careHours: 0, unplacedHours: 0, weeklyCost: 0 });

/** Care as one list: who carries each package (null when unplaced), under which contract, at what cost. */
type TCareRow = {
  pkg: TPackage;
  state: 'inCare' | 'placed' | 'unplaced';
  providerId: string | null;
  contractType: TContractType | null;
  localityContract: boolean;
  contractId: string | null;
  pennies: number;
};

function careRows(market: TMarket, result: TBatchResult): TCareRow[] {
  const packages = new Map(market.scenario.packages.map((p) => [p.id, p]));
  const contracts = new Map(market.scenario.contracts.map((c) => [c.id, c]));
  const rows: TCareRow[] = market.inCare.map((c) => ({
    pkg: c.pkg,
    state: 'inCare',
    providerId: c.providerId,
    contractType: c.contractType,
    contractId: c.contractId,
    localityContract: c.contractType === 'LOCALITY' && c.contractLocalityIds.includes(c.pkg.localityId),
    pennies: Math.round(packageWeeklyCost(c.pkg, c.hourlyRate) * 100),
  }));
  for (const p of result.placements) {
    const pkg = packages.get(p.packageId) as TPackage;
    const contract = contracts.get(p.contractId);
    rows.push({
      pkg,
      state: 'placed',
      providerId: p.providerId,
      contractType: p.contractType,
      contractId: p.contractId,
      localityContract: p.contractType === 'LOCALITY' && !!contract?.localityIds.includes(pkg.localityId),
      pennies: Math.round(p.weeklyCost * 100),
    });
  }
  for (const u of result.unplaced) {
    rows.push({
      pkg: packages.get(u.packageId) as TPackage,
      state: 'unplaced',
      providerId: null,
      contractType: null,
      contractId: null,
      localityContract: false,
      pennies: 0,
    });
  }
  return rows;
}

function add(t: TTally, r: TCareRow): void {
  const h = packageHours(r.pkg);
  t[r.state]++;
  if (r.state === 'unplaced') t.unplacedHours += h;
  else t.careHours += h;
  t.weeklyCost += r.pennies;
}

function rounded<T extends TTally>(t: T): T {
  return { ...t, careHours: round2(t.careHours), unplacedHours: round2(t.unplacedHours), weeklyCost: t.weeklyCost / 100 };
}

/** Top five providers' share of the hours, and the Herfindahl–Hirschman index (Σ percentage share², 10,000 for one provider). */
function concentration(hoursByProvider: Map<string, number>): { top5Share: number; hhi: number; providers: number } {
  const hours = [...hoursByProvider.values()].sort((a, b) => b - a);
  const total = hours.reduce((s, h) => s + h, 0);
  if (total === 0) return { top5Share: 0, hhi: 0, providers: 0 };
  return {
    top5Share: hours.slice(0, 5).reduce((s, h) => s + h, 0) / total,
    hhi: Math.round(hours.reduce((s, h) => s + ((100 * h) / total) * ((100 * h) / total), 0)),
    providers: hours.length,
  };
}

/** The figures of one market after the optimiser's `result`, with the advisor's `advice` on its unplaced packages. */
export function figuresOf(market: TMarket, result: TBatchResult, advice: readonly TPlaceability[]): TFigures {
  const rows = careRows(market, result);
  const totals = emptyTally();
  const locality = new Map(market.scenario.localities.map((l) => [l.id, { tally: emptyTally(), localityHours: 0 }]));
  const pathway = new Map(PATHWAYS.map((p) => [p, emptyTally()]));
  const band = new Map(BANDS.map((b) => [b, { careHours: 0, unplacedHours: 0 }]));
  const byType = new Map<TContractType, number>();
  const byProvider = new Map<string, number>();
  const byContractHere = new Map<string, number>();
  let localityHours = 0;
  for (const r of rows) {
    add(totals, r);
    const here = locality.get(r.pkg.localityId);
    if (here) add(here.tally, r);
    add(pathway.get(r.pkg.pathway) as TTally, r);
    const d = demandByBand(r.pkg);
    for (const b of BANDS) {
      const slot = band.get(b) as { careHours: number; unplacedHours: number };
      if (r.state === 'unplaced') slot.unplacedHours += d[b];
      else slot.careHours += d[b];
    }
    if (r.state === 'unplaced') continue;
    const h = packageHours(r.pkg);
    if (r.contractType) byType.set(r.contractType, (byType.get(r.contractType) ?? 0) + h);
    if (r.providerId) byProvider.set(r.providerId, (byProvider.get(r.providerId) ?? 0) + h);
    if (r.contractId) byContractHere.set(`${r.pkg.localityId}|${r.contractId}`, (byContractHere.get(`${r.pkg.localityId}|${r.contractId}`) ?? 0) + h);
    if (r.localityContract) {
      localityHours += h;
      if (here) here.localityHours += h;
    }
  }
  const byTier = new Map<number, number>();
  for (const p of result.placements) byTier.set(p.tier, (byTier.get(p.tier) ?? 0) + 1);
  const providerName = new Map(market.scenario.providers.map((p) => [p.id, p.name]));
  return {
    totals: { ...rounded(totals), packages: rows.length, localityShare: totals.careHours ? localityHours / totals.careHours : 0, ...concentration(byProvider) },
    byLocality: market.scenario.localities.map((l) => {
      const { tally, localityHours: lh } = locality.get(l.id) as { tally: TTally; localityHours: number };
      return { localityId: l.id, name: l.name, ...rounded(tally), localityShare: tally.careHours ? lh / tally.careHours : 0 };
    }),
    byPathway: PATHWAYS.map((p) => ({ pathway: p, ...rounded(pathway.get(p) as TTally) })),
    byBand: BANDS.map((b) => {
      const slot = band.get(b) as { careHours: number; unplacedHours: number };
      return { band: b, careHours: round2(slot.careHours), unplacedHours: round2(slot.unplacedHours) };
    }),
    byTier: [...byTier.entries()].sort((a, b) => a[0] - b[0]).map(([tier, packages]) => ({ tier, packages })),
    byContractType: CONTRACT_TYPES.filter((t) => byType.has(t)).map((t) => ({ type: t, careHours: round2(byType.get(t) as number) })),
    holders: market.targets.map((t) => {
      const all = locality.get(t.localityId)?.tally.careHours ?? 0;
      return {
        localityId: t.localityId,
        providerId: t.providerId,
        provider: providerName.get(t.providerId) ?? t.providerId,
        target: t.share,
        share: all ? (byContractHere.get(`${t.localityId}|${t.contractId}`) ?? 0) / all : 0,
      };
    }),
    byLever: byLever(market, advice),
    solver: result.solver ? { status: result.solver.status, seconds: result.solver.seconds } : null,
  };
}
