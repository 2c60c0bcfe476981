import { describe, expect, it } from 'vitest';
import { greedy, rankPackage, rankPackageWithTiers, type TRanking } from '@/lib/placement';
import { build, contract, everywhere, pkg, provider } from './scenario-builder';

// One case per row and rule of the cascade in docs/placement.md.

function ranking(s: Parameters<typeof rankPackage>[0], id = 'PK1'): TRanking {
  const r = rankPackage(s, id);
  if (r === null) throw new Error(`no package ${id}`);
  return r;
}
const offered = (r: TRanking) => r.offers.map((o) => [o.providerId, o.tier, o.contractId]);
const reasonsOf = (r: TRanking, providerId: string) => r.excluded.find((e) => e.providerId === providerId)?.reasons;

describe('hospital discharge', () => {
  const s = build({
    providers: ['BRI', 'AGH', 'STEP', 'LOC', 'SPOT'].map((id) => provider(id)),
    contracts: [
      contract('C1', 'BRI', 'DISCHARGE', ['L1'], { hospital: 'BRI' }),
      contract('C2', 'AGH', 'DISCHARGE', ['L1'], { hospital: 'AGH' }),
      contract('C3', 'STEP', 'STEP'),
      contract('C4', 'LOC', 'LOCALITY'),
      contract('C5', 'SPOT', 'SPOT'),
    ],
    packages: [pkg('PK1', { pathway: 'HOSPITAL_DISCHARGE', hospital: 'BRI' }), pkg('PK2', { pathway: 'HOSPITAL_DISCHARGE', hospital: 'AGH' })],
  });

  it("offers the package's own hospital's discharge provider first, then STEP, locality and spot", () => {
    const r = ranking(s);
    expect(offered(r)).toEqual([
      ['BRI', 1, 'C1'],
      ['STEP', 2, 'C3'],
      ['LOC', 3, 'C4'],
      ['SPOT', 4, 'C5'],
    ]);
    expect(reasonsOf(r, 'AGH')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });

  it('sends an Airedale discharge to the Airedale provider', () => {
    expect(offered(ranking(s, 'PK2'))[0]).toEqual(['AGH', 1, 'C2']);
    const placed = greedy(s).placements.map((p) => [p.packageId, p.providerId]);
    expect(placed).toEqual([
      ['PK1', 'BRI'],
      ['PK2', 'AGH'],
    ]);
  });

  it('does not let a discharge contract count for other pathways', () => {
    const t = build({
      providers: [provider('BRI')],
      contracts: [contract('C1', 'BRI', 'DISCHARGE', ['L1'], { hospital: 'BRI' })],
      packages: [pkg('PK1', { pathway: 'REABLEMENT', preferredProviderId: 'BRI' })],
    });
    expect(reasonsOf(ranking(t), 'BRI')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });
});

describe("the person's own choice (tier 0)", () => {
  const providers = [provider('MINE', { cqcRating: 'REQUIRES_IMPROVEMENT' }), provider('LOC', { cqcRating: 'OUTSTANDING' })];
  const contracts = [contract('C1', 'MINE', 'ISF', ['L1'], { hourlyRate: 24 }), contract('C2', 'LOC', 'LOCALITY', ['L1'], { hourlyRate: 18 })];

  it('puts the chosen provider first under its ISF contract, whatever its rating and rate', () => {
    const s = build({ providers, contracts, packages: [pkg('PK1', { preferredProviderId: 'MINE' })] });
    expect(offered(ranking(s))).toEqual([
      ['MINE', 0, 'C1'],
      ['LOC', 1, 'C2'],
    ]);
    expect(ranking(s).offers[0].reasons[0]).toContain("person's chosen provider");
  });

  it('counts an ISF contract only for the person who chose the provider', () => {
    const s = build({ providers, contracts, packages: [pkg('PK1')] });
    expect(reasonsOf(ranking(s), 'MINE')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });

  it('needs the chosen provider to hold a contract covering the locality', () => {
    const s = build({
      providers,
      contracts: [contract('C1', 'MINE', 'ISF', ['L2']), contracts[1]],
      packages: [pkg('PK1', { preferredProviderId: 'MINE' })],
    });
    expect(reasonsOf(ranking(s), 'MINE')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });

  it('offers the chosen provider under its cheapest covering contract', () => {
    const s = build({
      providers,
      contracts: [contract('C1', 'MINE', 'ISF', ['L1'], { hourlyRate: 24 }), contract('C0', 'MINE', 'SPOT', ['L1'], { hourlyRate: 21 })],
      packages: [pkg('PK1', { preferredProviderId: 'MINE' })],
    });
    expect(offered(ranking(s))).toEqual([['MINE', 0, 'C0']]);
  });
});

describe('reablement', () => {
  it('goes STEP, then locality, then spot', () => {
    const s = build({
      providers: ['SPOT', 'LOC', 'STEP', 'ICB'].map((id) => provider(id)),
      contracts: [contract('C1', 'SPOT', 'SPOT'), contract('C2', 'LOC', 'LOCALITY'), contract('C3', 'STEP', 'STEP'), contract('C4', 'ICB', 'ICB')],
      packages: [pkg('PK1', { pathway: 'REABLEMENT' })],
    });
    const r = ranking(s);
    expect(offered(r)).toEqual([
      ['STEP', 1, 'C3'],
      ['LOC', 2, 'C2'],
      ['SPOT', 3, 'C1'],
    ]);
    expect(reasonsOf(r, 'ICB')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });
});

describe('council long-term and the neighbouring locality', () => {
  const s = build({
    providers: [
      provider('HERE'),
      provider('NEXT', { capacity: everywhere('L1', 'L2') }),
      provider('AWAY', { capacity: everywhere('L2') }),
      provider('SPOT'),
      provider('STEP'),
    ],
    contracts: [
      contract('C1', 'HERE', 'LOCALITY', ['L1']),
      contract('C2', 'NEXT', 'LOCALITY', ['L2']),
      contract('C3', 'AWAY', 'LOCALITY', ['L2']),
      contract('C4', 'SPOT', 'SPOT'),
      contract('C5', 'STEP', 'STEP'),
    ],
    packages: [pkg('PK1'), pkg('PK2', { localityId: 'L3' })],
  });

  it('offers the locality holder, then a neighbour holder with carers here, then spot', () => {
    const r = ranking(s);
    expect(offered(r)).toEqual([
      ['HERE', 1, 'C1'],
      ['NEXT', 2, 'C2'],
      ['SPOT', 3, 'C4'],
    ]);
    expect(r.offers[1].reasons[0]).toBe('Locality contract holder for neighbouring Baildon Hill, with carers in Shipley East');
  });

  it('needs the neighbour holder to declare capacity in the package locality', () => {
    expect(reasonsOf(ranking(s), 'AWAY')).toEqual(['NO_CONTRACT_FOR_PACKAGE', 'NO_CAPACITY']);
    expect(reasonsOf(ranking(s), 'STEP')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });

  it('follows only the neighbours the package locality names', () => {
    expect(ranking(s, 'PK2').offers).toEqual([]);
  });
});

describe('ICB funding', () => {
  const providers = ['ICB', 'SPOT', 'LOC'].map((id) => provider(id));
  const contracts = [contract('C1', 'ICB', 'ICB'), contract('C2', 'SPOT', 'SPOT'), contract('C3', 'LOC', 'LOCALITY')];

  it('goes to ICB contracts, then spot, and not to locality contracts', () => {
    const r = ranking(build({ providers, contracts, packages: [pkg('PK1', { funding: 'ICB' })] }));
    expect(offered(r)).toEqual([
      ['ICB', 1, 'C1'],
      ['SPOT', 2, 'C2'],
    ]);
    expect(reasonsOf(r, 'LOC')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });

  it('does not offer council-funded long-term care under an ICB contract', () => {
    const r = ranking(build({ providers, contracts, packages: [pkg('PK1')] }));
    expect(reasonsOf(r, 'ICB')).toEqual(['NO_CONTRACT_FOR_PACKAGE']);
  });

  it('matters only for long-term care', () => {
    const r = ranking(build({ providers, contracts, packages: [pkg('PK1', { funding: 'ICB', pathway: 'REABLEMENT' })] }));
    expect(offered(r)).toEqual([
      ['LOC', 2, 'C3'],
      ['SPOT', 3, 'C2'],
    ]);
  });
});

describe('exclusions', () => {
  const base = { contracts: ['BAD', 'OFF', 'BOTH', 'SINGLE', 'NOSKILL', 'NOTHIM'].map((id, i) => contract(`C${i}`, id, 'SPOT')) };
  const s = build({
    ...base,
    providers: [
      provider('BAD', { cqcRating: 'INADEQUATE' }),
      provider('OFF', { status: 'SUSPENDED' }),
      provider('BOTH', { status: 'SUSPENDED', cqcRating: 'INADEQUATE' }),
      provider('SINGLE', { doubleHanded: false, skills: ['DEMENTIA', 'PEG_FEEDING'] }),
      provider('NOSKILL', { skills: ['DEMENTIA'] }),
      provider('NOTHIM', { skills: ['DEMENTIA', 'PEG_FEEDING'] }),
    ],
    packages: [
      pkg('PK1', {
        requiredSkills: ['DEMENTIA', 'PEG_FEEDING'],
        excludedProviderIds: ['NOTHIM'],
        visits: [
          { days: ['MON'], start: '08:00', minutes: 60, carers: 2 },
          { days: ['MON'], start: '12:00', minutes: 30, carers: 1 },
        ],
      }),
    ],
  });
  const r = ranking(s);

  it('never offers inadequate or suspended providers', () => {
    expect(reasonsOf(r, 'BAD')).toEqual(['CQC_INADEQUATE', 'MISSING_SKILL']);
    expect(reasonsOf(r, 'OFF')).toEqual(['PROVIDER_SUSPENDED', 'MISSING_SKILL']);
    expect(reasonsOf(r, 'BOTH')).toEqual(['PROVIDER_SUSPENDED', 'CQC_INADEQUATE', 'MISSING_SKILL']);
  });

  it('needs a double-handed provider when any visit has two carers', () => {
    expect(reasonsOf(r, 'SINGLE')).toEqual(['NO_DOUBLE_HANDED']);
  });

  it('needs every required skill', () => {
    expect(reasonsOf(r, 'NOSKILL')).toEqual(['MISSING_SKILL']);
  });

  it("respects the person's excluded providers", () => {
    expect(reasonsOf(r, 'NOTHIM')).toEqual(['EXCLUDED_BY_PACKAGE']);
    expect(r.offers).toEqual([]);
  });
});

describe('contracts in force', () => {
  const at = (now: string, over: Parameters<typeof contract>[4]) =>
    ranking(build({ now, providers: [provider('P1')], contracts: [contract('C1', 'P1', 'SPOT', ['L1'], over)], packages: [pkg('PK1')] }));

  it('counts a contract through the whole of its last day', () => {
    expect(at('2026-11-23T23:59:59Z', { validTo: '2026-11-23' }).offers).toHaveLength(1);
    expect(at('2026-11-24T00:00:00Z', { validTo: '2026-11-23' }).excluded[0].reasons).toEqual(['CONTRACT_NOT_IN_FORCE']);
    expect(at('2026-11-23T09:00:00Z', { validTo: '2026-11-22' }).excluded[0].reasons).toEqual(['CONTRACT_NOT_IN_FORCE']);
  });

  it('counts a contract from the start of its first day', () => {
    expect(at('2026-11-23T00:00:00Z', { validFrom: '2026-11-23' }).offers).toHaveLength(1);
    expect(at('2026-11-22T23:59:59Z', { validFrom: '2026-11-23' }).excluded[0].reasons).toEqual(['CONTRACT_NOT_IN_FORCE']);
  });

  it('uses a lapsed contract only to tell lapsed from absent', () => {
    const s = build({
      providers: [provider('P1')],
      contracts: [contract('C1', 'P1', 'SPOT', ['L1'], { validTo: '2025-03-31' }), contract('C2', 'P1', 'LOCALITY', ['L1'])],
      packages: [pkg('PK1')],
    });
    expect(offered(ranking(s))).toEqual([['P1', 1, 'C2']]);
  });
});

describe('bands and capacity', () => {
  const withVisit = (start: string, capacity: ReturnType<typeof everywhere>) =>
    ranking(
      build({
        providers: [provider('P1', { capacity })],
        contracts: [contract('C1', 'P1', 'SPOT')],
        packages: [pkg('PK1', { visits: [{ days: ['MON', 'TUE'], start, minutes: 60, carers: 2 }] })],
      }),
    );
  const only = (band: 'EVENING' | 'NIGHT' | 'MORNING', carerHours = 4) => [{ localityId: 'L1', band, carerHours }];

  it('reads 22:00 and 05:59 as night, 21:59 as evening and 06:00 as morning', () => {
    expect(withVisit('22:00', only('NIGHT')).offers).toHaveLength(1);
    expect(withVisit('05:59', only('NIGHT')).offers).toHaveLength(1);
    expect(withVisit('22:00', only('EVENING')).excluded[0].reasons).toEqual(['NO_CAPACITY']);
    expect(withVisit('21:59', only('EVENING')).offers).toHaveLength(1);
    expect(withVisit('06:00', only('MORNING')).offers).toHaveLength(1);
    expect(withVisit('05:59', only('MORNING')).excluded[0].reasons).toEqual(['NO_CAPACITY']);
  });

  it('needs capacity for the whole demand: minutes × carers × days', () => {
    expect(withVisit('08:00', only('MORNING', 3.99)).excluded[0].reasons).toEqual(['NO_CAPACITY']);
    expect(withVisit('08:00', only('MORNING', 4)).offers[0].reasons[3]).toBe('4 morning carer-hours free');
  });

  it('does not count capacity declared in another locality', () => {
    expect(withVisit('08:00', [{ localityId: 'L2', band: 'MORNING', carerHours: 40 }]).excluded[0].reasons).toEqual(['NO_CAPACITY']);
  });

  it('needs the provider to cover every day of the visits in their band', () => {
    const cover = (days: ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN')[]) => [{ localityId: 'L1', band: 'MORNING' as const, carerHours: 40, days }];
    // The visit is on Monday and Tuesday.
    expect(withVisit('08:00', cover(['MON', 'TUE', 'WED', 'THU', 'FRI'])).offers).toHaveLength(1);
    expect(withVisit('08:00', cover(['MON', 'WED', 'THU', 'FRI'])).excluded[0].reasons).toEqual(['NO_CAPACITY']);
    expect(withVisit('08:00', cover(['SAT', 'SUN'])).excluded[0].reasons).toEqual(['NO_CAPACITY']);
  });
});

describe('offer order', () => {
  it('orders by tier, rating, rate, free capacity in the locality, then id', () => {
    const cap = (h: number) => everywhere('L1').map((c) => ({ ...c, carerHours: h }));
    const s = build({
      providers: [
        provider('Z-LOC', { cqcRating: 'REQUIRES_IMPROVEMENT' }),
        provider('A-RI', { cqcRating: 'REQUIRES_IMPROVEMENT' }),
        provider('B-NR', { cqcRating: 'NOT_RATED' }),
        provider('C-OUT', { cqcRating: 'OUTSTANDING' }),
        provider('D-CHEAP'),
        provider('E-BIG', { capacity: cap(50) }),
        provider('G-SAME'),
        provider('F-SAME'),
      ],
      contracts: [
        contract('C1', 'Z-LOC', 'LOCALITY', ['L1'], { hourlyRate: 24 }),
        contract('C2', 'A-RI', 'SPOT', ['L1'], { hourlyRate: 18 }),
        contract('C3', 'B-NR', 'SPOT', ['L1'], { hourlyRate: 18 }),
        contract('C4', 'C-OUT', 'SPOT', ['L1'], { hourlyRate: 24 }),
        contract('C5', 'D-CHEAP', 'SPOT', ['L1'], { hourlyRate: 19 }),
        contract('C6', 'E-BIG', 'SPOT', ['L1'], { hourlyRate: 20 }),
        contract('C7', 'G-SAME', 'SPOT', ['L1'], { hourlyRate: 20 }),
        contract('C8', 'F-SAME', 'SPOT', ['L1'], { hourlyRate: 20 }),
      ],
      packages: [pkg('PK1')],
    });
    expect(ranking(s).offers.map((o) => o.providerId)).toEqual(['Z-LOC', 'C-OUT', 'D-CHEAP', 'E-BIG', 'F-SAME', 'G-SAME', 'B-NR', 'A-RI']);
  });

  it('lists a provider once, at its lowest tier, under the cheapest then lowest-id contract', () => {
    const s = build({
      providers: [provider('P1')],
      contracts: [
        contract('C9', 'P1', 'SPOT', ['L1'], { hourlyRate: 18 }),
        contract('C3', 'P1', 'LOCALITY', ['L1'], { hourlyRate: 21 }),
        contract('C2', 'P1', 'LOCALITY', ['L1', 'L2'], { hourlyRate: 21 }),
        contract('C1', 'P1', 'LOCALITY', ['L1'], { hourlyRate: 22 }),
      ],
      packages: [pkg('PK1')],
    });
    expect(offered(ranking(s))).toEqual([['P1', 1, 'C2']]);
  });

  it('explains each offer and prices it at hours × rate to the penny', () => {
    const s = build({
      providers: [provider('P1')],
      contracts: [contract('C1', 'P1', 'LOCALITY', ['L1'], { hourlyRate: 21.4 })],
      packages: [pkg('PK1', { visits: [{ days: ['MON', 'WED', 'FRI'], start: '07:30', minutes: 45, carers: 2 }] })],
    });
    const r = ranking(s);
    expect(r.hours).toBe(4.5);
    expect(r.offers[0]).toMatchObject({ weeklyCost: 96.3, hourlyRate: 21.4, contractType: 'LOCALITY' });
    expect(r.offers[0].reasons.join('; ')).toBe('Locality contract holder for Shipley East; Good; £21.40/h; 40 morning carer-hours free');
  });
});

describe('the tier each contract holder would be asked in, eligible or not', () => {
  it('gives the cascade tier of every provider with a contract in force for the package, and none to others', () => {
    const s = build({
      providers: [provider('LOC'), provider('FULL', { capacity: [] }), provider('ONE', { doubleHanded: false }), provider('SPOT'), provider('FAR')],
      contracts: [
        contract('C1', 'LOC', 'LOCALITY'),
        contract('C2', 'FULL', 'LOCALITY'),
        contract('C3', 'ONE', 'LOCALITY'),
        contract('C4', 'SPOT', 'SPOT'),
        contract('C5', 'FAR', 'LOCALITY', ['L3']),
      ],
      packages: [pkg('PK1', { visits: [{ days: ['MON'], start: '08:00', minutes: 30, carers: 2 }] })],
    });
    const result = rankPackageWithTiers(s, 'PK1')!;
    expect(result.ranking).toEqual(rankPackage(s, 'PK1'));
    expect(Object.fromEntries(result.tiers)).toEqual({
      LOC: { tier: 1, contractType: 'LOCALITY' },
      FULL: { tier: 1, contractType: 'LOCALITY' },
      ONE: { tier: 1, contractType: 'LOCALITY' },
      SPOT: { tier: 3, contractType: 'SPOT' },
    });
    expect(reasonsOf(result.ranking, 'FULL')).toEqual(['NO_CAPACITY']);
    expect(reasonsOf(result.ranking, 'ONE')).toEqual(['NO_DOUBLE_HANDED']);
    expect(rankPackageWithTiers(s, 'nope')).toBeNull();
  });
});
