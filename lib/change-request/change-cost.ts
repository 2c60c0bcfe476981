import { carerHours, type TCareVisit } from '@/lib/domain/carer-hours';
import { weeklyCost } from '@/lib/placement/demand';
import type { TLineHours } from './change-request-schema';

// What a change to a placed package costs a week: each service line's change in hours at that
// line's rate. Pure, so the request, the decision and the tests count it the same way.

export type TCurrentLine = { type: TLineHours['type']; hoursPerWeek: number; hourlyRate: number | null };

/** Weekly cost of lines, in pounds to the penny (a line without a rate is at `fallbackRate`). */
function linesCost(lines: readonly { hoursPerWeek: number; hourlyRate: number | null }[], fallbackRate: number): number {
  return lines.reduce((sum, l) => sum + weeklyCost(Math.round(l.hoursPerWeek * 60), l.hourlyRate ?? fallbackRate), 0);
}

/** The lines as they would be after the change: listed types take their new hours, 0 ends one. */
export function linesAfter(current: readonly TCurrentLine[], change: readonly TLineHours[], fallbackRate: number): TCurrentLine[] {
  const after = current.map((l) => ({ ...l }));
  for (const c of change) {
    const existing = after.find((l) => l.type === c.type);
    if (existing) existing.hoursPerWeek = c.hoursPerWeek;
    else if (c.hoursPerWeek > 0) after.push({ type: c.type, hoursPerWeek: c.hoursPerWeek, hourlyRate: current[0]?.hourlyRate ?? fallbackRate });
  }
  return after.filter((l) => l.hoursPerWeek > 0);
}

/** The change in weekly cost, in pounds (negative for a decrease). */
export function weeklyCostChange(current: readonly TCurrentLine[], change: readonly TLineHours[], fallbackRate: number): number {
  const delta = linesCost(linesAfter(current, change, fallbackRate), fallbackRate) - linesCost(current, fallbackRate);
  return Math.round(delta * 100) / 100;
}

/**
 * The line hours a change of visits implies when the provider gave none: the difference in the
 * visits' carer-hours goes to the package's one line. With several lines the provider has to say
 * which changes, so none is guessed.
 */
export function impliedLines(current: readonly TCurrentLine[], before: readonly TCareVisit[], after: readonly TCareVisit[]): TLineHours[] {
  if (current.length !== 1) return [];
  const delta = carerHours(after) - carerHours(before);
  if (delta === 0) return [];
  return [{ type: current[0].type, hoursPerWeek: Math.max(0, Math.round((current[0].hoursPerWeek + delta) * 100) / 100) }];
}
