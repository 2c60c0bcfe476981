import type { Prisma } from '@prisma/client';
import { londonDate } from '@/lib/time/london';

// Visits are versioned as service lines are: a change never overwrites or deletes a posted
// package's visit, it ends it on the day the change takes effect (endDate, exclusive) and adds the
// new version from that day (startDate, supersedesId). A visit with no startDate has been the
// package's from its beginning. The rule for "in force" lives here, in three forms that a test
// checks against one another on the same rows: a predicate, a Prisma filter and SQL (the
// database's own visit_in_force function, which the firstVisitStart trigger also uses).

type TVersionDates = { startDate: Date | null; endDate: Date | null };

/** The London day of `now` as a date-only value (UTC midnight), as @db.Date columns hold it. */
export function londonDay(now: Date): Date {
  return new Date(`${londonDate(now)}T00:00:00Z`);
}

/** Whether a visit version is in force on the London day of `now`. */
export function isVisitInForce(v: TVersionDates, now: Date): boolean {
  const day = londonDay(now).getTime();
  return (v.startDate === null || v.startDate.getTime() <= day) && (v.endDate === null || day < v.endDate.getTime());
}

/** Prisma: the visit versions in force on the London day of `now`. */
export function visitsInForceWhere(now: Date): Prisma.VisitWhereInput {
  const day = londonDay(now);
  return { AND: [{ OR: [{ startDate: null }, { startDate: { lte: day } }] }, { OR: [{ endDate: null }, { endDate: { gt: day } }] }] };
}

/** SQL: whether the "Visit" row aliased `v` is in force on the date-valued SQL expression `day`. */
export function visitInForceSql(v: string, day: string): string {
  return `"visit_in_force"(${v}."startDate", ${v}."endDate", ${day})`;
}

/** SQL: the London day of `now` as a date literal, for visitInForceSql. */
export function londonDaySql(now: Date): string {
  return `'${londonDate(now)}'::date`;
}

/** A version never in force on any day: made and replaced on the same day (a same-day correction). */
export function neverInForce(v: TVersionDates): boolean {
  return v.startDate !== null && v.endDate !== null && v.endDate.getTime() <= v.startDate.getTime();
}

export type TVisitShape = { days: readonly string[]; start: string; minutes: number; carers: number };

const minuteOf = (start: string) => Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5));
const sameDays = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((d) => b.includes(d));
const sameVisit = (a: TVisitShape, b: TVisitShape) => a.start === b.start && a.minutes === b.minutes && a.carers === b.carers && sameDays(a.days, b.days);

export type TVisitChangePlan<V> = {
  /** Current visits left as they are. */
  kept: string[];
  /** Current visits that end on the effective day. */
  ended: string[];
  /** New versions from the effective day, each with the visit it continues (null: a visit added). */
  added: { visit: V; supersedesId: string | null }[];
};

/**
 * How a new list of visits replaces the visits in force: a visit asked for again exactly stays;
 * any other new visit continues the current visit that shares a day with it and starts nearest
 * (the same call moved, lengthened or given one carer instead of two), or is a visit added;
 * current visits continued by nothing end.
 */
export function planVisitChange<V extends TVisitShape>(current: readonly (TVisitShape & { id: string })[], next: readonly V[]): TVisitChangePlan<V> {
  const taken = new Set<string>();
  const kept: string[] = [];
  const rest: V[] = [];
  for (const v of next) {
    const same = current.find((c) => !taken.has(c.id) && sameVisit(c, v));
    if (same) {
      taken.add(same.id);
      kept.push(same.id);
    } else rest.push(v);
  }
  const added: TVisitChangePlan<V>['added'] = [];
  for (const v of [...rest].sort((a, b) => minuteOf(a.start) - minuteOf(b.start))) {
    let best: (TVisitShape & { id: string }) | null = null;
    for (const c of current) {
      if (taken.has(c.id) || !c.days.some((d) => v.days.includes(d))) continue;
      if (best === null || Math.abs(minuteOf(c.start) - minuteOf(v.start)) < Math.abs(minuteOf(best.start) - minuteOf(v.start))) best = c;
    }
    if (best) taken.add(best.id);
    added.push({ visit: v, supersedesId: best?.id ?? null });
  }
  // In the order the visits were asked for.
  added.sort((a, b) => next.indexOf(a.visit) - next.indexOf(b.visit));
  return { kept, ended: current.filter((c) => !kept.includes(c.id)).map((c) => c.id), added };
}
