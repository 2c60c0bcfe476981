import { describe, expect, it } from 'vitest';
import { placeability } from '@/lib/placement/placeability';
import { build, contract, everywhere, pkg, provider } from './scenario-builder';

// The placeability advisor names, for packages built to be exactly one lever short, that lever;
// a placeable package gets none, and one needing two changes gets no single lever.

const daily = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

describe('placeability advisor', () => {
  it('names the one lever each package is short of', () => {
    const scenario = build({
      providers: [
        // Room for the morning package everywhere but 2 hours short in the evening in L1.
        provider('PCAP', {
          capacity: [...everywhere('L1').filter((c) => c.band !== 'EVENING'), { localityId: 'L1', band: 'EVENING', carerHours: 1.5 }],
        }),
        provider('PDH', { doubleHanded: false, capacity: everywhere('L2') }),
        provider('PSK', { skills: ['DEMENTIA'], capacity: everywhere('L3') }),
      ],
      contracts: [contract('C1', 'PCAP', 'LOCALITY', ['L1']), contract('C2', 'PDH', 'LOCALITY', ['L2']), contract('C3', 'PSK', 'LOCALITY', ['L3'])],
      packages: [
        // 30 minutes every evening: 3.5 carer-hours, 2 more than PCAP has there.
        pkg('K-CAP', { visits: [{ days: [...daily], start: '18:00', minutes: 30, carers: 1 }] }),
        pkg('K-DH', { localityId: 'L2', visits: [{ days: [...daily], start: '08:00', minutes: 30, carers: 2 }] }),
        pkg('K-SKILL', { localityId: 'L3', requiredSkills: ['DEMENTIA', 'PEG_FEEDING'] }),
        pkg('K-OK', { localityId: 'L2' }),
      ],
    });
    const advice = new Map(placeability(scenario).map((a) => [a.packageId, a]));
    expect(advice.get('K-CAP')?.lever).toEqual({ kind: 'CAPACITY', providerId: 'PCAP', band: 'EVENING', shortByHours: 2, missingDays: [] });
    expect(advice.get('K-DH')?.lever).toEqual({ kind: 'DOUBLE_HANDED', providerId: 'PDH' });
    expect(advice.get('K-SKILL')?.lever).toEqual({ kind: 'SKILL', providerId: 'PSK', skill: 'PEG_FEEDING' });
    expect(advice.get('K-OK')).toEqual({ packageId: 'K-OK', placeable: true, lever: null, levers: [] });
  });

  it('names a neighbour’s contract that would give a tier if it covered the package’s locality', () => {
    const scenario = build({
      // PNB holds a STEP contract for L2 only, and has room in L1; PSP's ICB contract covers L2 only and would give no tier to reablement in L1 either way.
      providers: [provider('PNB', { capacity: everywhere('L1') }), provider('PSP', { capacity: everywhere('L1'), doubleHanded: false })],
      contracts: [contract('C4', 'PNB', 'STEP', ['L2']), contract('C5', 'PSP', 'ICB', ['L2'])],
      // Reablement in L1: tier 1 is STEP covering L1.
      packages: [pkg('K-NEIGH', { pathway: 'REABLEMENT' })],
    });
    const [advice] = placeability(scenario);
    expect(advice.levers).toEqual([{ kind: 'NEIGHBOUR_CONTRACT', providerId: 'PNB', contractId: 'C4', neighbourLocalityId: 'L2' }]);
  });

  it('gives no single lever to a package two changes short, and picks the smaller of two levers', () => {
    const scenario = build({
      providers: [
        // Short of double-handed carers and of room: two changes.
        provider('P2', { doubleHanded: false, capacity: [{ localityId: 'L1', band: 'MORNING', carerHours: 1 }] }),
        provider('P3', { doubleHanded: false, capacity: everywhere('L2') }),
        provider('P4', { skills: [], capacity: [{ localityId: 'L2', band: 'MORNING', carerHours: 6 }] }),
      ],
      contracts: [contract('C2', 'P2', 'LOCALITY', ['L1']), contract('C3', 'P3', 'LOCALITY', ['L2']), contract('C4', 'P4', 'LOCALITY', ['L2'])],
      packages: [
        pkg('K-TWO', { visits: [{ days: [...daily], start: '08:00', minutes: 30, carers: 2 }] }),
        // 7 carer-hours a week of morning care, two carers: P4 is 1 hour short, P3 lacks double-handed carers.
        pkg('K-BOTH', { localityId: 'L2', visits: [{ days: [...daily], start: '08:00', minutes: 30, carers: 2 }] }),
      ],
    });
    const [two, both] = placeability(scenario);
    expect(two).toEqual({ packageId: 'K-TWO', placeable: false, lever: null, levers: [] });
    expect(both.levers.map((l) => l.kind)).toEqual(['CAPACITY', 'DOUBLE_HANDED']);
    expect(both.lever).toMatchObject({ kind: 'CAPACITY', providerId: 'P4', band: 'MORNING', shortByHours: 1 });
  });

  it('says when moving one visit by up to 30 minutes into the next band or the one before would fit room the provider has', () => {
    const scenario = build({
      providers: [
        // Room in L1 in every band but the evening.
        provider('PSH', { capacity: everywhere('L1').filter((c) => c.band !== 'EVENING') }),
      ],
      contracts: [contract('C1', 'PSH', 'LOCALITY', ['L1'])],
      packages: [
        // 17:10 is ten minutes into the evening: 16:55 is in the afternoon, fifteen minutes earlier.
        pkg('K-EARLY', { visits: [{ days: [...daily], start: '17:10', minutes: 30, carers: 1 }] }),
        // 21:45 is fifteen minutes before the night band starts.
        pkg('K-LATE', { visits: [{ days: [...daily], start: '21:45', minutes: 30, carers: 1 }] }),
        // 18:15 is more than 30 minutes from either neighbouring band: no move suggested.
        pkg('K-MID', { visits: [{ days: [...daily], start: '18:15', minutes: 30, carers: 1 }] }),
      ],
    });
    const advice = new Map(placeability(scenario).map((a) => [a.packageId, a.lever]));
    expect(advice.get('K-EARLY')).toEqual({
      kind: 'CAPACITY',
      providerId: 'PSH',
      band: 'EVENING',
      shortByHours: 3.5,
      // Nothing declared in the evening: no evening day is covered.
      missingDays: [...daily],
      shift: { from: '17:10', to: '16:55', band: 'AFTERNOON' },
    });
    expect(advice.get('K-LATE')).toMatchObject({ kind: 'CAPACITY', band: 'EVENING', shift: { from: '21:45', to: '22:00', band: 'NIGHT' } });
    expect(advice.get('K-MID')).toMatchObject({ kind: 'CAPACITY', band: 'EVENING', shortByHours: 3.5 });
    expect(advice.get('K-MID')).not.toHaveProperty('shift');
  });
});
