import { parseScenario, type TScenario, type TScenarioInput } from '@/lib/placement';

// Small hand-made scenarios for the cascade cases. Three localities: L1 and L2 neighbour each
// other, L3 is rural and names no neighbours. Every scenario goes through parseScenario, so the
// cases also exercise validation and its defaults.

type TProviderInput = TScenarioInput['providers'][number];
type TContractInput = TScenarioInput['contracts'][number];
type TPackageInput = TScenarioInput['packages'][number];

export const NOW = '2026-11-23T09:00:00Z';
const ALL_BANDS = ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT'] as const;

/** 40 carer-hours in every band of each named locality. */
export function everywhere(...localityIds: string[]): NonNullable<TProviderInput['capacity']> {
  return localityIds.flatMap((localityId) => ALL_BANDS.map((band) => ({ localityId, band, carerHours: 40 })));
}

export function provider(id: string, over: Partial<TProviderInput> = {}): TProviderInput {
  return { id, name: `Provider ${id}`, status: 'ACTIVE', cqcRating: 'GOOD', doubleHanded: true, skills: [], capacity: everywhere('L1'), ...over };
}

export function contract(
  id: string,
  providerId: string,
  type: TContractInput['type'],
  localityIds: string[] = ['L1'],
  over: Partial<TContractInput> = {},
): TContractInput {
  return { id, providerId, type, localityIds, hospital: null, hourlyRate: 20, validFrom: '2020-04-01', validTo: null, ...over };
}

/** One 45-minute single-handed morning visit every day: 5.25 carer-hours a week. */
export function pkg(id: string, over: Partial<TPackageInput> = {}): TPackageInput {
  return {
    id,
    localityId: 'L1',
    postedAt: '2026-11-22T16:40:00Z',
    pathway: 'LONG_TERM',
    funding: 'COUNCIL',
    visits: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '07:30', minutes: 45, carers: 1 }],
    ...over,
  };
}

export function build(parts: { providers: TProviderInput[]; contracts: TContractInput[]; packages: TPackageInput[]; now?: string }): TScenario {
  const parsed = parseScenario({
    now: parts.now ?? NOW,
    localities: [
      { id: 'L1', name: 'Shipley East', rural: false, neighbours: ['L2'] },
      { id: 'L2', name: 'Baildon Hill', rural: false, neighbours: ['L1'] },
      { id: 'L3', name: 'Wharfedale North', rural: true, neighbours: [] },
    ],
    providers: parts.providers,
    contracts: parts.contracts,
    packages: parts.packages,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
}
