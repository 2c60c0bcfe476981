import { BANDS } from '../domain/carer-hours';
import type { TCqcRating } from './constants';
import type { TOrderedOffer } from './offer-order';
import type { TPackageNeeds } from './package-needs';
import type { TScenarioIndex } from './scenario-index';
import { coveredNeighbour } from './tiers';

// The human-readable reasons shown with an offer, e.g.
// "Locality contract holder for Shipley East; Good; £21.40/h; 35 morning carer-hours free".

const RATING_TEXT: Record<TCqcRating, string> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  NOT_RATED: 'Not yet rated',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
};

const HOSPITAL_TEXT = { BRI: 'Bradford Royal Infirmary', AGH: 'Airedale General Hospital' } as const;

function hoursText(minutes: number): string {
  return String(Math.round((minutes / 60) * 100) / 100);
}

function tierText(ix: TScenarioIndex, offer: TOrderedOffer, pk: TPackageNeeds): string {
  const c = ix.contracts[offer.contract];
  const here = ix.scenario.localities[pk.locality].name;
  if (offer.tier === 0) return `The person's chosen provider (${c.contract.type} contract covering ${here})`;
  switch (c.contract.type) {
    case 'DISCHARGE':
      return `Discharge provider for ${HOSPITAL_TEXT[c.contract.hospital ?? 'BRI']} covering ${here}`;
    case 'STEP':
      return `STEP provider for ${here}`;
    case 'LOCALITY': {
      if (c.localities.has(pk.locality)) return `Locality contract holder for ${here}`;
      const n = ix.scenario.localities[coveredNeighbour(ix, c, pk.locality)].name;
      return `Locality contract holder for neighbouring ${n}, with carers in ${here}`;
    }
    case 'ICB':
      return `ICB contract covering ${here}`;
    default:
      return `Spot contract covering ${here}`;
  }
}

function capacityText(ix: TScenarioIndex, offer: TOrderedOffer, pk: TPackageNeeds, remaining: Float64Array): string {
  const slot = ix.providers[offer.provider].slots.get(pk.locality) as number;
  const parts: string[] = [];
  BANDS.forEach((band, b) => {
    if (pk.demand[b] > 0) parts.push(`${hoursText(remaining[slot * 5 + b])} ${band.toLowerCase()}`);
  });
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `${list} carer-hours free`;
}

export function offerReasons(ix: TScenarioIndex, offer: TOrderedOffer, pk: TPackageNeeds, remaining: Float64Array): string[] {
  const rate = ix.contracts[offer.contract].contract.hourlyRate;
  return [
    tierText(ix, offer, pk),
    RATING_TEXT[ix.providers[offer.provider].provider.cqcRating],
    `£${rate.toFixed(2)}/h`,
    capacityText(ix, offer, pk, remaining),
  ];
}
