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

export type TUnendedLines = Awaited<ReturnType<typeof getUnendedLines>>;

export async function getUnendedLines(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const dayStart = londonMidnight(filters.asOf);
  // Each line carries its package's status and end (packageStatus, packageClosedAt: endedAt when
  // ENDED, cancelledAt when CANCELLED, kept equal to the package by the database), so the lines of
  // ended and cancelled packages are found without reading packages. The rest are checked against
  // the open placements (an anti-join), and the few left over must have had a placement of their
  // provider (one index probe each). The 'ALL' row is every line counted, for the share.
  const endedBefore = Prisma.sql`(l."packageStatus" IN ('ENDED', 'CANCELLED') AND (l."packageClosedAt" IS NULL OR l."packageClosedAt" < ${dayStart}))`;
  const rows = await dashboardRows<{ reason: string; lines: number; packages: number; hours: number; spend: number }>(prisma, Prisma.sql`
    WITH lines AS MATERIALIZED (
      SELECT l."packageId", l."providerId", l."hoursPerWeek" AS hours, ${weeklySpend} AS spend,
             CASE WHEN ${endedBefore} THEN CASE WHEN l."packageStatus" = 'ENDED' THEN 'PACKAGE_ENDED' ELSE 'PACKAGE_CANCELLED' END END AS package_reason
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
    ), open_pairs AS (
      -- Providers still placed on each package on the day (one index range).
      SELECT DISTINCT pl."packageId", pl."providerId"
      FROM "Placement" pl
      WHERE pl."councilId" = ${councilId}::uuid AND coalesce(pl."endedAt", 'infinity'::timestamp) >= ${dayStart}
    ), unplaced AS (
      SELECT l."packageId", l."providerId", l.hours, l.spend
      FROM lines l
      WHERE l.package_reason IS NULL
        AND NOT EXISTS (SELECT 1 FROM open_pairs op WHERE op."packageId" = l."packageId" AND op."providerId" = l."providerId")
      OFFSET 0
    ), suspect AS (
      SELECT package_reason AS reason, "packageId", hours, spend FROM lines WHERE package_reason IS NOT NULL
      UNION ALL
      SELECT 'PLACEMENT_ENDED', u."packageId", u.hours, u.spend
      FROM unplaced u
      WHERE EXISTS (SELECT 1 FROM "Placement" pl WHERE pl."councilId" = ${councilId}::uuid AND pl."packageId" = u."packageId" AND pl."providerId" = u."providerId")
    )
    SELECT reason, count(*)::int AS lines, count(DISTINCT "packageId")::int AS packages, sum(hours)::float8 AS hours, sum(spend)::float8 AS spend
    FROM suspect
    GROUP BY reason
    UNION ALL
    SELECT 'ALL', count(*)::int, 0, coalesce(sum(hours), 0)::float8, coalesce(sum(spend), 0)::float8 FROM lines`);
  const commissionedHours = rows.find((r) => r.reason === 'ALL')?.hours ?? 0;
  const byReason = new Map(rows.map((r) => [r.reason, r]));
  const reasons = UNENDED_REASONS.map((reason) => {
    const r = byReason.get(reason);
    const hours = r?.hours ?? 0;
    return { reason, lines: r?.lines ?? 0, packages: r?.packages ?? 0, hours, spendPerWeek: r?.spend ?? 0, shareOfCommissioned: commissionedHours ? hours / commissionedHours : 0 };
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
