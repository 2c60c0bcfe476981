// Approval of spending: who may agree how much, and when a change may start.
//
// A council user who may approve has a limit on the yearly cost of what they approve: a new
// package's whole cost, or a change's increase. Councils' schemes of delegation count a year as 52
// weeks of the weekly cost (the dashboards project spend over 365 days instead, WEEKS_A_YEAR).

import { londonDate } from '@/lib/time/london';

/** Weeks in a year for an approval limit: weekly cost × 52. */
export const APPROVAL_WEEKS = 52;

/** The yearly cost an approval limit is compared with, in pounds to the penny. */
export function yearlyCost(weeklyCost: number): number {
  return Math.round(weeklyCost * APPROVAL_WEEKS * 100) / 100;
}

/** What has to be approved of a change: its yearly increase; a decrease costs nothing to agree. */
export function approvalCost(weeklyCostChange: number): number {
  return Math.max(0, yearlyCost(weeklyCostChange));
}

/** Whether an approver whose limit is `limit` (null: none) may approve `cost` a year; nothing to pay needs no limit. */
export function withinLimit(limit: number | null, cost: number): boolean {
  return cost <= 0 || (limit !== null && cost <= limit);
}

/** Whether a new package costing `cost` a year must be approved before it is posted. */
export function packageNeedsApproval(rules: { required: boolean; threshold: number | null }, cost: number): boolean {
  return rules.required && cost > (rules.threshold ?? 0);
}

/**
 * No backdating: a change asked for at `requestedAt` may start on that London day or later, never
 * before (the review's complaint: increases claimed weeks after they started). `startDate` is YYYY-MM-DD.
 */
export function isBackdated(startDate: string, requestedAt: Date): boolean {
  return startDate < londonDate(requestedAt);
}

/** Whole days from `from` to `to` (both instants), for the age of a request in a queue. */
export function ageInDays(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}
