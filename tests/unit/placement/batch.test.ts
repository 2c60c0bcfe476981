import { describe, expect, it } from 'vitest';
import { greedy, optimise, type TBatchResult } from '@/lib/placement';
import { optimiseInWorker } from '@/lib/placement/optimise-in-worker';
import { build, contract, pkg, provider } from './scenario-builder';

const morning = (hours: number) => [{ localityId: 'L1', band: 'MORNING' as const, carerHours: hours }];
const placedWith = (r: TBatchResult) => Object.fromEntries(r.placements.map((p) => [p.packageId, p.providerId]));
const withoutClock = (r: TBatchResult) => ({ ...r, solver: { ...r.solver, seconds: 0 } });

describe('greedy', () => {
  it('serves discharges first, then reablement, then long-term; oldest first, then id', () => {
    // One provider with room for exactly one 5.25-hour package.
    const s = build({
      providers: [provider('P1', { capacity: morning(5.25) })],
      contracts: [contract('C1', 'P1', 'SPOT'), contract('C2', 'P1', 'DISCHARGE', ['L1'], { hospital: 'BRI' }), contract('C3', 'P1', 'STEP')],
      packages: [
        pkg('PK1', { postedAt: '2026-11-01T08:00:00Z' }),
        pkg('PK2', { pathway: 'REABLEMENT', postedAt: '2026-11-20T08:00:00Z' }),
        pkg('PK3', { pathway: 'HOSPITAL_DISCHARGE', hospital: 'BRI', postedAt: '2026-11-23T08:00:00Z' }),
      ],
    });
    expect(placedWith(greedy(s))).toEqual({ PK3: 'P1' });
    const r = build({
      providers: [provider('P1', { capacity: morning(5.25) })],
      contracts: [contract('C1', 'P1', 'SPOT')],
      packages: [
        pkg('PK2', { postedAt: '2026-11-01T08:00:00Z' }),
        pkg('PK1', { postedAt: '2026-11-01T08:00:00Z' }),
        pkg('PK0', { postedAt: '2026-11-02T08:00:00Z' }),
      ],
    });
    expect(placedWith(greedy(r))).toEqual({ PK1: 'P1' });
  });

  it('spends capacity band by band, and ranks later packages against what is left', () => {
    const s = build({
      providers: [provider('BIG', { capacity: morning(8) }), provider('SMALL', { capacity: morning(6) })],
      contracts: [contract('C1', 'BIG', 'SPOT'), contract('C2', 'SMALL', 'SPOT')],
      packages: [pkg('PK1', { postedAt: '2026-11-01T08:00:00Z' }), pkg('PK2', { postedAt: '2026-11-02T08:00:00Z' })],
    });
    // Same tier, rating and rate: more free capacity goes first, and that changes after PK1.
    expect(placedWith(greedy(s))).toEqual({ PK1: 'BIG', PK2: 'SMALL' });
  });

  it('summarises the batch', () => {
    const s = build({
      providers: [provider('P1', { capacity: morning(5.25) })],
      contracts: [contract('C1', 'P1', 'SPOT', ['L1'], { hourlyRate: 20 })],
      packages: [pkg('PK1', { pathway: 'REABLEMENT' }), pkg('PK2')],
    });
    const r = greedy(s);
    expect(r.summary).toEqual({ packages: 2, placed: 1, placedHours: 5.25, unplacedHours: 5.25, score: 10.5, weeklyCost: 105, byTier: { '3': 1 } });
    expect(r.solver).toBeUndefined();
  });
});

describe('unplaced reasons', () => {
  it('says NO_CONTRACT_FOR_PACKAGE when no provider has a contract in force giving a tier', () => {
    const s = build({
      providers: [provider('P1'), provider('P2')],
      contracts: [contract('C1', 'P1', 'SPOT', ['L1'], { validTo: '2025-03-31' }), contract('C2', 'P2', 'ICB')],
      packages: [pkg('PK1')],
    });
    expect(greedy(s).unplaced).toEqual([{ packageId: 'PK1', reasons: ['NO_CONTRACT_FOR_PACKAGE'] }]);
  });

  it('lists, in the spec order, every code excluding a provider that has such a contract', () => {
    const s = build({
      providers: [
        provider('P1', { capacity: [] }),
        provider('P2', { cqcRating: 'INADEQUATE', skills: ['DEMENTIA'] }),
        provider('P3', { doubleHanded: false, skills: ['DEMENTIA'] }),
        provider('P4', { skills: ['DEMENTIA'] }),
      ],
      contracts: [contract('C1', 'P1', 'SPOT'), contract('C2', 'P2', 'SPOT'), contract('C3', 'P3', 'SPOT'), contract('C4', 'P4', 'SPOT', ['L2'])],
      packages: [pkg('PK1', { requiredSkills: ['DEMENTIA'], visits: [{ days: ['MON'], start: '08:00', minutes: 30, carers: 2 }] })],
    });
    expect(greedy(s).unplaced[0].reasons).toEqual(['CQC_INADEQUATE', 'MISSING_SKILL', 'NO_DOUBLE_HANDED', 'NO_CAPACITY']);
  });

  it('judges capacity as it is left at the end of the run', () => {
    const s = build({
      providers: [provider('P1', { capacity: morning(5.25) })],
      contracts: [contract('C1', 'P1', 'SPOT'), contract('C2', 'P1', 'STEP')],
      packages: [pkg('PK1'), pkg('PK2', { pathway: 'REABLEMENT' })],
    });
    const r = greedy(s);
    expect(placedWith(r)).toEqual({ PK2: 'P1' });
    expect(r.unplaced).toEqual([{ packageId: 'PK1', reasons: ['NO_CAPACITY'] }]);
  });
});

describe('optimise', () => {
  // Greedy gives the older 6-hour package the 10 hours and strands the two 5-hour ones.
  const crowded = build({
    providers: [provider('P1', { capacity: morning(10) })],
    contracts: [contract('C1', 'P1', 'SPOT')],
    packages: [
      pkg('OLD', { postedAt: '2026-11-01T08:00:00Z', visits: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], start: '08:00', minutes: 60, carers: 1 }] }),
      pkg('NEW1', { visits: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', minutes: 60, carers: 1 }] }),
      pkg('NEW2', { visits: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '08:00', minutes: 60, carers: 1 }] }),
    ],
  });

  it('beats greedy where greedy strands capacity, and proves it', async () => {
    expect(greedy(crowded).summary.score).toBe(6);
    const r = await optimise(crowded, { timeLimitSeconds: 10 });
    expect(placedWith(r)).toEqual({ NEW1: 'P1', NEW2: 'P1' });
    expect(r.summary.score).toBe(10);
    expect(r.solver).toMatchObject({ status: 'OPTIMAL', bound: 10 });
    expect(r.unplaced).toEqual([{ packageId: 'OLD', reasons: ['NO_CAPACITY'] }]);
  });

  it('prefers lower tiers among equal scores, then lower weekly cost (not rating)', async () => {
    const s = build({
      providers: [provider('LOC'), provider('OUT', { cqcRating: 'OUTSTANDING' }), provider('CHEAP')],
      contracts: [
        contract('C1', 'LOC', 'LOCALITY', ['L1'], { hourlyRate: 24 }),
        contract('C2', 'OUT', 'SPOT', ['L1'], { hourlyRate: 23 }),
        contract('C3', 'CHEAP', 'SPOT', ['L1'], { hourlyRate: 19 }),
      ],
      packages: [pkg('PK1'), pkg('PK2', { excludedProviderIds: ['LOC'] })],
    });
    expect(placedWith(greedy(s))).toEqual({ PK1: 'LOC', PK2: 'OUT' });
    expect(placedWith(await optimise(s))).toEqual({ PK1: 'LOC', PK2: 'CHEAP' });
  });

  it('returns greedy’s answer, honestly labelled, when the time limit leaves no time to solve', async () => {
    let t = 0;
    const r = await optimise(crowded, { timeLimitSeconds: 1, clock: () => (t += 5000) });
    expect(placedWith(r)).toEqual(placedWith(greedy(crowded)));
    expect(r.solver).toMatchObject({ status: 'TIME_LIMIT', bound: 16 });
  });

  it('gives the same answer every time, also from a worker thread', async () => {
    const a = await optimise(crowded);
    const b = await optimise(structuredClone(crowded));
    expect(withoutClock(b)).toEqual(withoutClock(a));
    expect(withoutClock(await optimiseInWorker(crowded, { timeLimitSeconds: 10 }))).toEqual(withoutClock(a));
  });
});
