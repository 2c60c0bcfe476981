import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatDuration,
  formatLondon,
  formatLondonDate,
  formatLondonDayAndTime,
  formatLondonTime,
  formatShortWeekday,
  formatWeekday,
  londonDate,
  londonDateAndTime,
  londonWallTime,
  londonWeekdayAndHour,
  shortLondon,
} from '@/lib/time/london';

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

  it('shows a time alone, or with its day, in London', () => {
    expect(formatLondonTime(new Date('2026-07-01T08:05:00Z'))).toBe('09:05');
    expect(formatLondonDayAndTime(new Date('2026-07-01T23:30:00Z'))).toBe('2 Jul, 00:30');
    expect(formatLondonDate(new Date('2026-07-01T23:30:00Z'))).toBe('2 Jul 2026');
  });

  it('shows only the time for today and the weekday and day otherwise', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(shortLondon(new Date('2026-11-27T10:20:00Z'), now)).toBe('10:20');
    expect(shortLondon(new Date('2026-11-26T16:05:00Z'), now)).toBe('Thu 26 Nov, 16:05');
  });

  it('shows a calendar day as that day, whatever the zone', () => {
    expect(formatDay('2027-01-03')).toBe('3 Jan 2027');
    expect(formatDay(new Date('2027-01-03T00:00:00Z'))).toBe('3 Jan 2027');
    expect(formatWeekday('2027-01-03')).toBe('Sun, 3 Jan 2027');
  });

  it('shows a day in a sentence as "Sat 5 Dec"', () => {
    expect(formatShortWeekday('2026-12-05')).toBe('Sat 5 Dec');
    expect(formatShortWeekday(new Date('2027-01-03T00:00:00Z'))).toBe('Sun 3 Jan');
  });

  it('reads the London weekday and hour', () => {
    // 23:30 UTC on a Thursday in summer is 00:30 on Friday in London.
    expect(londonWeekdayAndHour(new Date('2026-07-02T23:30:00Z'))).toEqual({ weekday: 'Fri', hour: 0 });
    expect(londonWeekdayAndHour(new Date('2026-12-04T15:00:00Z'))).toEqual({ weekday: 'Fri', hour: 15 });
  });

  it('turns a London wall-clock time into its instant and back', () => {
    expect(londonWallTime('2026-07-03', '16:00').toISOString()).toBe('2026-07-03T15:00:00.000Z');
    expect(londonWallTime('2026-12-03', '16:00').toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(londonDateAndTime(new Date('2026-07-03T23:15:00Z'))).toEqual({ date: '2026-07-04', time: '00:15' });
  });
});
