import { round2, weeklyCost } from './demand';
import { assess } from './eligibility';
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
  const eligible: TOrderedOffer[] = [];
  const excluded: TExcluded[] = [];
  for (const prov of ix.providers) {
    const { choice, reasons } = assess(ix, prov, pk, remaining);
    if (choice === null) {
      excluded.push({ providerId: prov.provider.id, reasons });
      continue;
    }
    let total = 0;
    const slot = prov.slots.get(pk.locality) as number;
    for (let b = 0; b < 5; b++) total += remaining[slot * 5 + b];
    eligible.push({ ...choice, provider: prov.index, remaining: total });
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

export function rank(scenario: TScenario): TRankResult {
  return { rankings: [...rankEach(scenario)] };
}

/** Rankings one at a time, so that a caller can write a large result out without holding it all. */
export function* rankEach(scenario: TScenario): Generator<TRanking> {
  const ix = indexScenario(scenario);
  for (const pkg of scenario.packages) yield rankNeeds(ix, packageNeeds(ix, pkg), ix.declared);
}
