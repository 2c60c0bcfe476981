import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weeklySplit, type TFundingPackage } from '@/lib/domain/funding';

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
  it('rounds each figure half up to the penny from the exact amount, not from a float', () => {
    // 0.25 h × £16.06 is £4.015: in floating point × 100 it comes to just under 401.5, and used to round down to £4.01.
    expect(weeklySplit(council, [{ hoursPerWeek: 0.25, hourlyRate: 16.06, icbSharePercent: null }], day, null)).toMatchObject({
      council: 4.02,
      icb: 0,
      person: 0,
      total: 4.02,
    });
    // 0.25 h × £21.15 split 40% to the ICB: £2.115 and £3.1725 of £5.2875.
    expect(weeklySplit({ ...council, icbSharePercent: 40 }, [{ hoursPerWeek: 0.25, hourlyRate: 21.15, icbSharePercent: null }], day, null)).toMatchObject({
      icb: 2.12,
      council: 3.17,
      total: 5.29,
    });
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

  it('gives whole pence that are never negative, with the person paying at most their contribution', () => {
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
          // The parts add up to the whole within the penny each was rounded by.
          expect(Math.abs(w.council + w.icb + w.person - w.total)).toBeLessThanOrEqual(0.01 + 1e-9);
        },
      ),
    );
  });
});
