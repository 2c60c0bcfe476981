import { describe, expect, it } from 'vitest';
import { isVisitInForce, neverInForce, planVisitChange } from '@/lib/domain/visit-versions';

const v = (id: string, start: string, carers = 1, days = ['MON', 'WED']) => ({ id, days, start, minutes: 30, carers });
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('planVisitChange', () => {
  it('keeps a visit asked for again, continues a changed one from the nearest start sharing a day, ends and adds the rest', () => {
    const current = [v('a', '08:00', 2), v('b', '12:00'), v('c', '18:00', 1, ['SAT'])];
    const next = [
      { days: ['MON', 'WED'], start: '12:00', minutes: 30, carers: 1 },
      { days: ['MON'], start: '08:30', minutes: 30, carers: 1 },
      { days: ['SUN'], start: '20:00', minutes: 30, carers: 1 },
    ];
    const plan = planVisitChange(current, next);
    expect(plan.kept).toEqual(['b']);
    expect(plan.ended).toEqual(['a', 'c']);
    expect(plan.added).toEqual([
      { visit: next[1], supersedesId: 'a' },
      { visit: next[2], supersedesId: null },
    ]);
  });

  it('changes nothing when the same visits come back in another order', () => {
    const current = [v('a', '08:00'), v('b', '12:00')];
    const plan = planVisitChange(current, [current[1], current[0]]);
    expect(plan).toEqual({ kept: ['b', 'a'], ended: [], added: [] });
  });
});

describe('a visit version in force', () => {
  it('runs from its start (or the beginning) up to, not including, its end, on the London day', () => {
    expect(isVisitInForce({ startDate: null, endDate: null }, new Date('2026-01-01T12:00:00Z'))).toBe(true);
    expect(isVisitInForce({ startDate: day('2026-12-01'), endDate: null }, new Date('2026-11-30T23:30:00Z'))).toBe(false);
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    expect(isVisitInForce({ startDate: day('2026-07-01'), endDate: null }, new Date('2026-06-30T23:30:00Z'))).toBe(true);
    expect(isVisitInForce({ startDate: null, endDate: day('2026-12-01') }, new Date('2026-12-01T09:00:00Z'))).toBe(false);
    expect(neverInForce({ startDate: day('2026-12-01'), endDate: day('2026-12-01') })).toBe(true);
  });
});
