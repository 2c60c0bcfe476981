// Carer-hours and time bands: how much care a package asks for, and when in the day.
//
// Care is counted in carer-minutes a week: a visit's minutes × its carers × its days, so a
// double-handed hour counts twice. Hours are carer-minutes / 60, taken once at the end so that
// sums stay exact (minutes are whole numbers; hours would drift in floating point).

/** How hours are counted, in the same words wherever hours are shown (pages and CSV files). */
export const CARER_HOURS_NOTE = 'Hours are carer-hours: an hour with two carers counts as two.';

/** The day's time bands, in the day's order. NIGHT runs past midnight into the morning's start. */
export const BANDS = ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT'] as const;
export type TBand = (typeof BANDS)[number];

/** The hour each band starts, London wall time; a band runs to the next one's start. */
export const BAND_START_HOUR: Record<TBand, number> = { MORNING: 6, MIDDAY: 11, AFTERNOON: 14, EVENING: 17, NIGHT: 22 };

export type TCareVisit = { minutes: number; carers: number; days: readonly unknown[] };

/** Index into BANDS of the band a visit starting at `start` ("HH:MM") falls in. */
export function bandIndexOf(start: string): number {
  const hour = Number(start.slice(0, 2));
  for (let i = 0; i < BANDS.length - 1; i++) if (hour >= BAND_START_HOUR[BANDS[i]] && hour < BAND_START_HOUR[BANDS[i + 1]]) return i;
  return BANDS.length - 1;
}

export function bandOf(start: string): TBand {
  return BANDS[bandIndexOf(start)];
}

/** Carer-minutes a week of one visit. */
export function visitCarerMinutes(v: TCareVisit): number {
  return v.minutes * v.carers * v.days.length;
}

/** Carer-minutes a week of a set of visits. */
export function carerMinutes(visits: readonly TCareVisit[]): number {
  let minutes = 0;
  for (const v of visits) minutes += visitCarerMinutes(v);
  return minutes;
}

/** Carer-hours a week of a set of visits (a double-handed hour counts twice). */
export function carerHours(visits: readonly TCareVisit[]): number {
  return carerMinutes(visits) / 60;
}

/** SQL: one visit's carer-minutes a week, for a "Visit" row aliased `v`. */
export function visitCarerMinutesSql(v = 'v'): string {
  return `(${v}."minutes" * ${v}."carers" * cardinality(${v}."days"))`;
}

/** SQL aggregate: carer-hours a week of the "Visit" rows aliased `v` in a group, 0 when there are none (as carerHours). */
export function carerHoursSql(v = 'v'): string {
  return `(coalesce(sum(${visitCarerMinutesSql(v)}), 0)::float8 / 60)`;
}

/** SQL: the band (as text) of a visit start held as 'HH:MM' text in `start`, as bandOf decides it. */
export function bandOfSql(start: string): string {
  const bands = BANDS.slice(0, -1).map((b, i) => {
    const [from, to] = [BAND_START_HOUR[b], BAND_START_HOUR[BANDS[i + 1]]].map((h) => `'${String(h).padStart(2, '0')}:00'`);
    return `WHEN ${start} >= ${from} AND ${start} < ${to} THEN '${b}'`;
  });
  return `CASE ${bands.join(' ')} ELSE '${BANDS[BANDS.length - 1]}' END`;
}

/** Hours are given to at most two decimal places (7.25, not 7.125; and 5e-324 is not an hour). */
export function atMostTwoDecimals(hours: number): boolean {
  return Number(hours.toFixed(2)) === hours;
}
