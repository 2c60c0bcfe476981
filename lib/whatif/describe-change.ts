import { bandWord, CONTRACT_TYPE_TEXT, PATHWAY_TEXT } from '@/lib/domain/labels';
import type { TChange } from './changes';

// A change in plain words, for the scenario's page and its CSV: "Long-term demand grows by 20% in Allerton and Heaton".

type TNames = { locality: (id: string) => string; provider: (id: string) => string; contract: (id: string) => string };

const list = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
const places = (ids: string[], n: TNames) => (ids.length ? `in ${list(ids.map(n.locality))}` : 'in every locality');

export function describeChange(c: TChange, n: TNames): string {
  switch (c.kind) {
    case 'DEMAND_GROWTH': {
      const pathway = PATHWAY_TEXT[c.pathway];
      return `${pathway[0].toUpperCase()}${pathway.slice(1)} demand grows by ${c.percent}% ${places(c.localityIds, n)}`;
    }
    case 'PROVIDER_FAILS':
      return `${n.provider(c.providerId)} fails and hands back all its care`;
    case 'CONTRACT_ENDS':
      return `Contract ${n.contract(c.contractId)} ends`;
    case 'LOCALITY_RELET':
      return `${n.locality(c.localityId)} is re-let at £${c.hourlyRate.toFixed(2)} an hour to ${list(c.holders.map((h) => `${n.provider(h.providerId)} (${h.share}%)`))}`;
    case 'CAPACITY': {
      const bands = c.bands.length ? ` in the ${list(c.bands.map(bandWord))}` : '';
      const who = c.providerId ? `${n.provider(c.providerId)}’s spare capacity` : 'Spare capacity';
      return `${who} ${c.percent >= 0 ? 'grows' : 'falls'} by ${Math.abs(c.percent)}% ${places(c.localityIds, n)}${bands}`;
    }
    case 'RATE_UPLIFT':
      return `${c.contractType ? `Rates of ${CONTRACT_TYPE_TEXT[c.contractType]} contracts` : 'Every contract’s rate'} ${c.percent >= 0 ? 'rise' : 'fall'} by ${Math.abs(c.percent)}%`;
  }
}
