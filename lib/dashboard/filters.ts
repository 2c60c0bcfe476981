import { z } from 'zod';
import { formatDay, londonDate } from '@/lib/time/london';

// The dashboards' period and place: the "as of" day for service lines in force (Europe/London),
// the period for pick-up times and spend against budget, and an optional locality. Shared by the page (from
// its search params) and the CSV downloads, so both show the same numbers for the same link.

const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Enter a real date');
const ZUuid = z.uuid('Choose a locality from the list');

export const ZDashboardQuerySchema = z.object({
  asOf: ZIsoDate.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  locality: z.union([z.literal(''), ZUuid]).optional(),
});

export type TDashboardQuery = z.output<typeof ZDashboardQuerySchema>;

export type TDashboardFilters = {
  /** Lines in force on this London day: startDate <= asOf < endDate. */
  asOf: string;
  /** Pick-up times (packages placed) and spend against budget: from the start of `from` to the end of `to`, London days. */
  from: string;
  to: string;
  localityId: string | null;
  /** The instant "now" for waiting ages. */
  now: Date;
};

function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/** Fills in the defaults: as of today in London, pick-up times over the last 12 months. */
export function dashboardFilters(query: TDashboardQuery, now: Date): TDashboardFilters {
  const today = londonDate(now);
  const to = query.to ?? today;
  const from = query.from ?? addMonths(to, -12);
  return { asOf: query.asOf ?? today, from: from <= to ? from : to, to: from <= to ? to : from, localityId: query.locality || null, now };
}

/** The query string that reproduces these filters (for CSV links and the form). */
export function filtersSearch(filters: TDashboardFilters): string {
  const params = new URLSearchParams({ asOf: filters.asOf, from: filters.from, to: filters.to });
  if (filters.localityId) params.set('locality', filters.localityId);
  return params.toString();
}

/** The filters as words, for a CSV file's header: "as of 6 Dec 2026", "from 1 Apr 2026 to 30 Nov 2026", the locality. */
export function filtersInWords(filters: TDashboardFilters, locality: { name: string; code: string } | null): string[] {
  return [
    `as of ${formatDay(filters.asOf)}`,
    `from ${formatDay(filters.from)} to ${formatDay(filters.to)}`,
    locality ? `locality ${locality.name} (${locality.code})` : 'all localities',
  ];
}

/**
 * The filters with the locality checked against the council's own localities: another council's
 * locality, or one that does not exist, is refused with a message for the locality field and
 * left out, so the numbers are the whole council's and never another council's.
 */
export function withOwnLocality(filters: TDashboardFilters, ownLocalityIds: readonly string[]): { filters: TDashboardFilters; localityError?: string } {
  if (!filters.localityId || ownLocalityIds.includes(filters.localityId)) return { filters };
  return { filters: { ...filters, localityId: null }, localityError: 'Choose a locality from the list' };
}
