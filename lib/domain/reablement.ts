import { LONDON, londonDate } from '@/lib/time/london';

/** Reablement runs up to six weeks, free to the person (docs/domain.md), counted in London from the day of award. */
export const REABLEMENT_DAYS = 42;

const DAY_MS = 86_400_000;

/** The last day of reablement awarded at `placedAt`, as YYYY-MM-DD. */
export function reablementEndsOn(placedAt: Date): string {
  const first = new Date(`${londonDate(placedAt)}T00:00:00Z`);
  return new Date(first.getTime() + (REABLEMENT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
}

/** A placed reablement package's last day: the one recorded at award, or (older rows) six weeks from the London day it was placed. */
export function reablementLastDay(pkg: { reablementEndsOn: Date | null; placedAt: Date }): string {
  return pkg.reablementEndsOn ? pkg.reablementEndsOn.toISOString().slice(0, 10) : reablementEndsOn(pkg.placedAt);
}

/** SQL: reablementLastDay of the "Package" row aliased `p`, as a date. */
export function reablementLastDaySql(p = 'p'): string {
  return `coalesce(${p}."reablementEndsOn", ((${p}."placedAt" AT TIME ZONE 'UTC') AT TIME ZONE '${LONDON}')::date + ${REABLEMENT_DAYS - 1})`;
}
