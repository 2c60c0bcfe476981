import { describe, expect, it } from 'vitest';
import { capacityGaps } from '@/lib/placement/capacity-gaps';
import { rankPackage } from '@/lib/placement/rank';
import { build, contract, pkg, provider } from './scenario-builder';

// A package with a morning and an evening visit every day: who is short of room, and where.
const twoBands = pkg('PK1', {
  visits: [
    { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '07:30', minutes: 45, carers: 1 },
    { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '18:00', minutes: 30, carers: 1 },
  ],
});

describe('capacity gaps of providers nearly eligible for a package', () => {
  it('names the bands a provider has room for and those it lacks, in the day’s order', () => {
    const scenario = build({
      providers: [
        provider('P1', { capacity: [{ localityId: 'L1', band: 'MORNING', carerHours: 40 }] }),
        // Room in the evening, but weekdays only: the weekend evening visits do not fit.
        provider('P2', {
          capacity: [
            { localityId: 'L1', band: 'MORNING', carerHours: 40 },
            { localityId: 'L1', band: 'EVENING', carerHours: 40, days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] },
          ],
        }),
      ],
      contracts: [contract('C1', 'P1', 'LOCALITY'), contract('C2', 'P2', 'LOCALITY')],
      packages: [twoBands],
    });
    expect(rankPackage(scenario, 'PK1')?.excluded.map((e) => e.reasons)).toEqual([['NO_CAPACITY'], ['NO_CAPACITY']]);
    expect(capacityGaps(scenario, 'PK1', ['P1', 'P2'])).toEqual([
      { providerId: 'P1', roomIn: ['MORNING'], shortIn: ['EVENING'], neighboursWithRoom: [] },
      { providerId: 'P2', roomIn: ['MORNING'], shortIn: ['EVENING'], neighboursWithRoom: [] },
    ]);
  });

  it('names the neighbouring localities where a provider with no room here has room for every visit', () => {
    const scenario = build({
      providers: [
        provider('P1', {
          capacity: [
            { localityId: 'L2', band: 'MORNING', carerHours: 40 },
            { localityId: 'L2', band: 'EVENING', carerHours: 40 },
            { localityId: 'L3', band: 'MORNING', carerHours: 40 },
            { localityId: 'L3', band: 'EVENING', carerHours: 40 },
          ],
        }),
        // Room next door in the morning only: not enough to widen to.
        provider('P2', { capacity: [{ localityId: 'L2', band: 'MORNING', carerHours: 40 }] }),
      ],
      contracts: [contract('C1', 'P1', 'LOCALITY', ['L1', 'L2', 'L3']), contract('C2', 'P2', 'LOCALITY', ['L1', 'L2'])],
      packages: [twoBands],
    });
    // L3 is not L1's neighbour, so only L2 counts.
    expect(capacityGaps(scenario, 'PK1', ['P1', 'P2', 'NOBODY'])).toEqual([
      { providerId: 'P1', roomIn: [], shortIn: ['MORNING', 'EVENING'], neighboursWithRoom: ['L2'] },
      { providerId: 'P2', roomIn: [], shortIn: ['MORNING', 'EVENING'], neighboursWithRoom: [] },
    ]);
    expect(capacityGaps(scenario, 'NO SUCH PACKAGE', ['P1'])).toEqual([]);
  });
});
