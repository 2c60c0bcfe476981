import { BAND_START_HOUR, BANDS, bandIndexOf, bandOf, carerHours, type TBand } from '../domain/carer-hours';
import { demandMinutesByBand, round2 } from './demand';
import { better, contractStanding, fitsBand, type TChoice } from './eligibility';
import { packageNeeds, type TPackageNeeds } from './package-needs';
import { rankNeeds } from './rank';
import type { TExcluded } from './result-types';
import { indexScenario, type TContractInfo, type TProviderInfo, type TScenarioIndex } from './scenario-index';
import { contractTier, coveredNeighbour } from './tiers';
import type { TPackage, TProvider, TScenario } from './schema';

// The placeability advisor: for a package nobody can be offered, the smallest change that would
// let one provider take it. A lever is a provider kept out by exactly one thing that one change
// fixes: room in one band of the package's locality (NO_CAPACITY in that band only), carers who
// can go in twos (NO_DOUBLE_HANDED), one missing skill (MISSING_SKILL, one skill), or a contract
// that covers a neighbouring locality but not this one (NO_CONTRACT_FOR_PACKAGE, with such a
// contract in force). Judged against declared capacity, as rank is. A capacity lever also says
// when moving one visit by at most 30 minutes, into the next band or the one before, would fit the
// package into room the provider has (its `shift`). When no one provider has room, two providers
// kept out by room alone may share it: each takes the visits of the bands it has room for (SPLIT).

/** Moving the visit that starts at `from` to `to` puts it in `band`, where the provider has room for it. */
export type TVisitShift = { from: string; to: string; band: TBand };

/** One provider's share of a split package: the bands it takes, those bands' visit starts, and their carer-hours a week. */
export type TSplitPart = { providerId: string; bands: TBand[]; starts: string[]; hours: number };

export type TLever =
  | { kind: 'CAPACITY'; providerId: string; band: TBand; shortByHours: number; missingDays: string[]; shift?: TVisitShift }
  /** Two providers share the package; `providerId` is the better ranked, and its part comes first. */
  | { kind: 'SPLIT'; providerId: string; partnerId: string; parts: [TSplitPart, TSplitPart] }
  | { kind: 'SKILL'; providerId: string; skill: string }
  | { kind: 'DOUBLE_HANDED'; providerId: string }
  | { kind: 'NEIGHBOUR_CONTRACT'; providerId: string; contractId: string; neighbourLocalityId: string };

export type TLeverKind = TLever['kind'];

export type TPlaceability = {
  packageId: string;
  /** Someone can be offered it as the market stands. */
  placeable: boolean;
  /** The smallest lever, or null when placeable or when no one change would do. */
  lever: TLever | null;
  /** Every one-change lever found, smallest first. */
  levers: TLever[];
};

/** Smallest first: a little more room in one band, then a split between two providers (no new room), then one skill, then double-handed carers, then extending a contract. */
const ORDER: Record<TLeverKind, number> = { CAPACITY: 0, SPLIT: 1, SKILL: 2, DOUBLE_HANDED: 3, NEIGHBOUR_CONTRACT: 4 };

function compareLevers(a: TLever, b: TLever): number {
  if (a.kind !== b.kind) return ORDER[a.kind] - ORDER[b.kind];
  if (a.kind === 'CAPACITY' && b.kind === 'CAPACITY') return a.shortByHours - b.shortByHours || a.missingDays.length - b.missingDays.length;
  return 0;
}

/** The package's bands where the provider lacks room or days in the package's locality, with by how much. */
function capacityShortfalls(p: TProvider, pkg: TPackage): { band: TBand; shortByHours: number; missingDays: string[] }[] {
  const demand = demandMinutesByBand(pkg);
  const out: { band: TBand; shortByHours: number; missingDays: string[] }[] = [];
  BANDS.forEach((band, b) => {
    if (demand[b] === 0) return;
    const slot = p.capacity.find((c) => c.localityId === pkg.localityId && c.band === band);
    const short = Math.max(0, demand[b] / 60 - (slot?.carerHours ?? 0));
    const needed = new Set(pkg.visits.filter((v) => bandIndexOf(v.start) === b).flatMap((v) => v.days));
    const missingDays = slot?.days ? [...needed].filter((d) => !slot.days!.includes(d as never)) : slot ? [] : [...needed];
    if (short > 1e-9 || missingDays.length) out.push({ band, shortByHours: round2(short), missingDays });
  });
  return out;
}

/** The largest move of a visit's start, in minutes, the advisor suggests. */
export const MAX_SHIFT_MINUTES = 30;

const DAY_MINUTES = 24 * 60;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) => {
  const x = ((m % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
};

/** The nearest starts, at most MAX_SHIFT_MINUTES away, in the band before `start`'s (five minutes before its start) and the one after (its first minute). */
function shiftedStarts(start: string): string[] {
  const at = toMinutes(start);
  const b = bandIndexOf(start);
  const bandStart = BAND_START_HOUR[BANDS[b]] * 60;
  const nextStart = BAND_START_HOUR[BANDS[(b + 1) % BANDS.length]] * 60;
  const back = ((((at - bandStart) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES) + 5;
  const forward = (((nextStart - at) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return [
    { by: back, to: toHhmm(bandStart - 5) },
    { by: forward, to: toHhmm(nextStart) },
  ]
    .filter((c) => c.by <= MAX_SHIFT_MINUTES)
    .sort((x, y) => x.by - y.by)
    .map((c) => c.to);
}

/** A move of one visit in `band`, by at most 30 minutes into a neighbouring band, after which the provider has room for the whole package. */
function shiftInto(p: TProvider, pkg: TPackage, band: TBand): TVisitShift | undefined {
  for (let i = 0; i < pkg.visits.length; i++) {
    const v = pkg.visits[i];
    if (bandOf(v.start) !== band) continue;
    for (const to of shiftedStarts(v.start)) {
      const moved = { ...pkg, visits: pkg.visits.map((w, j) => (j === i ? { ...w, start: to } : w)) };
      if (capacityShortfalls(p, moved).length === 0) return { from: v.start, to, band: bandOf(to) };
    }
  }
  return undefined;
}

const byProvider = new WeakMap<TScenarioIndex, Map<string, TContractInfo[]>>();

/** Each provider's contracts, grouped once per scenario index. */
function contractsOf(ix: TScenarioIndex): Map<string, TContractInfo[]> {
  let map = byProvider.get(ix);
  if (!map) {
    map = new Map();
    for (const c of ix.contracts) map.set(c.contract.providerId, [...(map.get(c.contract.providerId) ?? []), c]);
    byProvider.set(ix, map);
  }
  return map;
}

function leverFor(ix: TScenarioIndex, pk: TPackageNeeds, p: TProvider, reasons: readonly string[]): TLever | null {
  if (reasons.length !== 1) return null;
  const { scenario } = ix;
  const { pkg } = pk;
  switch (reasons[0]) {
    case 'NO_CAPACITY': {
      const short = capacityShortfalls(p, pkg);
      if (short.length !== 1) return null;
      const shift = shiftInto(p, pkg, short[0].band);
      return { kind: 'CAPACITY', providerId: p.id, ...short[0], ...(shift ? { shift } : {}) };
    }
    case 'NO_DOUBLE_HANDED':
      return { kind: 'DOUBLE_HANDED', providerId: p.id };
    case 'MISSING_SKILL': {
      const missing = pkg.requiredSkills.filter((s) => !p.skills.includes(s));
      return missing.length === 1 ? { kind: 'SKILL', providerId: p.id, skill: missing[0] } : null;
    }
    case 'NO_CONTRACT_FOR_PACKAGE': {
      // A contract in force covering a neighbouring locality that would give a tier if it covered this one too.
      for (const c of contractsOf(ix).get(p.id) ?? []) {
        if (!c.inForce) continue;
        const near = coveredNeighbour(ix, c, pk.locality);
        if (near < 0 || contractTier(ix, { ...c, localities: new Set([...c.localities, pk.locality]) }, pk) < 0) continue;
        return { kind: 'NEIGHBOUR_CONTRACT', providerId: p.id, contractId: c.contract.id, neighbourLocalityId: scenario.localities[near].id };
      }
      return null;
    }
    default:
      return null;
  }
}

type TSplitCandidate = { prov: TProviderInfo; choice: TChoice; fits: boolean[] };

/**
 * Two providers kept out by room alone (NO_CAPACITY their only reason, so each has a contract
 * giving it a tier) that between them have room for the package: each band's visits go whole to
 * one of them, and to the better ranked (tier, then rate, as the engine ranks) whenever it has room
 * there. The better ranked such provider is chosen first, then the better ranked partner for it.
 */
function splitLever(ix: TScenarioIndex, pk: TPackageNeeds, excluded: readonly TExcluded[]): TLever | null {
  const bands = BANDS.map((_, b) => b).filter((b) => pk.demand[b] > 0);
  if (bands.length < 2) return null;
  const fitting: Omit<TSplitCandidate, 'choice'>[] = [];
  for (const e of excluded) {
    if (e.reasons.length !== 1 || e.reasons[0] !== 'NO_CAPACITY') continue;
    const prov = ix.providers[ix.providerIndex.get(e.providerId) as number];
    const slot = prov.slots.get(pk.locality);
    const fits = BANDS.map((_, b) => fitsBand(ix, slot, pk, ix.declared, b));
    if (bands.some((b) => fits[b])) fitting.push({ prov, fits });
  }
  // Nothing to rank when some band has room with none of them.
  if (!bands.every((b) => fitting.some((c) => c.fits[b]))) return null;
  // Kept out by room alone, each has a contract in force giving it a tier.
  const candidates: TSplitCandidate[] = fitting.map((c) => ({ ...c, choice: contractStanding(ix, c.prov, pk).choice as TChoice }));
  candidates.sort((x, y) => (better(ix, x.choice.tier, x.choice.contract, y.choice) ? -1 : better(ix, y.choice.tier, y.choice.contract, x.choice) ? 1 : 0));
  for (const a of candidates) {
    const rest = bands.filter((b) => !a.fits[b]);
    if (rest.length === 0) continue;
    const b = candidates.find((c) => c !== a && rest.every((r) => c.fits[r]));
    if (b === undefined) continue;
    const part = (c: TSplitCandidate, taken: number[]): TSplitPart => {
      const visits = pk.pkg.visits.filter((v) => taken.includes(bandIndexOf(v.start)));
      return {
        providerId: c.prov.provider.id,
        bands: taken.map((t) => BANDS[t]),
        starts: [...new Set(visits.map((v) => v.start))].sort(),
        hours: round2(carerHours(visits)),
      };
    };
    return {
      kind: 'SPLIT',
      providerId: a.prov.provider.id,
      partnerId: b.prov.provider.id,
      parts: [
        part(
          a,
          bands.filter((t) => a.fits[t]),
        ),
        part(b, rest),
      ],
    };
  }
  return null;
}

/** The advice for each named package of the scenario (every package when no ids are given), in scenario order. */
export function placeability(scenario: TScenario, packageIds?: readonly string[]): TPlaceability[] {
  const ix = indexScenario(scenario);
  const wanted = packageIds ? new Set(packageIds) : null;
  const providers = new Map(scenario.providers.map((p) => [p.id, p]));
  const out: TPlaceability[] = [];
  for (const pkg of scenario.packages) {
    if (wanted && !wanted.has(pkg.id)) continue;
    const pk = packageNeeds(ix, pkg);
    const ranking = rankNeeds(ix, pk, ix.declared);
    if (ranking.offers.length > 0) {
      out.push({ packageId: pkg.id, placeable: true, lever: null, levers: [] });
      continue;
    }
    const levers = [...ranking.excluded.map((e) => leverFor(ix, pk, providers.get(e.providerId) as TProvider, e.reasons)), splitLever(ix, pk, ranking.excluded)]
      .filter((l): l is TLever => l !== null)
      .sort(compareLevers);
    out.push({ packageId: pkg.id, placeable: false, lever: levers[0] ?? null, levers });
  }
  return out;
}
