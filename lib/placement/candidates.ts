import { better, type TChoice } from './eligibility';
import type { TPackageNeeds } from './package-needs';
import type { TScenarioIndex } from './scenario-index';
import { contractTier } from './tiers';

/** A provider with a contract in force that gives it a tier for the package, under its best such contract. */
export type TCandidate = TChoice & { provider: number };

/**
 * Every provider holding an in-force contract that gives it a tier for the package, found through
 * the locality index (the package's locality, plus its neighbours for the neighbour-locality tier)
 * rather than by scanning every provider. Ordered by provider index, so runs are repeatable.
 */
export function candidatesFor(ix: TScenarioIndex, pk: TPackageNeeds): TCandidate[] {
  const best = new Map<number, TChoice>();
  forEachNearbyContract(ix, pk, (ci) => {
    const c = ix.contracts[ci];
    if (!c.inForce) return;
    const tier = contractTier(ix, c, pk);
    if (tier < 0) return;
    const held = best.get(c.providerIndex);
    if (held === undefined || better(ix, tier, ci, held)) best.set(c.providerIndex, { tier, contract: ci });
  });
  return [...best.entries()].map(([provider, choice]) => ({ provider, ...choice })).sort((a, b) => a.provider - b.provider);
}

/**
 * Calls `fn` for every contract that could give a tier for the package: those listing its
 * locality, and for council long-term care the LOCALITY contracts of its neighbours. No other
 * contract can (every row of the cascade needs one of these), so the rest may be skipped.
 */
export function forEachNearbyContract(ix: TScenarioIndex, pk: TPackageNeeds, fn: (contract: number) => void): void {
  for (const ci of ix.contractsByLocality[pk.locality]) fn(ci);
  if (pk.pkg.pathway !== 'LONG_TERM' || pk.pkg.funding !== 'COUNCIL') return;
  for (const n of ix.neighbours[pk.locality]) {
    for (const ci of ix.contractsByLocality[n]) if (ix.contracts[ci].contract.type === 'LOCALITY') fn(ci);
  }
}
