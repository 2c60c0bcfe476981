import { PATHWAY_PRIORITY } from './constants';
import { candidatesFor, type TCandidate } from './candidates';
import { coversDays, fitMask, fitsCapacity, remainingInLocality } from './eligibility';
import { compareOffers, type TOrderedOffer } from './offer-order';
import { packageNeeds, type TPackageNeeds } from './package-needs';
import type { TScenarioIndex } from './scenario-index';

// What greedy and optimise share: each package's needs and candidate providers, worked out once,
// and the capacity bookkeeping of a batch.

export type TPlan = { needs: TPackageNeeds; candidates: TCandidate[] };

/** A batch answer: per package (scenario order) the candidate it is placed with, or null. */
export type TAssignment = (TCandidate | null)[];

export function planBatch(ix: TScenarioIndex): TPlan[] {
  return ix.scenario.packages.map((pkg) => {
    const needs = packageNeeds(ix, pkg);
    return { needs, candidates: candidatesFor(ix, needs) };
  });
}

/** Candidates that nothing but hours of capacity keeps from the package (they fit it, and cover its days). */
export function fitCandidates(ix: TScenarioIndex, plan: TPlan): TCandidate[] {
  return plan.candidates.filter((c) => fitMask(ix.providers[c.provider], plan.needs) === 0 && coversDays(ix, ix.providers[c.provider], plan.needs));
}

/** Greedy's order: discharges, then reablement, then long-term; oldest posting first, then id. */
export function priorityOrder(plans: TPlan[]): number[] {
  const keys = plans.map((p) => Date.parse(p.needs.pkg.postedAt));
  return plans
    .map((_, i) => i)
    .sort((a, b) => {
      const pa = plans[a].needs.pkg;
      const pb = plans[b].needs.pkg;
      const d = PATHWAY_PRIORITY[pa.pathway] - PATHWAY_PRIORITY[pb.pathway];
      if (d !== 0) return d;
      if (keys[a] !== keys[b]) return keys[a] - keys[b];
      return pa.id < pb.id ? -1 : pa.id > pb.id ? 1 : 0;
    });
}

/** The first offer of the package's ranking against `remaining`, among its fitting candidates. */
export function firstOffer(ix: TScenarioIndex, pk: TPackageNeeds, fitting: TCandidate[], remaining: Float64Array): TOrderedOffer | null {
  let best: TOrderedOffer | null = null;
  for (const c of fitting) {
    const prov = ix.providers[c.provider];
    if (!fitsCapacity(ix, prov, pk, remaining)) continue;
    const offer = { ...c, remaining: remainingInLocality(prov, pk.locality, remaining) };
    if (best === null || compareOffers(ix, offer, best) < 0) best = offer;
  }
  return best;
}

export function spend(ix: TScenarioIndex, pk: TPackageNeeds, provider: number, remaining: Float64Array): void {
  const slot = ix.providers[provider].slots.get(pk.locality) as number;
  for (let b = 0; b < 5; b++) remaining[slot * 5 + b] -= pk.demand[b];
}

/** Places, in `order`, each still-unplaced package with its first offer; mutates both arrays. */
export function greedyFill(
  ix: TScenarioIndex,
  plans: TPlan[],
  fitting: TCandidate[][],
  order: number[],
  assignment: TAssignment,
  remaining: Float64Array,
): void {
  for (const i of order) {
    if (assignment[i] !== null) continue;
    const offer = firstOffer(ix, plans[i].needs, fitting[i], remaining);
    if (offer === null) continue;
    assignment[i] = { provider: offer.provider, tier: offer.tier, contract: offer.contract };
    spend(ix, plans[i].needs, offer.provider, remaining);
  }
}
