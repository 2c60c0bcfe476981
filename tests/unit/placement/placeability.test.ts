import { describe, expect, it } from 'vitest';
import { placeability } from '@/lib/placement/placeability';
import { build, contract, everywhere, pkg, provider } from './scenario-builder';

// The placeability advisor names, for packages built to be exactly one lever short, that lever;
// a placeable package gets none, and one needing two changes gets no single lever.

const daily = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const m = (band: 'MORNING' | 'MIDDAY' | 'EVENING', carerHours: number) => ({ localityId: 'L1', band, carerHours });

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

  it('splits a package between two providers kept out by room alone, the better ranked taking every band it has room for', () => {
    const visits = [
      { days: [...daily], start: '07:30', minutes: 45, carers: 1 as const },
      { days: [...daily], start: '12:00', minutes: 30, carers: 1 as const },
      { days: [...daily], start: '18:00', minutes: 30, carers: 2 as const },
    ];
    const market = (extra: Parameters<typeof provider>[] = []) =>
      build({
        providers: [
          // The cheapest: room in the morning and at midday, one evening carer-hour.
          provider('PA', { skills: ['DEMENTIA'], capacity: [m('MORNING', 40), m('MIDDAY', 40), m('EVENING', 1)] }),
          // Room at midday and in the evening, none in the morning.
          provider('PB', { skills: ['DEMENTIA'], capacity: [m('MIDDAY', 40), m('EVENING', 40)] }),
          // Room in the morning only: with PB it could split the package too, but it costs more than PA.
          provider('PC', { skills: ['DEMENTIA'], capacity: [m('MORNING', 40)] }),
          // Room everywhere but lacks the skill: kept out by more than room, never part of a split.
          provider('PSK', { skills: [], capacity: everywhere('L1') }),
          ...extra.map((args) => provider(...args)),
        ],
        contracts: [
          contract('C-A', 'PA', 'LOCALITY', ['L1'], { hourlyRate: 18 }),
          contract('C-B', 'PB', 'LOCALITY', ['L1'], { hourlyRate: 20 }),
          contract('C-C', 'PC', 'LOCALITY', ['L1'], { hourlyRate: 19 }),
          contract('C-S', 'PSK', 'LOCALITY', ['L1'], { hourlyRate: 15 }),
          ...extra.map(([id]) => contract(`C-${id}`, id, 'LOCALITY', ['L1'], { hourlyRate: 25 })),
        ],
        packages: [
          pkg('K-SPLIT', { requiredSkills: ['DEMENTIA'], visits }),
          // Morning and midday only: PA has room for it all, so nothing to advise.
          pkg('K-ONE', { requiredSkills: ['DEMENTIA'], visits: visits.slice(0, 2) }),
          // Morning and evening, but only the evening visit fits PB and nobody else has evening room: no split.
          pkg('K-NONE', { requiredSkills: ['DEMENTIA'], visits: [visits[0], { ...visits[2], start: '22:30' }] }),
        ],
      });
    const advice = new Map(placeability(market()).map((a) => [a.packageId, a]));
    const split = advice.get('K-SPLIT')!;
    expect(split.placeable).toBe(false);
    // PA and PB are one band short each (PC two); the split needs no new room, so it comes before the skill.
    expect(split.levers.map((l) => l.kind)).toEqual(['CAPACITY', 'CAPACITY', 'SPLIT', 'SKILL']);
    expect(split.levers.find((l) => l.kind === 'SPLIT')).toEqual({
      kind: 'SPLIT',
      providerId: 'PA',
      partnerId: 'PB',
      parts: [
        // Midday fits both: it stays with PA, the cheaper.
        { providerId: 'PA', bands: ['MORNING', 'MIDDAY'], starts: ['07:30', '12:00'], hours: 8.75 },
        // The double-handed evening visit goes whole, both carers, to PB.
        { providerId: 'PB', bands: ['EVENING'], starts: ['18:00'], hours: 7 },
      ],
    });
    expect(advice.get('K-ONE')).toEqual({ packageId: 'K-ONE', placeable: true, lever: null, levers: [] });
    expect(advice.get('K-NONE')?.levers.map((l) => l.kind)).not.toContain('SPLIT');

    // A provider with room for the whole package: it can be offered, so no split is named.
    const whole = placeability(market([['PALL', { skills: ['DEMENTIA'], capacity: everywhere('L1') }]]), ['K-SPLIT']);
    expect(whole).toEqual([{ packageId: 'K-SPLIT', placeable: true, lever: null, levers: [] }]);
  });
});
