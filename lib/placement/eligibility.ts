import type { TReasonCode } from './constants';
import type { TPackageNeeds } from './package-needs';
import type { TProviderInfo, TScenarioIndex } from './scenario-index';
import { contractTier } from './tiers';

// Eligibility of one provider for one package (shared/specs/placement.md, "Definitions").

/** Capacity is kept in carer-minutes; declared hours × 60 need not be whole, hence a tolerance. */
const EPS = 1e-6;

/** The contract a provider is offered under: its lowest tier, then lowest rate, then lowest id. */
export type TChoice = { tier: number; contract: number };

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

export function better(ix: TScenarioIndex, tier: number, contract: number, than: TChoice): boolean {
  if (tier !== than.tier) return tier < than.tier;
  const a = ix.contracts[contract].contract;
  const b = ix.contracts[than.contract].contract;
  if (a.hourlyRate !== b.hourlyRate) return a.hourlyRate < b.hourlyRate;
  return a.id < b.id;
}

/** Reasons that do not depend on contracts or capacity, in the spec's order. */
export function standingReasons(prov: TProviderInfo, out: TReasonCode[]): void {
  if (prov.provider.status !== 'ACTIVE') out.push('PROVIDER_SUSPENDED');
  if (prov.provider.cqcRating === 'INADEQUATE') out.push('CQC_INADEQUATE');
}

export function fitReasons(prov: TProviderInfo, pk: TPackageNeeds, out: TReasonCode[]): void {
  for (const skill of pk.pkg.requiredSkills) {
    if (!prov.skills.has(skill)) {
      out.push('MISSING_SKILL');
      break;
    }
  }
  if (pk.needsDoubleHanded && !prov.provider.doubleHanded) out.push('NO_DOUBLE_HANDED');
  if (pk.excluded.has(prov.index)) out.push('EXCLUDED_BY_PACKAGE');
}

/** Whether what is left of the provider's capacity in the package's locality covers every band. */
export function fitsCapacity(prov: TProviderInfo, pk: TPackageNeeds, remaining: Float64Array): boolean {
  const slot = prov.slots.get(pk.locality);
  for (let b = 0; b < 5; b++) {
    if (pk.demand[b] > 0 && (slot === undefined || pk.demand[b] > remaining[slot * 5 + b] + EPS)) return false;
  }
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

export type TAssessment = { choice: TChoice | null; reasons: TReasonCode[] };

/** Every reason that applies; `choice` is set and `reasons` empty exactly when the provider is eligible. */
export function assess(ix: TScenarioIndex, prov: TProviderInfo, pk: TPackageNeeds, remaining: Float64Array): TAssessment {
  const reasons: TReasonCode[] = [];
  standingReasons(prov, reasons);
  const { choice, wouldHaveTier } = contractStanding(ix, prov, pk);
  if (choice === null) reasons.push(wouldHaveTier ? 'CONTRACT_NOT_IN_FORCE' : 'NO_CONTRACT_FOR_PACKAGE');
  fitReasons(prov, pk, reasons);
  if (!fitsCapacity(prov, pk, remaining)) reasons.push('NO_CAPACITY');
  return { choice: reasons.length === 0 ? choice : null, reasons };
}
