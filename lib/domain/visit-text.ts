import type { Weekday } from '@prisma/client';

// Visits in plain English: "Every day, 08:00, 30 minutes, one carer", not "MON TUE WED … at 08:00".

const ORDER: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const NAME: Record<Weekday, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

type TVisitLike = { days: readonly string[]; start: string; minutes: number; carers: number };

/** "Every day", "Weekdays", "Weekends", "Mon to Thu", or "Mon, Wed and Fri". */
export function daysText(days: readonly string[]): string {
  const set = new Set(days);
  const sorted = ORDER.filter((d) => set.has(d));
  if (sorted.length === 7) return 'Every day';
  if (sorted.length === 5 && sorted.every((d) => d !== 'SAT' && d !== 'SUN')) return 'Weekdays';
  if (sorted.length === 2 && set.has('SAT') && set.has('SUN')) return 'Weekends';
  const names = sorted.map((d) => NAME[d]);
  const run = sorted.length >= 3 && ORDER.indexOf(sorted[sorted.length - 1]) - ORDER.indexOf(sorted[0]) === sorted.length - 1;
  if (run) return `${names[0]} to ${names[names.length - 1]}`;
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "45 minutes", "1 hour", "1 hour 30 minutes". */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? '' : `${h} hour${h === 1 ? '' : 's'}`;
  const mins = m === 0 ? '' : `${m} minute${m === 1 ? '' : 's'}`;
  return [hours, mins].filter(Boolean).join(' ') || '0 minutes';
}

/** "Every day, 08:00, 30 minutes, one carer". */
export function visitText(v: TVisitLike): string {
  return `${daysText(v.days)}, ${v.start}, ${minutesText(v.minutes)}, ${v.carers === 2 ? 'two carers' : 'one carer'}`;
}

/** What a change does to the visits, in words: the visits it adds and those it takes away. */
export function visitChanges(before: readonly TVisitLike[], after: readonly TVisitLike[]): { added: string[]; removed: string[] } {
  const was = before.map(visitText);
  const now = after.map(visitText);
  const less = (a: string[], b: string[]) => {
    const left = [...b];
    return a.filter((t) => {
      const i = left.indexOf(t);
      if (i === -1) return true;
      left.splice(i, 1);
      return false;
    });
  };
  return { added: less(now, was), removed: less(was, now) };
}
