// Who pays for a package's care (docs/changes.md#who-pays): the council, the ICB (NHS continuing
// health care), or both in a stated share; Section 117 aftercare, free to the person; reablement,
// free to the person for six weeks; and the person's own contribution a week, entered from their
// financial assessment (never worked out here). Pure, so the package page, the dashboards and
// tests share one rule.

import { z } from 'zod';
import { atMostTwoDecimals } from './carer-hours';

export type TFunding = 'COUNCIL' | 'ICB';

/**
 * A split's ICB share of the package's cost, in percent: more than 0 and less than 100 (the
 * database checks the same), to at most two decimal places. The package page, the new-package
 * form, the API and the council-data import all check a share with this.
 */
export const ZIcbSharePercentSchema = z
  .number({ error: "Enter the ICB's share as a percentage" })
  .gt(0, { error: "The ICB's share must be more than 0%: otherwise the council pays it all" })
  .lt(100, { error: "The ICB's share must be less than 100%: otherwise the ICB pays it all" })
  .refine(atMostTwoDecimals, { error: "Enter the ICB's share to at most two decimal places" });

/**
 * The person's contribution a week, in pounds, as their financial assessment gives it. The package
 * page, the new-package form, the API and the council-data import all check it with this.
 */
export const ZClientContributionSchema = z
  .number({ error: 'Enter the contribution a week in pounds' })
  .min(0, { error: 'The contribution cannot be negative' })
  .max(10_000, { error: 'The contribution must be £10,000 a week or less' })
  .refine(atMostTwoDecimals, { error: 'Enter the contribution in pounds and pence' });

/** The day of the financial assessment a contribution comes from (YYYY-MM-DD). */
export const ZFinancialAssessmentDaySchema = z.iso.date({ error: 'Enter the day of the financial assessment as a date, like 2026-12-01' });

/**
 * What is wrong with a package's charging, by field: Section 117 aftercare is free to the person,
 * so it takes no contribution; a contribution names the financial assessment it comes from.
 */
export function chargingIssues(c: {
  s117Aftercare: boolean;
  clientContributionWeekly?: number | null;
  financialAssessmentOn?: string | null;
}): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const contribution = c.clientContributionWeekly ?? null;
  if (c.s117Aftercare && contribution !== null && contribution > 0)
    issues.push({ path: ['clientContributionWeekly'], message: 'Section 117 aftercare is free to the person: leave the contribution empty' });
  if (contribution !== null && !c.financialAssessmentOn)
    issues.push({ path: ['financialAssessmentOn'], message: 'Enter the day of the financial assessment the contribution comes from' });
  return issues;
}

/** The weeks of reablement that are free to the person. */
export const REABLEMENT_FREE_WEEKS = 6;

const DAY = 86_400_000;

/**
 * The ICB's share of a line's cost, in percent: the line's own share, else the package's stated
 * share (a split), else all of it when the ICB funds the package and none when the council does.
 */
export function icbShareOf(pkg: { funding: TFunding; icbSharePercent: number | null }, lineShare: number | null = null): number {
  return lineShare ?? pkg.icbSharePercent ?? (pkg.funding === 'ICB' ? 100 : 0);
}

/**
 * icbShareOf as a SQL expression, for statements that split money set-based (the payment run):
 * `line` and `pkg` are the aliases of the ServiceLine and Package rows. The database's icb_share
 * (package_funding_spans migration) is the same rule, which its funding spans use too.
 */
export function icbShareSql(line: string, pkg: string): string {
  return `"icb_share"(${line}."icbSharePercent", ${pkg}."icbSharePercent", ${pkg}."funding")`;
}

export type TFundingArrangement = 'COUNCIL' | 'ICB' | 'SPLIT' | 'S117';

/** How a package is funded, as the dashboards group it: Section 117 first, then by the ICB's share. */
export function fundingArrangement(pkg: { funding: TFunding; icbSharePercent: number | null; s117Aftercare: boolean }): TFundingArrangement {
  if (pkg.s117Aftercare) return 'S117';
  const share = icbShareOf(pkg);
  return share >= 100 ? 'ICB' : share <= 0 ? 'COUNCIL' : 'SPLIT';
}

export const FUNDING_ARRANGEMENT_LABEL: Record<TFundingArrangement, string> = {
  COUNCIL: 'Council',
  ICB: 'ICB (continuing health care)',
  SPLIT: 'Split between council and ICB',
  S117: 'Section 117 aftercare',
};

/** "Council 60%, ICB 40%" */
export function sharesText(icbShare: number): string {
  if (icbShare >= 100) return 'ICB 100%';
  if (icbShare <= 0) return 'Council 100%';
  return `Council ${100 - icbShare}%, ICB ${icbShare}%`;
}

export type TReablementCharging = {
  /** Week of reablement the day falls in, from 1 (the first day of care). */
  week: number;
  /** Whether the person may be charged for that week. */
  chargeable: boolean;
  /** The review was due by the start of week 7 and has not been held: flag it. */
  reviewOverdue: boolean;
  /** The first day of week 7, by which the review is due (YYYY-MM-DD). */
  reviewDue: string;
};

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/**
 * Reablement charging on `day` (YYYY-MM-DD) for care that started on `careStart`: weeks 1 to 6
 * are free; a later week is chargeable only when the review was held on or before the day that
 * week starts. A review not held by the start of week 7 is overdue, and the person is not charged
 * while it is.
 */
export function reablementCharging(careStart: string, reviewedOn: string | null, day: string): TReablementCharging {
  const start = dayOf(careStart);
  const week = Math.max(1, Math.floor((dayOf(day) - start) / (7 * DAY)) + 1);
  const due = start + REABLEMENT_FREE_WEEKS * 7 * DAY;
  const weekStart = start + (week - 1) * 7 * DAY;
  const reviewOverdue = reviewedOn === null && dayOf(day) >= due;
  const chargeable = week > REABLEMENT_FREE_WEEKS && reviewedOn !== null && dayOf(reviewedOn) <= weekStart;
  return { week, chargeable, reviewOverdue, reviewDue: isoDay(due) };
}

export type TFundingPackage = {
  funding: TFunding;
  pathway: string;
  icbSharePercent: number | null;
  s117Aftercare: boolean;
  clientContributionWeekly: number | null;
  reablementReviewedOn: string | null;
};

export type TWeeklySplit = { council: number; icb: number; person: number; total: number };

/** A placed line as a week of care takes it: hours a week (to the hundredth), rate and its own ICB share. */
export type TFundedLine = { hoursPerWeek: number; hourlyRate: number; icbSharePercent: number | null };

/**
 * A week of care before it is rounded: the whole cost and the ICB's part exact, in units of
 * 1/100,000,000 of a pound (hundredths of an hour × pence is a line's cost in 1/10,000 of a pound,
 * and × the share in hundredths of a percent, in 1/100,000,000), as the database keeps them in
 * decimals (the package_funding_spans migration); and the person's contribution charged, in pence.
 */
export type TExactWeek = { total: bigint; icb: bigint; person: bigint };

const hundredths = (n: number) => BigInt(Math.round(n * 100));
const UNITS_A_PENNY = 1_000_000n;

/**
 * Pence of an exact week: the whole rounded half up, the ICB's part rounded down, and the council
 * takes what is left after the ICB and the person, so the parts always add up to the whole (as a
 * payment row is split, docs/money.md).
 */
function inPence(total: bigint, icb: bigint) {
  const whole = (total + UNITS_A_PENNY / 2n) / UNITS_A_PENNY;
  const icbPence = icb / UNITS_A_PENNY;
  return { whole, icbPence, councilPence: whole - icbPence };
}

/**
 * A package's week of care on `day`, exact: each line's cost (hours a week × rate) and its part
 * split by its ICB share; the person's contribution (as entered, at most the council's part in
 * pence) when they are charged. Nothing is charged to the person for Section 117 aftercare, for
 * care the ICB funds in full, or for reablement weeks that are free (the first six, or while its
 * review is overdue). A reablement package also says whether its review is overdue.
 */
export function weekOfCare(
  pkg: TFundingPackage,
  lines: readonly TFundedLine[],
  day: string,
  careStart: string | null,
): TExactWeek & { reviewOverdue: boolean } {
  let total = 0n;
  let icb = 0n;
  for (const l of lines) {
    const cost = hundredths(l.hoursPerWeek) * hundredths(l.hourlyRate);
    total += cost * 10_000n;
    icb += cost * hundredths(icbShareOf(pkg, l.icbSharePercent));
  }
  const reablement = pkg.pathway === 'REABLEMENT' && careStart !== null ? reablementCharging(careStart, pkg.reablementReviewedOn, day) : null;
  const free = pkg.s117Aftercare || (pkg.pathway === 'REABLEMENT' && !reablement?.chargeable);
  const contribution = hundredths(pkg.clientContributionWeekly ?? 0);
  const { councilPence } = inPence(total, icb);
  const person = free ? 0n : contribution < councilPence ? contribution : councilPence;
  return { total, icb, person, reviewOverdue: reablement?.reviewOverdue ?? false };
}

/**
 * Who pays, in pounds and pence, of one week or of several added together exactly (the
 * dashboards add every package's before rounding, so their whole equals the market's spend).
 */
export function inPounds(week: TExactWeek): TWeeklySplit {
  const { whole, icbPence, councilPence } = inPence(week.total, week.icb);
  const pounds = (pence: bigint) => Number(pence) / 100;
  return { total: pounds(whole), icb: pounds(icbPence), person: pounds(week.person), council: pounds(councilPence - week.person) };
}

/** A package's week of care on `day` in pounds and pence (weekOfCare, then inPounds), with its review flag. */
export function weeklySplit(
  pkg: TFundingPackage,
  lines: readonly TFundedLine[],
  day: string,
  careStart: string | null,
): TWeeklySplit & { reviewOverdue: boolean } {
  const week = weekOfCare(pkg, lines, day, careStart);
  return { ...inPounds(week), reviewOverdue: week.reviewOverdue };
}

/** A decimal as PostgreSQL writes it ("1234.5678", never negative here) in units of 1/10^places. */
function scaled(decimal: string, places: number): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole + fraction.padEnd(places, '0').slice(0, places));
}

/** An exact week from the sums the database keeps in decimals: the whole and the ICB's part in pounds, the person's in pounds. */
export function exactWeekOf(sums: { total: string; icb: string; person: string }): TExactWeek {
  return { total: scaled(sums.total, 8), icb: scaled(sums.icb, 8), person: scaled(sums.person, 2) };
}
