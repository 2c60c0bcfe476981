import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inForce, lineInLocality, londonMidnight, weeklySpend } from './sql';

// Service lines still counted past their end (domain.md problem 5: they inflate commissioned
// hours). A placed line in force on the "as of" day is past its end when, first match wins:
//   PACKAGE_ENDED      its package is ENDED, and ended before the "as of" day (or has no end time);
//   PACKAGE_CANCELLED  its package is CANCELLED, cancelled before the "as of" day (or no time);
//   PLACEMENT_ENDED    its provider had placements on the package and every one of them ended
//                      before the "as of" day (e.g. the provider failed and the package moved on).
// "Before the day" is before midnight at its start, Europe/London.

export const UNENDED_REASONS = ['PACKAGE_ENDED', 'PACKAGE_CANCELLED', 'PLACEMENT_ENDED'] as const;
export const UNENDED_REASON_LABEL: Record<(typeof UNENDED_REASONS)[number], string> = {
  PACKAGE_ENDED: 'Package ended',
  PACKAGE_CANCELLED: 'Package cancelled',
  PLACEMENT_ENDED: "Provider's placement ended",
};

export async function getUnendedLines(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const dayStart = londonMidnight(filters.asOf);
  // Each line carries its package's status and end (packageStatus, packageClosedAt) and when its
  // provider's placements on the package all ended (providerPlacementsEndedAt), kept equal to
  // their sources by the database, so one read of the lines in force finds every reason, and only
  // lines of a closed package or provider's placement are looked at. The 'ALL' row is the hours of
  // every line in force, for the share, from the weekly rollup (MarketDayChange): the running sum
  // of its changes up to the day.
  const reason = Prisma.sql`CASE
      WHEN l."packageStatus" = 'ENDED' AND (l."packageClosedAt" IS NULL OR l."packageClosedAt" < ${dayStart}) THEN 'PACKAGE_ENDED'
      WHEN l."packageStatus" = 'CANCELLED' AND (l."packageClosedAt" IS NULL OR l."packageClosedAt" < ${dayStart}) THEN 'PACKAGE_CANCELLED'
      WHEN l."providerPlacementsEndedAt" < ${dayStart} THEN 'PLACEMENT_ENDED' END`;
  const rows = await dashboardRows<{ reason: string; lines: number; packages: number; hours: number; spend: number }>(
    prisma,
    Prisma.sql`
    WITH lines AS (
      SELECT l."packageId", l."hoursPerWeek" AS hours, ${weeklySpend} AS spend, ${reason} AS reason
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
        AND (l."packageStatus" IN ('ENDED', 'CANCELLED') OR l."providerPlacementsEndedAt" IS NOT NULL)
    )
    SELECT reason, count(*)::int AS lines, count(DISTINCT "packageId")::int AS packages, sum(hours)::float8 AS hours, sum(spend)::float8 AS spend
    FROM lines
    WHERE reason IS NOT NULL
    GROUP BY reason
    UNION ALL
    SELECT 'ALL', 0, 0, coalesce(sum(c."hours"), 0)::float8, coalesce(sum(c."cost"), 0)::float8
    FROM "MarketDayChange" c
    WHERE c."councilId" = ${councilId}::uuid AND c."scope" = ${filters.localityId ?? councilId}::uuid AND c."day" <= ${filters.asOf}::date`,
  );
  const commissionedHours = rows.find((r) => r.reason === 'ALL')?.hours ?? 0;
  const byReason = new Map(rows.map((r) => [r.reason, r]));
  const reasons = UNENDED_REASONS.map((reason) => {
    const r = byReason.get(reason);
    const hours = r?.hours ?? 0;
    return {
      reason,
      lines: r?.lines ?? 0,
      packages: r?.packages ?? 0,
      hours,
      spendPerWeek: r?.spend ?? 0,
      shareOfCommissioned: commissionedHours ? hours / commissionedHours : 0,
    };
  });
  const hours = reasons.reduce((s, r) => s + r.hours, 0);
  return {
    rows: reasons,
    lines: reasons.reduce((s, r) => s + r.lines, 0),
    packages: reasons.reduce((s, r) => s + r.packages, 0),
    hours,
    spendPerWeek: reasons.reduce((s, r) => s + r.spendPerWeek, 0),
    commissionedHours,
    share: commissionedHours ? hours / commissionedHours : 0,
  };
}
