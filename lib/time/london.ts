// Times are shown and days are counted in Europe/London, whatever the server's own zone.

export const LONDON = 'Europe/London';

// Made once: building a formatter costs far more than using one, and every acceptance asks for a date.
const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The calendar date in London at `instant`, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  return DATE.format(instant);
}

/** "23 Nov 2026, 09:00" in London time. */
export function formatLondon(instant: Date): string {
  return DATE_TIME.format(instant);
}

/** "3 days 4 hours", "45 minutes": how long something has waited. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days > 0) return hours ? `${part(days, 'day')} ${part(hours, 'hour')}` : part(days, 'day');
  if (hours > 0) return mins ? `${part(hours, 'hour')} ${part(mins, 'minute')}` : part(hours, 'hour');
  return part(mins, 'minute');
}
