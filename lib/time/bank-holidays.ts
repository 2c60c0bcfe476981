import Holidays from 'date-holidays';

// Bank holidays in England and Wales (they share one list), from the date-holidays package's kept
// data rather than a list typed by hand; substitute days (Boxing Day on a Monday) are included.

const ENGLAND_AND_WALES = new Holidays('GB', 'ENG');
const byYear = new Map<number, ReadonlySet<string>>();

function holidaysIn(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set((ENGLAND_AND_WALES.getHolidays(year) || []).filter((h) => h.type === 'public' || h.type === 'bank').map((h) => h.date.slice(0, 10)));
    byYear.set(year, days);
  }
  return days;
}

/** Whether a calendar day ('YYYY-MM-DD') is a bank holiday in England and Wales. */
export function isBankHoliday(day: string): boolean {
  return holidaysIn(Number(day.slice(0, 4))).has(day);
}
