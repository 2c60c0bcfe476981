import { round2, weeklyCost } from './demand';
import { forEachNearbyContract } from './candidates';
import { contractStanding, fitMask, fitsCapacity, REASON, reasonList, remainingInLocality, type TChoice } from './eligibility';
import { compareOffers, type TOrderedOffer } from './offer-order';
import { offerReasons } from './offer-text';
import { packageNeeds, type TPackageNeeds } from './package-needs';
import type { TExcluded, TOffer, TRankResult, TRanking } from './result-types';
import { indexScenario, type TScenarioIndex } from './scenario-index';
import type { TScenario } from './schema';

// rank: each package on its own, against the full declared capacity. Every provider in the
// scenario appears once, either as an offer or as excluded with every reason that applies;
// excluded providers are listed in scenario order.

export function rankNeeds(ix: TScenarioIndex, pk: TPackageNeeds, remaining: Float64Array): TRanking {
  // Only providers holding a contract near the package can have one that gives it a tier.
  const nearby = new Set<number>();
  forEachNearbyContract(ix, pk, (ci) => nearby.add(ix.contracts[ci].providerIndex));
  const eligible: TOrderedOffer[] = [];
  const excluded: TExcluded[] = [];
  for (const prov of ix.providers) {
    let mask = fitMask(prov, pk);
    let choice: TChoice | null = null;
    if (nearby.has(prov.index)) {
      const standing = contractStanding(ix, prov, pk);
      choice = standing.choice;
      if (choice === null) mask |= standing.wouldHaveTier ? REASON.CONTRACT_NOT_IN_FORCE : REASON.NO_CONTRACT_FOR_PACKAGE;
    } else {
      mask |= REASON.NO_CONTRACT_FOR_PACKAGE;
    }
    if (!fitsCapacity(ix, prov, pk, remaining)) mask |= REASON.NO_CAPACITY;
    if (mask !== 0 || choice === null) {
      excluded.push({ providerId: prov.provider.id, reasons: reasonList(mask) });
      continue;
    }
    eligible.push({ ...choice, provider: prov.index, remaining: remainingInLocality(prov, pk.locality, remaining) });
  }
  eligible.sort((a, b) => compareOffers(ix, a, b));
  const offers = eligible.map((o): TOffer => {
    const c = ix.contracts[o.contract].contract;
    return {
      providerId: ix.providers[o.provider].provider.id,
      contractId: c.id,
      contractType: c.type,
      tier: o.tier,
      hourlyRate: c.hourlyRate,
      weeklyCost: weeklyCost(pk.minutes, c.hourlyRate),
      reasons: offerReasons(ix, o, pk, remaining),
    };
  });
  return { packageId: pk.pkg.id, hours: round2(pk.minutes / 60), offers, excluded };
}

/** The offer order for one package of the scenario, or null when it holds no such package. */
export function rankPackage(scenario: TScenario, packageId: string): TRanking | null {
  const pkg = scenario.packages.find((p) => p.id === packageId);
  if (pkg === undefined) return null;
  const ix = indexScenario(scenario);
  return rankNeeds(ix, packageNeeds(ix, pkg), ix.declared);
}

/**
 * rankPackage, and for every provider holding a contract in force that gives it a tier for the
 * package, that tier (the best, as the cascade would use it), whether or not it is eligible: so a
 * caller can say which providers left out would have been asked first, and why they are not.
 */
export function rankPackageWithTiers(
  scenario: TScenario,
  packageId: string,
): { ranking: TRanking; tiers: Map<string, { tier: number; contractType: string }> } | null {
  const pkg = scenario.packages.find((p) => p.id === packageId);
  if (pkg === undefined) return null;
  const ix = indexScenario(scenario);
  const pk = packageNeeds(ix, pkg);
  const tiers = new Map<string, { tier: number; contractType: string }>();
  forEachNearbyContract(ix, pk, (ci) => {
    const prov = ix.providers[ix.contracts[ci].providerIndex];
    const { choice } = contractStanding(ix, prov, pk);
    if (choice !== null) tiers.set(prov.provider.id, { tier: choice.tier, contractType: ix.contracts[choice.contract].contract.type });
  });
  return { ranking: rankNeeds(ix, pk, ix.declared), tiers };
}

export function rank(scenario: TScenario): TRankResult {
  return { rankings: [...rankEach(scenario)] };
}

/** Rankings one at a time, so that a caller can write a large result out without holding it all. */
export function* rankEach(scenario: TScenario): Generator<TRanking> {
  const ix = indexScenario(scenario);
  for (const pkg of scenario.packages) yield rankNeeds(ix, packageNeeds(ix, pkg), ix.declared);
}
