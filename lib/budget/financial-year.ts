// Councils budget by financial year, 1 April to 31 March. A year is named by the calendar year it
// starts in (2026 is April 2026 to March 2027) and shown as "2026/27".

const DAY_MS = 86_400_000;
const utcDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`);

/** The financial year a London day 'YYYY-MM-DD' falls in. */
export function financialYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5) >= '04-01' ? year : year - 1;
}

export function financialYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

/** First and last day of a financial year (inclusive). */
export function financialYearDays(year: number): { first: string; last: string; days: number } {
  const first = `${year}-04-01`;
  const last = `${year + 1}-03-31`;
  return { first, last, days: (utcDay(last) - utcDay(first)) / DAY_MS + 1 };
}

/**
 * The days of the period from `from` to `to` (London days, inclusive) in each financial year it
 * touches, with that year's length: a year's budget counts for days / yearDays of the period.
 */
export function periodByFinancialYear(from: string, to: string): { year: number; days: number; yearDays: number }[] {
  const out: { year: number; days: number; yearDays: number }[] = [];
  for (let year = financialYearOf(from); year <= financialYearOf(to); year++) {
    const fy = financialYearDays(year);
    const first = from > fy.first ? from : fy.first;
    const last = to < fy.last ? to : fy.last;
    out.push({ year, days: (utcDay(last) - utcDay(first)) / DAY_MS + 1, yearDays: fy.days });
  }
  return out;
}
