// Times are shown and days are counted in Europe/London, whatever the server's or browser's own
// zone. Every date or time the app shows goes through here. Pure, so client components, the
// server and tests share it.

export const LONDON = 'Europe/London';

const HOUR = 3_600_000;

// Made once: building a formatter costs far more than using one, and every acceptance asks for a date.
const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit' });
const DAY_MONTH_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const WEEKDAY_MONTH_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
// A calendar day is kept as midnight UTC (a Postgres `date`, or "YYYY-MM-DD"), so it is read in UTC to stay that day.
const DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const WEEKDAY_SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });

function londonParts(instant: Date): Record<string, string> {
  return Object.fromEntries(PARTS.formatToParts(instant).map((x) => [x.type, x.value]));
}

const asDay = (day: Date | string) => (typeof day === 'string' ? new Date(`${day}T00:00:00Z`) : day);

/** The calendar date in London at `instant`, as YYYY-MM-DD. */
export function londonDate(instant: Date): string {
  return DATE.format(instant);
}

/** "23 Nov 2026, 09:00" in London time. */
export function formatLondon(instant: Date): string {
  return DATE_TIME.format(instant);
}

/** "09:00" in London time. */
export function formatLondonTime(instant: Date): string {
  return TIME.format(instant);
}

/** "23 Nov, 09:00" in London time: for recent things, where the year goes without saying. */
export function formatLondonDayAndTime(instant: Date): string {
  return DAY_MONTH_TIME.format(instant);
}

/** "10:20" today, "Fri 27 Nov, 16:05" on another day: London time, short enough for a phone. */
export function shortLondon(instant: Date, now: Date): string {
  return londonDate(instant) === londonDate(now) ? TIME.format(instant) : WEEKDAY_MONTH_TIME.format(instant);
}

/** "3 Jul 2026": the London day of an instant. */
export function formatLondonDate(instant: Date): string {
  return formatDay(londonDate(instant));
}

/** "3 Jul 2026" for a calendar day (YYYY-MM-DD, or a date kept as midnight UTC). */
export function formatDay(day: Date | string): string {
  return DAY.format(asDay(day));
}

/** "Sun, 3 Jan 2027" for a calendar day (YYYY-MM-DD, or a date kept as midnight UTC). */
export function formatWeekday(day: Date | string): string {
  return WEEKDAY.format(asDay(day));
}

/** "Sat 5 Dec" for a calendar day (YYYY-MM-DD, or a date kept as midnight UTC): in a sentence, where the year goes without saying. */
export function formatShortWeekday(day: Date | string): string {
  return WEEKDAY_SHORT.format(asDay(day));
}

/** The London weekday ("Mon" … "Sun") and hour (0–23) at `instant`. */
export function londonWeekdayAndHour(instant: Date): { weekday: string; hour: number } {
  const p = londonParts(instant);
  return { weekday: p.weekday, hour: Number(p.hour) };
}

/** How far London's clocks are ahead of UTC at `ms` (0 in winter, one hour in summer). */
function londonOffsetMs(ms: number): number {
  const p = londonParts(new Date(ms));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
}

/**
 * A London wall-clock time, as typed into a form, to the instant it names: "2026-07-03" + "16:00"
 * → 15:00 UTC. In the hour the clocks go forward (a time that does not exist) the answer is an
 * hour later on the wall clock; in the hour they go back (a time that happens twice) it is the first.
 */
export function londonWallTime(date: string, time: string): Date {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  // London is UTC or one hour ahead, so the instant is one of these two, the earlier if both.
  const named = [asUtc - HOUR, asUtc].filter((c) => {
    const w = londonDateAndTime(new Date(c));
    return w.date === date && w.time === time;
  });
  if (named.length > 0) return new Date(named[0]);
  // In the spring gap: the clocks have gone forward, so the same moment reads an hour later.
  return new Date(asUtc - londonOffsetMs(asUtc - HOUR));
}

/** The London date and time of an instant, for a form's date and time fields. */
export function londonDateAndTime(instant: Date): { date: string; time: string } {
  const p = londonParts(instant);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
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
