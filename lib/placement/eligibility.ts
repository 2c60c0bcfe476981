import { REASON_CODES, type TReasonCode } from './constants';
import type { TPackageNeeds } from './package-needs';
import type { TProviderInfo, TScenarioIndex } from './scenario-index';
import { contractTier } from './tiers';

// Eligibility of one provider for one package (docs/placement.md, "Definitions").
// Reasons are kept as bit masks over REASON_CODES: a union of reasons is then a bitwise or, and
// turning a mask into its list gives the spec's order for free. Lists are shared and frozen, so
// ranking a package against thousands of providers allocates little.

/** Capacity is kept in carer-minutes; declared hours × 60 need not be whole, hence a tolerance. */
const EPS = 1e-6;

const bit = (code: TReasonCode) => 1 << REASON_CODES.indexOf(code);
export const REASON = {
  PROVIDER_SUSPENDED: bit('PROVIDER_SUSPENDED'),
  CQC_INADEQUATE: bit('CQC_INADEQUATE'),
  CONTRACT_NOT_IN_FORCE: bit('CONTRACT_NOT_IN_FORCE'),
  NO_CONTRACT_FOR_PACKAGE: bit('NO_CONTRACT_FOR_PACKAGE'),
  MISSING_SKILL: bit('MISSING_SKILL'),
  NO_DOUBLE_HANDED: bit('NO_DOUBLE_HANDED'),
  EXCLUDED_BY_PACKAGE: bit('EXCLUDED_BY_PACKAGE'),
  NO_CAPACITY: bit('NO_CAPACITY'),
} as const satisfies Record<TReasonCode, number>;

const lists: (readonly TReasonCode[])[] = [];

/** The reasons in a mask, in the order the spec lists them. */
export function reasonList(mask: number): readonly TReasonCode[] {
  lists[mask] ??= Object.freeze(REASON_CODES.filter((_, i) => mask & (1 << i)));
  return lists[mask];
}

/** The contract a provider is offered under: its lowest tier, then lowest rate, then lowest id. */
export type TChoice = { tier: number; contract: number };

export function better(ix: TScenarioIndex, tier: number, contract: number, than: TChoice): boolean {
  if (tier !== than.tier) return tier < than.tier;
  const a = ix.contracts[contract].contract;
  const b = ix.contracts[than.contract].contract;
  if (a.hourlyRate !== b.hourlyRate) return a.hourlyRate < b.hourlyRate;
  return a.id < b.id;
}

export type TContractStanding = { choice: TChoice | null; wouldHaveTier: boolean };

export function contractStanding(ix: TScenarioIndex, prov: TProviderInfo, pk: TPackageNeeds): TContractStanding {
  let choice: TChoice | null = null;
  let wouldHaveTier = false;
  for (const ci of prov.contracts) {
    const c = ix.contracts[ci];
    const tier = contractTier(ix, c, pk);
    if (tier < 0) continue;
    wouldHaveTier = true;
    if (c.inForce && (choice === null || better(ix, tier, ci, choice))) choice = { tier, contract: ci };
  }
  return { choice, wouldHaveTier };
}

/** Reasons about the provider itself and what the package asks of it: all but contracts and capacity. */
export function fitMask(prov: TProviderInfo, pk: TPackageNeeds): number {
  let mask = 0;
  if (prov.provider.status !== 'ACTIVE') mask |= REASON.PROVIDER_SUSPENDED;
  if (prov.provider.cqcRating === 'INADEQUATE') mask |= REASON.CQC_INADEQUATE;
  for (const skill of pk.pkg.requiredSkills) {
    if (!prov.skills.has(skill)) {
      mask |= REASON.MISSING_SKILL;
      break;
    }
  }
  if (pk.needsDoubleHanded && !prov.provider.doubleHanded) mask |= REASON.NO_DOUBLE_HANDED;
  if (pk.excluded.has(prov.index)) mask |= REASON.EXCLUDED_BY_PACKAGE;
  return mask;
}

/**
 * Whether the provider covers, in the package's locality, every day on which the package has a
 * visit in each band: a provider that works weekdays only does not fit a package with Saturday
 * visits, whatever hours it has left. Static: it does not depend on what is left.
 */
export function coversDays(ix: TScenarioIndex, prov: TProviderInfo, pk: TPackageNeeds): boolean {
  const slot = prov.slots.get(pk.locality);
  for (let b = 0; b < 5; b++) {
    if (pk.demand[b] > 0 && (slot === undefined || (pk.bandDays[b] & ~ix.coveredDays[slot * 5 + b]) !== 0)) return false;
  }
  return true;
}

/**
 * Whether capacity slot `slot` (a provider's in one locality; undefined when it declares none
 * there) takes the package's visits in band `b`: it works every day the package has a visit in
 * that band, and what is left there covers them. True for a band the package has no visits in.
 */
export function fitsBand(ix: TScenarioIndex, slot: number | undefined, pk: TPackageNeeds, remaining: Float64Array, b: number): boolean {
  if (pk.demand[b] <= 0) return true;
  if (slot === undefined) return false;
  return (pk.bandDays[b] & ~ix.coveredDays[slot * 5 + b]) === 0 && pk.demand[b] <= remaining[slot * 5 + b] + EPS;
}

/** Whether the provider covers the package's days, and what is left of its capacity in the package's locality covers every band. */
export function fitsCapacity(ix: TScenarioIndex, prov: TProviderInfo, pk: TPackageNeeds, remaining: Float64Array): boolean {
  const slot = prov.slots.get(pk.locality);
  for (let b = 0; b < 5; b++) if (!fitsBand(ix, slot, pk, remaining, b)) return false;
  return true;
}

/** Sum over the five bands of what is left in the locality, carer-minutes. */
export function remainingInLocality(prov: TProviderInfo, locality: number, remaining: Float64Array): number {
  const slot = prov.slots.get(locality);
  if (slot === undefined) return 0;
  let total = 0;
  for (let b = 0; b < 5; b++) total += remaining[slot * 5 + b];
  return total;
}
