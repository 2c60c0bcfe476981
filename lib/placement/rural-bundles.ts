import { BANDS, type TBand } from '../domain/carer-hours';
import { round2 } from './demand';
import { fitMask } from './eligibility';
import { packageNeeds, type TPackageNeeds } from './package-needs';
import { indexScenario, type TProviderInfo, type TScenarioIndex } from './scenario-index';
import { contractTier } from './tiers';
import type { TScenario } from './schema';

// Rural runs: in a rural locality one package alone is rarely worth a carer's drive, but the
// packages waiting there in the same time band, offered together as one run, may be. For each
// rural locality and band with two or more waiting packages, the providers that could take them
// all: eligible for each but for room (the engine's own rules), holding a contract in force for the
// locality that gives it a tier, and whose declared room in the band covers the packages' carer-
// hours together on every day they have visits there. Judged against declared capacity, as rank is.

export type TRuralBundle = {
  localityId: string;
  band: TBand;
  /** The waiting packages of the locality with visits in the band, in scenario order. */
  packageIds: string[];
  /** Their carer-hours a week in the band. */
  hours: number;
  /** Providers with room for all of them in the band, most room first; empty when nobody has it. */
  providerIds: string[];
};

/** Capacity is kept in carer-minutes; declared hours × 60 need not be whole (as eligibility.ts). */
const EPS = 1e-6;

/** Eligible for the package but for room, under a contract in force covering its locality. */
function eligibleButForRoom(ix: TScenarioIndex, prov: TProviderInfo, pk: TPackageNeeds): boolean {
  if (fitMask(prov, pk) !== 0) return false;
  return prov.contracts.some((ci) => {
    const c = ix.contracts[ci];
    return c.inForce && c.localities.has(pk.locality) && contractTier(ix, c, pk) >= 0;
  });
}

/** The providers whose declared room in `band` of the locality covers every package of the run on every day. */
function roomFor(ix: TScenarioIndex, run: readonly TPackageNeeds[], b: number): string[] {
  const locality = run[0].locality;
  const minutes = run.reduce((sum, pk) => sum + pk.demand[b], 0);
  const days = run.reduce((mask, pk) => mask | pk.bandDays[b], 0);
  const room: { id: string; minutes: number }[] = [];
  for (const prov of ix.providers) {
    const slot = prov.slots.get(locality);
    if (slot === undefined) continue;
    const declared = ix.declared[slot * 5 + b];
    if (minutes > declared + EPS || (days & ~ix.coveredDays[slot * 5 + b]) !== 0) continue;
    if (run.every((pk) => eligibleButForRoom(ix, prov, pk))) room.push({ id: prov.provider.id, minutes: declared });
  }
  return room.sort((x, y) => y.minutes - x.minutes).map((r) => r.id);
}

/**
 * The runs of the scenario's packages (all of them waiting) in its rural localities, one per
 * locality and band holding two or more; with `packageIds`, only the runs holding one of them.
 */
export function ruralBundles(scenario: TScenario, packageIds?: readonly string[]): TRuralBundle[] {
  const ix = indexScenario(scenario);
  const byLocality = new Map<number, TPackageNeeds[]>();
  for (const pkg of scenario.packages) {
    const pk = packageNeeds(ix, pkg);
    if (!scenario.localities[pk.locality].rural) continue;
    byLocality.set(pk.locality, [...(byLocality.get(pk.locality) ?? []), pk]);
  }
  const wanted = packageIds ? new Set(packageIds) : null;
  const out: TRuralBundle[] = [];
  for (const [locality, waiting] of byLocality) {
    BANDS.forEach((band, b) => {
      const run = waiting.filter((pk) => pk.demand[b] > 0);
      if (run.length < 2 || (wanted && !run.some((pk) => wanted.has(pk.pkg.id)))) return;
      out.push({
        localityId: scenario.localities[locality].id,
        band,
        packageIds: run.map((pk) => pk.pkg.id),
        hours: round2(run.reduce((sum, pk) => sum + pk.demand[b], 0) / 60),
        providerIds: roomFor(ix, run, b),
      });
    });
  }
  return out;
}
