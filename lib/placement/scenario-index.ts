import { BANDS } from '../domain/carer-hours';
import { isContractInForce } from '../domain/contract';
import { DAYS, RATING_ORDER } from './constants';
import type { TContract, TProvider, TScenario } from './schema';

// Lookups built once per scenario so that ranking one package against thousands of providers,
// or a greedy pass over tens of thousands of packages, never scans the whole scenario per package.
// Capacity lives in one flat array of "slots" (one per provider and locality it declares capacity
// in, five bands each, in carer-minutes) so that a run can copy it in one step and spend from it.

export type TProviderInfo = {
  index: number;
  provider: TProvider;
  ratingRank: number;
  skills: Set<string>;
  contracts: number[];
  /** Locality index → capacity slot. */
  slots: Map<number, number>;
};

/** A set of weekdays as bits: Monday is bit 0, Sunday bit 6. */
export function daysMask(days: readonly string[]): number {
  let mask = 0;
  for (const d of days) mask |= 1 << DAYS.indexOf(d as (typeof DAYS)[number]);
  return mask;
}

export type TContractInfo = {
  index: number;
  contract: TContract;
  providerIndex: number;
  localities: Set<number>;
  inForce: boolean;
};

export type TScenarioIndex = {
  scenario: TScenario;
  localityIndex: Map<string, number>;
  neighbours: number[][];
  providers: TProviderInfo[];
  providerIndex: Map<string, number>;
  contracts: TContractInfo[];
  /** Locality index → contracts that list it. */
  contractsByLocality: number[][];
  /** Declared capacity per slot and band, carer-minutes; slot s occupies [5s, 5s + 5). */
  declared: Float64Array;
  /** The days each slot and band covers (daysMask), laid out as `declared`. */
  coveredDays: Uint8Array;
};

const cache = new WeakMap<TScenario, TScenarioIndex>();

/** The index of a scenario, built on first use. Scenarios are treated as immutable. */
export function indexScenario(scenario: TScenario): TScenarioIndex {
  const hit = cache.get(scenario);
  if (hit) return hit;
  const built = buildIndex(scenario);
  cache.set(scenario, built);
  return built;
}

function buildIndex(scenario: TScenario): TScenarioIndex {
  const nowMs = Date.parse(scenario.now);
  const localityIndex = new Map<string, number>();
  scenario.localities.forEach((l, i) => localityIndex.set(l.id, i));
  const neighbours = scenario.localities.map((l) => l.neighbours.map((n) => localityIndex.get(n) as number).filter((n) => n !== undefined));

  const providerIndex = new Map<string, number>();
  scenario.providers.forEach((p, i) => providerIndex.set(p.id, i));

  let slotCount = 0;
  const slotsPerProvider = scenario.providers.map((p) => {
    const slots = new Map<number, number>();
    for (const c of p.capacity) {
      const l = localityIndex.get(c.localityId) as number;
      if (!slots.has(l)) slots.set(l, slotCount++);
    }
    return slots;
  });
  const declared = new Float64Array(slotCount * BANDS.length);
  const coveredDays = new Uint8Array(slotCount * BANDS.length);
  const bandIndex = new Map<string, number>(BANDS.map((b, i) => [b, i]));

  const providers: TProviderInfo[] = scenario.providers.map((provider, index) => {
    const slots = slotsPerProvider[index];
    for (const c of provider.capacity) {
      const slot = slots.get(localityIndex.get(c.localityId) as number) as number;
      const cell = slot * 5 + (bandIndex.get(c.band) as number);
      declared[cell] += c.carerHours * 60;
      coveredDays[cell] |= daysMask(c.days ?? DAYS);
    }
    return {
      index,
      provider,
      ratingRank: RATING_ORDER.indexOf(provider.cqcRating),
      skills: new Set(provider.skills),
      contracts: [],
      slots,
    };
  });

  const contractsByLocality: number[][] = scenario.localities.map(() => []);
  const contracts: TContractInfo[] = scenario.contracts.map((contract, index) => {
    const providerIndexOf = providerIndex.get(contract.providerId) as number;
    providers[providerIndexOf].contracts.push(index);
    const localities = new Set<number>();
    for (const id of contract.localityIds) {
      const l = localityIndex.get(id) as number;
      if (!localities.has(l)) contractsByLocality[l].push(index);
      localities.add(l);
    }
    return { index, contract, providerIndex: providerIndexOf, localities, inForce: isContractInForce(contract, nowMs) };
  });

  return { scenario, localityIndex, neighbours, providers, providerIndex, contracts, contractsByLocality, declared, coveredDays };
}
