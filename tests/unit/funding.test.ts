import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inPounds, weekOfCare, weeklySplit, type TFundingPackage } from '@/lib/domain/funding';

// Who pays a week of care, exact to the penny: the database splits the same week in decimals for
// the dashboards (tests/integration/funding-spans.test.ts recounts it with this rule).

const council: TFundingPackage = {
  funding: 'COUNCIL',
  pathway: 'LONG_TERM',
  icbSharePercent: null,
  s117Aftercare: false,
  clientContributionWeekly: null,
  reablementReviewedOn: null,
};
const day = '2026-12-07';

describe('weeklySplit', () => {
  it('rounds the whole half up from the exact amount, not a float, and the ICB part down, the council taking the rest', () => {
    // 0.25 h × £16.06 is £4.015: in floating point × 100 it comes to just under 401.5, and used to round down to £4.01.
    expect(weeklySplit(council, [{ hoursPerWeek: 0.25, hourlyRate: 16.06, icbSharePercent: null }], day, null)).toMatchObject({
      council: 4.02,
      icb: 0,
      person: 0,
      total: 4.02,
    });
    // 0.25 h × £21.15 split 40% to the ICB: £2.115 of £5.2875. The ICB pays £2.11, the council £3.18, of £5.29.
    expect(weeklySplit({ ...council, icbSharePercent: 40 }, [{ hoursPerWeek: 0.25, hourlyRate: 21.15, icbSharePercent: null }], day, null)).toMatchObject({
      icb: 2.11,
      council: 3.18,
      total: 5.29,
    });
  });

  it('adds weeks exactly before rounding them, as the dashboards do', () => {
    // Two packages of £4.015 each: £8.03 together, though each is £4.02 on its own.
    const week = weekOfCare(council, [{ hoursPerWeek: 0.25, hourlyRate: 16.06, icbSharePercent: null }], day, null);
    expect(inPounds({ total: week.total * 2n, icb: week.icb * 2n, person: week.person * 2n })).toEqual({ total: 8.03, council: 8.03, icb: 0, person: 0 });
  });

  it('takes the contribution off the council part, never more than it', () => {
    const lines = [{ hoursPerWeek: 10, hourlyRate: 20, icbSharePercent: null }];
    expect(weeklySplit({ ...council, clientContributionWeekly: 45.5 }, lines, day, null)).toMatchObject({ council: 154.5, person: 45.5, total: 200 });
    expect(weeklySplit({ ...council, icbSharePercent: 90, clientContributionWeekly: 45.5 }, lines, day, null)).toMatchObject({
      council: 0,
      icb: 180,
      person: 20,
    });
    expect(weeklySplit({ ...council, s117Aftercare: true, clientContributionWeekly: 45.5 }, lines, day, null)).toMatchObject({ person: 0, council: 200 });
  });

  it('gives whole pence that are never negative and add up, with the person paying at most their contribution', () => {
    const money = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 100);
    fc.assert(
      fc.property(
        fc.array(fc.record({ hoursPerWeek: money(20_000), hourlyRate: money(5_000), icbSharePercent: fc.option(money(10_000)) }), { maxLength: 6 }),
        fc.option(fc.integer({ min: 1, max: 9_999 }).map((n) => n / 100)),
        fc.constantFrom<'COUNCIL' | 'ICB'>('COUNCIL', 'ICB'),
        fc.option(money(50_000)),
        (lines, share, funding, contribution) => {
          const w = weeklySplit({ ...council, funding, icbSharePercent: share, clientContributionWeekly: contribution }, lines, day, null);
          for (const v of [w.council, w.icb, w.person, w.total]) {
            expect(Math.abs(v * 100 - Math.round(v * 100))).toBeLessThan(1e-6);
            expect(v).toBeGreaterThanOrEqual(0);
          }
          expect(w.person).toBeLessThanOrEqual(contribution ?? 0);
          // The parts add up to the whole, to the penny.
          expect(Math.round(w.council * 100) + Math.round(w.icb * 100) + Math.round(w.person * 100)).toBe(Math.round(w.total * 100));
        },
      ),
    );
  });
});
