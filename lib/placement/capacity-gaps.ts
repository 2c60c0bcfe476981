import { BANDS, type TBand } from '../domain/carer-hours';
import { fitsBand } from './eligibility';
import { packageNeeds } from './package-needs';
import { indexScenario } from './scenario-index';
import type { TScenario } from './schema';

// Where a provider falls short of a package's capacity: for a broker told "nobody is eligible",
// which of the package's time bands a nearly-eligible provider has room for, which it has not,
// and in which neighbouring localities it has room for the whole package (the lever of widening
// the search to neighbours). It reads declared capacity, as ranking one package does.

export type TCapacityGap = {
  providerId: string;
  /** The package's bands, in the day's order, the provider has room for in the package's locality. */
  roomIn: TBand[];
  /** The package's bands it lacks room in there, or does not work on every visit day of. */
  shortIn: TBand[];
  /** Ids of neighbouring localities where it has room for every band of the package, nearest first. */
  neighboursWithRoom: string[];
};

/** The capacity gaps of the named providers for one package of the scenario; empty when it holds no such package. */
export function capacityGaps(scenario: TScenario, packageId: string, providerIds: readonly string[]): TCapacityGap[] {
  const pkg = scenario.packages.find((p) => p.id === packageId);
  if (pkg === undefined) return [];
  const ix = indexScenario(scenario);
  const pk = packageNeeds(ix, pkg);
  const bands = BANDS.map((_, b) => b).filter((b) => pk.demand[b] > 0);
  const gaps: TCapacityGap[] = [];
  for (const id of providerIds) {
    const index = ix.providerIndex.get(id);
    if (index === undefined) continue;
    const prov = ix.providers[index];
    const here = prov.slots.get(pk.locality);
    const fits = (b: number) => fitsBand(ix, here, pk, ix.declared, b);
    gaps.push({
      providerId: id,
      roomIn: bands.filter(fits).map((b) => BANDS[b]),
      shortIn: bands.filter((b) => !fits(b)).map((b) => BANDS[b]),
      neighboursWithRoom: ix.neighbours[pk.locality]
        .filter((n) => bands.every((b) => fitsBand(ix, prov.slots.get(n), pk, ix.declared, b)))
        .map((n) => scenario.localities[n].id),
    });
  }
  return gaps;
}
