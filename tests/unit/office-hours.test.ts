import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, isOfficeDay, officeDeadline } from '@/lib/domain/office-hours';
import { isBankHoliday } from '@/lib/time/bank-holidays';
import { londonWallTime } from '@/lib/time/london';

const DAY = 24 * 60;
const at = (date: string, time: string) => londonWallTime(date, time);

describe('long-term offer deadlines in provider office hours', () => {
  it('lets an offer made on a Friday at 16:00 fall due on Monday, not over the weekend', () => {
    // 4 Dec 2026 is a Friday.
    expect(officeDeadline(at('2026-12-04', '16:00'), DAY, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-12-07', '16:00'));
  });

  it('skips a bank holiday Monday', () => {
    // 22 May 2026 is the Friday before the spring bank holiday (Monday 25 May).
    expect(isBankHoliday('2026-05-25')).toBe(true);
    expect(officeDeadline(at('2026-05-22', '16:00'), DAY, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-05-26', '16:00'));
    // Christmas 2026: Friday 25 Dec, Boxing Day on Saturday with Monday 28 Dec as its substitute.
    expect(officeDeadline(at('2026-12-24', '10:00'), DAY, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-12-29', '10:00'));
  });

  it('moves a deadline that falls while offices are shut to the close of the next office day', () => {
    // Thursday 20:00 + 24 h is Friday 20:00, after closing: Monday's close instead.
    expect(officeDeadline(at('2026-12-03', '20:00'), DAY, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-12-07', '17:00'));
    // Made on a Saturday: the weekend does not count, and Tuesday 00:00 moves to Tuesday's close.
    expect(officeDeadline(at('2026-12-05', '10:00'), DAY, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-12-08', '17:00'));
    // Before opening on an office day: that day's close.
    expect(officeDeadline(at('2026-12-07', '06:00'), 60, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-12-07', '17:00'));
  });

  it('keeps a deadline within office hours as it is, and follows London clocks across a change', () => {
    expect(officeDeadline(at('2026-11-23', '09:00'), DAY, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-11-24', '09:00'));
    // Clocks go back on Sunday 25 Oct 2026; Friday 23 Oct 12:00 + 24 h of office days is Monday 12:00 London time.
    expect(officeDeadline(at('2026-10-23', '12:00'), DAY, DEFAULT_OFFICE_HOURS)).toEqual(at('2026-10-26', '12:00'));
  });

  it('counts every day a council names as an office day, and the wall clock when it names none', () => {
    const sevenDays = { ...DEFAULT_OFFICE_HOURS, days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const };
    expect(officeDeadline(at('2026-12-04', '16:00'), DAY, sevenDays)).toEqual(at('2026-12-05', '16:00'));
    expect(isOfficeDay('2026-12-05', sevenDays)).toBe(true);
    expect(isOfficeDay('2026-12-25', sevenDays)).toBe(false);
    const none = { ...DEFAULT_OFFICE_HOURS, days: [] };
    expect(officeDeadline(at('2026-12-04', '16:00'), DAY, none)).toEqual(at('2026-12-05', '16:00'));
  });
});
