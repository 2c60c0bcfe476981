import type { TContractInfo, TScenarioIndex } from './scenario-index';
import type { TPackageNeeds } from './package-needs';

// The cascade table of docs/placement.md. Returns the tier a contract gives its provider
// for a package, or -1 when it gives none; whether the contract is in force is judged elsewhere,
// because a contract that would give a tier if it were in force changes the reason reported.

export function contractTier(ix: TScenarioIndex, c: TContractInfo, pk: TPackageNeeds): number {
  const { type, hospital } = c.contract;
  const { pathway, funding } = pk.pkg;
  // A DISCHARGE contract counts only for its own hospital's discharges, under any tier.
  if (type === 'DISCHARGE' && !(pathway === 'HOSPITAL_DISCHARGE' && hospital === pk.pkg.hospital)) return -1;
  const covers = c.localities.has(pk.locality);
  if (covers && c.providerIndex === pk.preferred) return 0;
  if (!covers) {
    return type === 'LOCALITY' && pathway === 'LONG_TERM' && funding === 'COUNCIL' ? neighbourTier(ix, c, pk) : -1;
  }
  // ISF contracts count only under tier 0.
  if (type === 'ISF') return -1;
  switch (pathway) {
    case 'HOSPITAL_DISCHARGE':
      return { DISCHARGE: 1, STEP: 2, LOCALITY: 3, SPOT: 4, ICB: -1, ISF: -1 }[type];
    case 'REABLEMENT':
      return { STEP: 1, LOCALITY: 2, SPOT: 3, DISCHARGE: -1, ICB: -1, ISF: -1 }[type];
    case 'LONG_TERM':
      return funding === 'COUNCIL'
        ? { LOCALITY: 1, SPOT: 3, STEP: -1, DISCHARGE: -1, ICB: -1, ISF: -1 }[type]
        : { ICB: 1, SPOT: 2, LOCALITY: -1, STEP: -1, DISCHARGE: -1, ISF: -1 }[type];
  }
}

/**
 * Tier 2 for a council long-term package: the contract lists a locality that the package's
 * locality names as a neighbour, and the provider declares some capacity in the package's own
 * locality.
 */
function neighbourTier(ix: TScenarioIndex, c: TContractInfo, pk: TPackageNeeds): number {
  const neighbour = coveredNeighbour(ix, c, pk.locality);
  return neighbour >= 0 && declaresAny(ix, c.providerIndex, pk.locality) ? 2 : -1;
}

/** The first neighbour of `locality` (in the locality's own order) that the contract lists, or -1. */
export function coveredNeighbour(ix: TScenarioIndex, c: TContractInfo, locality: number): number {
  for (const n of ix.neighbours[locality]) if (c.localities.has(n)) return n;
  return -1;
}

function declaresAny(ix: TScenarioIndex, providerIndex: number, locality: number): boolean {
  const slot = ix.providers[providerIndex].slots.get(locality);
  if (slot === undefined) return false;
  for (let b = 0; b < 5; b++) if (ix.declared[slot * 5 + b] > 0) return true;
  return false;
}
