import type { Weekday } from '@prisma/client';
import { isBankHoliday } from '@/lib/time/bank-holidays';
import { londonDate, londonDateAndTime, londonWallTime } from '@/lib/time/london';

// Provider offices' hours, set per council: a long-term offer's time to answer runs only on the
// days offices open, so an offer made late on a Friday does not lapse over the weekend.

export type TOfficeHours = { opens: string; closes: string; days: readonly Weekday[] };

export const DEFAULT_OFFICE_HOURS: TOfficeHours = { opens: '09:00', closes: '17:00', days: ['MON', 'TUE', 'WED', 'THU', 'FRI'] };

const WEEKDAY_OF_UTC_DAY: readonly Weekday[] = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Whether provider offices open on a calendar day: one of the council's office days, and not an England and Wales bank holiday. */
export function isOfficeDay(day: string, office: TOfficeHours): boolean {
  return office.days.includes(WEEKDAY_OF_UTC_DAY[new Date(`${day}T00:00:00Z`).getUTCDay()]) && !isBankHoliday(day);
}

/** Whether offices are open at an instant. */
function isOpenAt(at: Date, office: TOfficeHours): boolean {
  const { date, time } = londonDateAndTime(at);
  return isOfficeDay(date, office) && time >= office.opens && time < office.closes;
}

/**
 * When a long-term offer made at `now` with `minutes` to answer falls due: the minutes run on office
 * days only (weekends, closed weekdays and bank holidays do not count), and a deadline that would
 * fall while offices are shut moves on to the close of the next office day, so a provider always
 * has office time to answer. Friday 16:00 with 24 hours falls due on Monday at 16:00 (Tuesday after
 * a bank holiday Monday).
 */
export function officeDeadline(now: Date, minutes: number, office: TOfficeHours): Date {
  if (office.days.length === 0) return new Date(now.getTime() + minutes * 60_000);
  let remaining = minutes * 60_000;
  let cursor = now.getTime();
  let deadline = cursor;
  for (let guard = 0; guard < 3_700; guard++) {
    const day = londonDate(new Date(cursor));
    const midnight = londonWallTime(nextDay(day), '00:00').getTime();
    if (isOfficeDay(day, office)) {
      if (remaining <= midnight - cursor) {
        deadline = cursor + remaining;
        break;
      }
      remaining -= midnight - cursor;
    }
    cursor = midnight;
  }
  const due = new Date(deadline);
  return isOpenAt(due, office) ? due : nextOfficeClose(due, office);
}

/** The first office closing time after `at`. */
function nextOfficeClose(at: Date, office: TOfficeHours): Date {
  let day = londonDate(at);
  for (let guard = 0; guard < 3_700; guard++, day = nextDay(day)) {
    if (!isOfficeDay(day, office)) continue;
    const close = londonWallTime(day, office.closes);
    if (close > at) return close;
  }
  return at;
}
