import { describe, expect, it } from 'vitest';
import { percentileCont, rateUplift } from '@/lib/placement/rate-uplift';

// The rate uplift lever: the 75th percentile of accepted offers' rates, less the package's rate.

describe('rate uplift to the local rate', () => {
  it('interpolates the percentile between rates as PostgreSQL does', () => {
    expect(percentileCont([22, 20, 24, 30], 0.75)).toBe(25.5);
    expect(percentileCont([23], 0.75)).toBe(23);
    expect(percentileCont([], 0.75)).toBeNull();
  });

  it('names the uplift that brings the rate up to the local rate, and what it adds a week', () => {
    // 75th percentile of 20, 22, 24, 30 is 25.50; the package is at £21 + £1 = £22: £3.50 more, on 7 carer-hours £24.50 a week.
    expect(rateUplift({ contractRate: 21, uplift: 1, carerHours: 7, accepted: [22, 20, 24, 30] })).toEqual({
      rate: 22,
      localRate: 25.5,
      accepted: 4,
      more: 3.5,
      weekly: 24.5,
      setTo: 4.5,
    });
  });

  it('names none when nothing was accepted or the rate already reaches the local rate', () => {
    expect(rateUplift({ contractRate: 21, uplift: 0, carerHours: 7, accepted: [] })).toBeNull();
    expect(rateUplift({ contractRate: 21, uplift: 0, carerHours: 7, accepted: [19, 20, 21] })).toBeNull();
  });
});
