// A London wall-clock time (as typed into a form) to the instant it names, whatever the
// browser's or server's own time zone. Pure, for forms and tests alike.

const HOUR = 3_600_000;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** How far London's clocks are ahead of UTC at `ms` (0 in winter, one hour in summer). */
function londonOffsetMs(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
}

/**
 * "2026-07-03" + "16:00" in London → 15:00 UTC. In the hour the clocks go forward (a time that
 * does not exist) the answer is an hour later on the wall clock; in the hour they go back (a time
 * that happens twice) it is the first.
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
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}
