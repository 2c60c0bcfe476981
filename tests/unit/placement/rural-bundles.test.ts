import { describe, expect, it } from 'vitest';
import { ruralBundles } from '@/lib/placement/rural-bundles';
import { build, contract, pkg, provider } from './scenario-builder';

// Rural runs: the packages waiting in a rural locality with visits in the same band, and the
// providers eligible for all of them but for room whose room in that band covers them together.

const daily = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const morning = (carerHours: number, days?: (typeof daily)[number][]) => [
  { localityId: 'L3', band: 'MORNING' as const, carerHours, ...(days ? { days } : {}) },
];

describe('rural runs', () => {
  const scenario = build({
    providers: [
      // 12 carer-hours of morning room in L3: enough for the three morning packages together (10.75).
      provider('PX', { skills: ['DEMENTIA'], capacity: morning(12) }),
      // 10: enough for each package alone, not for the three.
      provider('PY', { skills: ['DEMENTIA'], capacity: morning(10) }),
      // Plenty, but weekdays only: K1 has weekend mornings.
      provider('PZ', { skills: ['DEMENTIA'], capacity: morning(40, ['MON', 'TUE', 'WED', 'THU', 'FRI']) }),
      // Plenty, but its contract is for L1 only.
      provider('PW', { skills: ['DEMENTIA'], capacity: morning(40) }),
      // Plenty, but K2 needs a skill it lacks.
      provider('PS', { skills: [], capacity: morning(40) }),
    ],
    contracts: [
      contract('CX', 'PX', 'LOCALITY', ['L3']),
      contract('CY', 'PY', 'LOCALITY', ['L3']),
      contract('CZ', 'PZ', 'LOCALITY', ['L3']),
      contract('CW', 'PW', 'LOCALITY', ['L1']),
      contract('CS', 'PS', 'LOCALITY', ['L3']),
    ],
    packages: [
      // 45 minutes every morning: 5.25 carer-hours.
      pkg('K1', { localityId: 'L3' }),
      // 30 minutes on weekday mornings: 2.5.
      pkg('K2', {
        localityId: 'L3',
        requiredSkills: ['DEMENTIA'],
        visits: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', minutes: 30, carers: 1 }],
      }),
      // The only evening package in L3: no run.
      pkg('K3', { localityId: 'L3', visits: [{ days: [...daily], start: '18:00', minutes: 30, carers: 1 }] }),
      // An hour on Monday, Wednesday and Friday mornings: 3.
      pkg('K4', { localityId: 'L3', visits: [{ days: ['MON', 'WED', 'FRI'], start: '09:00', minutes: 60, carers: 1 }] }),
      // Two morning packages in L1, which is not rural: no run.
      pkg('K5'),
      pkg('K6'),
    ],
  });

  it('finds the packages waiting in the same rural locality and band, and only the providers with room for them all', () => {
    expect(ruralBundles(scenario)).toEqual([{ localityId: 'L3', band: 'MORNING', packageIds: ['K1', 'K2', 'K4'], hours: 10.75, providerIds: ['PX'] }]);
  });

  it('gives a package only the runs it is part of', () => {
    expect(ruralBundles(scenario, ['K2']).map((b) => b.packageIds)).toEqual([['K1', 'K2', 'K4']]);
    expect(ruralBundles(scenario, ['K3'])).toEqual([]);
    expect(ruralBundles(scenario, ['K5'])).toEqual([]);
  });
});
