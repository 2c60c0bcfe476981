import { demandMinutesByBand } from './demand';
import { bandIndexOf } from '../domain/carer-hours';
import { daysMask, type TScenarioIndex } from './scenario-index';
import type { TPackage } from './schema';

/** What the eligibility rules ask of a package, resolved to indices once. */
export type TPackageNeeds = {
  pkg: TPackage;
  locality: number;
  /** Carer-minutes per week in each band. */
  demand: number[];
  /** The days of the week the package has visits in each band (daysMask). */
  bandDays: number[];
  minutes: number;
  needsDoubleHanded: boolean;
  /** Index of the person's chosen provider, or -1. */
  preferred: number;
  excluded: Set<number>;
};

export function packageNeeds(ix: TScenarioIndex, pkg: TPackage): TPackageNeeds {
  const demand = demandMinutesByBand(pkg);
  const bandDays = [0, 0, 0, 0, 0];
  for (const v of pkg.visits) bandDays[bandIndexOf(v.start)] |= daysMask(v.days);
  const excluded = new Set<number>();
  for (const id of pkg.excludedProviderIds) excluded.add(ix.providerIndex.get(id) as number);
  return {
    pkg,
    locality: ix.localityIndex.get(pkg.localityId) as number,
    demand,
    bandDays,
    minutes: demand.reduce((a, b) => a + b, 0),
    needsDoubleHanded: pkg.visits.some((v) => v.carers === 2),
    preferred: pkg.preferredProviderId === null ? -1 : (ix.providerIndex.get(pkg.preferredProviderId) ?? -1),
    excluded,
  };
}
