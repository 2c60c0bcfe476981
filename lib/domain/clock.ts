// The BEST duty board's clocks, as pure functions of their inputs (no clock of their own), so the
// server, the browser and the tests agree to the millisecond.
//
// Targets (the Home Support review, section 5.2.5): new short-term demand must be met within 4 hours,
// or 2 hours when the person is being discharged from hospital. The clock runs from the moment
// the person was ready for care (Package.readyAt).

import { londonWeekdayAndHour } from '@/lib/time/london';

export type TClockPathway = 'LONG_TERM' | 'REABLEMENT' | 'HOSPITAL_DISCHARGE';

export const DISCHARGE_TARGET_MINUTES = 120;
export const SHORT_TERM_TARGET_MINUTES = 240;
/** A clock is at risk in the last quarter of its target. */
export const AT_RISK_SHARE = 0.25;

export type TClockState = 'ON_TIME' | 'AT_RISK' | 'BREACHED';

export const CLOCK_STATES: readonly TClockState[] = ['BREACHED', 'AT_RISK', 'ON_TIME'];

const MINUTE = 60_000;

/**
 * 2 hours for a discharge from a hospital, 4 hours for any other new short-term demand. A
 * discharge with no hospital recorded is treated as other demand: there is no hospital the
 * 2-hour discharge arrangement could apply to.
 */
export function targetMinutes(pkg: { pathway: TClockPathway; hasHospital: boolean }): number {
  return pkg.pathway === 'HOSPITAL_DISCHARGE' && pkg.hasHospital ? DISCHARGE_TARGET_MINUTES : SHORT_TERM_TARGET_MINUTES;
}

/** SQL: targetMinutes of the "Package" row aliased `p`. */
export function targetMinutesSql(p = 'p'): string {
  return `(CASE WHEN ${p}."pathway" = 'HOSPITAL_DISCHARGE' AND ${p}."hospitalId" IS NOT NULL THEN ${DISCHARGE_TARGET_MINUTES} ELSE ${SHORT_TERM_TARGET_MINUTES} END)`;
}

/** What the clock counts from: when the person was ready; failing that, when it was posted, or recorded. */
export type TClockStartSource = 'READY' | 'POSTED' | 'RECORDED';

export function clockStart(pkg: { readyAt: Date | null; postedAt: Date | null; createdAt: Date }): { at: Date; source: TClockStartSource } {
  if (pkg.readyAt) return { at: pkg.readyAt, source: 'READY' };
  if (pkg.postedAt) return { at: pkg.postedAt, source: 'POSTED' };
  return { at: pkg.createdAt, source: 'RECORDED' };
}

/** SQL: clockStart's instant for the "Package" row aliased `p`. */
export function clockStartSql(p = 'p'): string {
  return `coalesce(${p}."readyAt", ${p}."postedAt", ${p}."createdAt")`;
}

/** SQL: when the clock of the "Package" row aliased `p` passes its target (dutyClock's dueAt). */
export function clockDueSql(p = 'p'): string {
  return `(${clockStartSql(p)} + ${targetMinutesSql(p)} * interval '1 minute')`;
}

/** SQL: when the clock of the "Package" row aliased `p` turns at risk (dutyClock's atRiskAt). */
export function clockAtRiskSql(p = 'p'): string {
  return `(${clockStartSql(p)} + ${targetMinutesSql(p)} * interval '${(1 - AT_RISK_SHARE) * 60} seconds')`;
}

export type TClock = {
  state: TClockState;
  targetMinutes: number;
  startedAt: Date;
  /** When the target is missed. */
  dueAt: Date;
  /** When the clock turns "at risk". */
  atRiskAt: Date;
  elapsedMs: number;
  /** Time left to the target: negative once it has passed. */
  remainingMs: number;
  /** Share of the target used, 0 to 1 (capped), for a progress bar. */
  used: number;
};

/**
 * The clock at `now`. On time until the last quarter of the target, at risk in it (the target
 * met at its very last moment still counts as met), breached as soon as it has passed. A person
 * who will be ready later (readyAt in the future) is on time, with more than the target left.
 */
export function dutyClock(startedAt: Date, target: number, now: Date): TClock {
  const targetMs = target * MINUTE;
  const elapsedMs = now.getTime() - startedAt.getTime();
  const atRiskMs = targetMs * (1 - AT_RISK_SHARE);
  const state: TClockState = elapsedMs > targetMs ? 'BREACHED' : elapsedMs >= atRiskMs ? 'AT_RISK' : 'ON_TIME';
  return {
    state,
    targetMinutes: target,
    startedAt,
    dueAt: new Date(startedAt.getTime() + targetMs),
    atRiskAt: new Date(startedAt.getTime() + atRiskMs),
    elapsedMs,
    remainingMs: targetMs - elapsedMs,
    used: Math.min(1, Math.max(0, elapsedMs / targetMs)),
  };
}

/**
 * Whether the round now open closes only after the clock's target: no answer is forced and no
 * next round opens before the clock breaches, so the duty team has to chase by phone or push.
 */
export function roundOutlastsClock(roundDeadline: Date | null, dueAt: Date): boolean {
  return roundDeadline !== null && roundDeadline.getTime() > dueAt.getTime();
}

/** "1 h 5 min", "45 min", "2 days 3 h": short enough for a phone screen. */
export function formatClockDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours > 0) parts.push(`${hours} h`);
  if (mins > 0 && days === 0) parts.push(`${mins} min`);
  return parts.length ? parts.join(' ') : '0 min';
}

/**
 * "31 min left", "Due now", "12 min overdue". Time left is rounded up and time overdue down (but
 * at least a minute once breached), so the words never say "0 min left" while time remains or
 * "0 min overdue" once the target has passed.
 */
export function clockText(clock: Pick<TClock, 'remainingMs'>): string {
  if (clock.remainingMs === 0) return 'Due now';
  if (clock.remainingMs > 0) return `${formatClockDuration(Math.ceil(clock.remainingMs / MINUTE))} left`;
  return `${formatClockDuration(Math.max(1, Math.floor(-clock.remainingMs / MINUTE)))} overdue`;
}

// Late-Friday discharges (review section 5.2: "when hospitals discharge late in the day
// (especially Fri pm to Monday) it is often difficult to put support in place"). A person ready
// from 15:00 on a Friday, London time, or at any time on Saturday or Sunday, stands out: from
// 15:00 even a 2-hour discharge target runs past 17:00, when provider offices close for the
// weekend and rotas set a week ahead cannot take new work. Bank holidays are not known here.
export const LATE_FRIDAY_FROM_HOUR = 15;

export function isLateFriday(instant: Date): boolean {
  const { weekday, hour } = londonWeekdayAndHour(instant);
  return weekday === 'Sat' || weekday === 'Sun' || (weekday === 'Fri' && hour >= LATE_FRIDAY_FROM_HOUR);
}
