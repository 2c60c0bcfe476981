import { describe, expect, it } from 'vitest';
import { formatDuration, formatLondon, londonDate } from '@/lib/time/london';

describe('Europe/London time', () => {
  it('counts days in London, across the clocks changing', () => {
    // 23:30 UTC in summer is already the next day in London (BST, UTC+1); in winter it is not.
    expect(londonDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(londonDate(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
  });

  it('shows wall-clock times in London', () => {
    expect(formatLondon(new Date('2026-07-01T08:00:00Z'))).toBe('1 Jul 2026, 09:00');
    expect(formatLondon(new Date('2026-12-01T08:00:00Z'))).toBe('1 Dec 2026, 08:00');
  });

  it('says how long something has waited in plain words', () => {
    expect(formatDuration(45 * 60_000)).toBe('45 minutes');
    expect(formatDuration(61 * 60_000)).toBe('1 hour 1 minute');
    expect(formatDuration((2 * 24 + 3) * 3_600_000)).toBe('2 days 3 hours');
    expect(formatDuration(-5)).toBe('0 minutes');
  });
});
