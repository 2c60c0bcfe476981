import type { TChoice } from './eligibility';
import type { TScenarioIndex } from './scenario-index';

// Offer order of docs/placement.md: tier, then rating (OUTSTANDING, GOOD, NOT_RATED,
// REQUIRES_IMPROVEMENT), then hourly rate (lower first), then remaining capacity in the locality
// (more first), then provider id in plain string order.

export type TOrderedOffer = TChoice & { provider: number; remaining: number };

export function compareOffers(ix: TScenarioIndex, a: TOrderedOffer, b: TOrderedOffer): number {
  if (a.tier !== b.tier) return a.tier - b.tier;
  const pa = ix.providers[a.provider];
  const pb = ix.providers[b.provider];
  if (pa.ratingRank !== pb.ratingRank) return pa.ratingRank - pb.ratingRank;
  const ra = ix.contracts[a.contract].contract.hourlyRate;
  const rb = ix.contracts[b.contract].contract.hourlyRate;
  if (ra !== rb) return ra - rb;
  if (a.remaining !== b.remaining) return b.remaining - a.remaining;
  const ia = pa.provider.id;
  const ib = pb.provider.id;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}
