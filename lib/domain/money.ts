import type { ContractType, Funding, ServiceType } from '@prisma/client';

// Money rules (docs/money.md), each in one place: amounts are whole pence or Decimal strings, never
// floats. A payment row's amount is its carer-hours times its hourly rate, rounded half up to the
// penny once; a funder's share of it is rounded down to the penny and the first funder (in the
// order of FUNDERS) takes what is left, so the shares always add up to the row.

/** HH:MM on the 24-hour clock, 00:00 to 23:59. */
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "07:30" → 450, or null when it is not a time on the 24-hour clock. */
export function minuteOfDay(text: string): number | null {
  const m = HHMM.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** "7:30", "07:30", "07:30:00" → "07:30"; anything else null. */
export function normaliseTime(text: string): string | null {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const hhmm = `${m[1].padStart(2, '0')}:${m[2]}`;
  return minuteOfDay(hhmm) === null ? null : hhmm;
}

/** "2026-12-07" or "07/12/2026" (UK order) → "2026-12-07"; anything else null. */
export function normaliseDay(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2].padStart(2, '0'), uk[1].padStart(2, '0')] : [];
  if (!y) return null;
  const day = `${y}-${mo}-${d}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day ? null : day;
}

/** Whether a YYYY-MM-DD day is a Monday. */
export function isMonday(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).getUTCDay() === 1;
}

/** Pounds as text ("21.50", "21.5", "21") → whole pence; null when it is not pounds and pence. */
export function toPence(pounds: string | number): number | null {
  const t = String(pounds).trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const pence = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -pence : pence;
}

/**
 * Pence for `carerMinutes` minutes at `ratePence` an hour, rounded half up: exact in integers
 * (minutes × pence fits easily in a double's 2^53).
 */
export function amountForMinutes(carerMinutes: number, ratePence: number): number {
  const numerator = carerMinutes * ratePence;
  const sign = numerator < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(numerator) + 30) / 60);
}

/**
 * Pence for commissioned care: `hoursPerWeek` (pounds-style decimal text, e.g. "10.50") for `days`
 * days at `ratePence` an hour is hoursPerWeek × days / 7 × rate, rounded half up once. Hours are
 * taken in hundredths so the whole sum is in integers.
 */
export function amountForCommissionedDays(hoursPerWeek: string | number, days: number, ratePence: number): number {
  const hundredths = toPence(hoursPerWeek);
  if (hundredths === null) throw new Error(`Not a number of hours: ${hoursPerWeek}`);
  const numerator = hundredths * days * ratePence; // hundredths of an hour × pence
  const denominator = 7 * 100;
  return Math.floor((numerator * 2 + denominator) / (denominator * 2));
}

/** The funders in the order a share's remainder goes to (the first takes it). */
export const FUNDERS = ['COUNCIL', 'ICB'] as const satisfies readonly Funding[];

export type TFundingShare = { funder: Funding; percent: number };

/** Splits whole pence between funders by percent: each rounded down, the first (FUNDERS order) takes the rest. */
export function splitPence(pence: number, shares: readonly TFundingShare[]): { funder: Funding; pence: number }[] {
  const ordered = [...shares].sort((a, b) => FUNDERS.indexOf(a.funder as (typeof FUNDERS)[number]) - FUNDERS.indexOf(b.funder as (typeof FUNDERS)[number]));
  const parts = ordered.map((s) => ({ funder: s.funder, pence: Math.trunc((pence * s.percent) / 100) }));
  const rest = pence - parts.reduce((sum, p) => sum + p.pence, 0);
  if (parts.length) parts[0].pence += rest;
  return parts;
}

/** The general ledger's cost code for care of a service type under a contract type. */
export function costCode(contractType: ContractType | null, serviceType: ServiceType): string {
  const service: Record<ServiceType, string> = {
    PERSONAL_CARE: 'PC',
    DOMESTIC: 'DM',
    SHOPPING: 'SH',
    SOCIAL_INCLUSION: 'SI',
    SITTING: 'ST',
    NIGHT: 'NT',
    REABLEMENT: 'RB',
  };
  return `HC-${contractType ?? 'NONE'}-${service[serviceType]}`;
}

/** A payment run's period end (exclusive) from its first day: four weeks on, or the same day next month. */
export function periodEnd(start: string, cycle: 'FOUR_WEEKLY' | 'MONTHLY'): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (cycle === 'FOUR_WEEKLY') d.setUTCDate(d.getUTCDate() + 28);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}
