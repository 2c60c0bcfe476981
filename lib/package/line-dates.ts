// A service line counts on day d when startDate <= d < endDate (schema.prisma): its end is the
// first day no care is delivered, the rule the seed, the market overview and the dashboards all
// use, and a placement ends at that same moment. People speak of the last day of care; these
// convert between the two.

const DAY = 86_400_000;

/** The stored end of a line whose last day of care is `lastDay`. */
export function endAfter(lastDay: Date): Date {
  return new Date(lastDay.getTime() + DAY);
}

/** The last day of care of a line that ends (exclusively) at `end`. */
export function lastDayBefore(end: Date): Date {
  return new Date(end.getTime() - DAY);
}
