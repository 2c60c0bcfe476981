import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inForce, inLocality, londonMidnight } from './sql';

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
  const rows = await dashboardRows<{ reason: string | null; lines: number; packages: number; hours: number; spend: number }>(prisma, Prisma.sql`
    WITH open_pairs AS (
      -- Providers still placed on each package on the day (written as one range for an index).
      SELECT DISTINCT pl."packageId", pl."providerId"
      FROM "Placement" pl
      WHERE pl."councilId" = ${councilId}::uuid AND coalesce(pl."endedAt", 'infinity'::timestamp) >= ${dayStart}
    ), counted AS (
      SELECT l."packageId", l."hoursPerWeek", l."hourlyRate",
             CASE
               WHEN pk.status = 'ENDED' AND (pk."endedAt" IS NULL OR pk."endedAt" < ${dayStart}) THEN 'PACKAGE_ENDED'
               WHEN pk.status = 'CANCELLED' AND (pk."cancelledAt" IS NULL OR pk."cancelledAt" < ${dayStart}) THEN 'PACKAGE_CANCELLED'
               -- A scalar probe, made only for the few lines that get this far (an EXISTS here is
               -- planned as a hash of every placement).
               WHEN op."packageId" IS NULL AND (
                 SELECT true FROM "Placement" pl WHERE pl."councilId" = l."councilId" AND pl."packageId" = l."packageId" AND pl."providerId" = l."providerId" LIMIT 1)
                 THEN 'PLACEMENT_ENDED'
             END AS reason
      FROM "ServiceLine" l
      JOIN "Package" pk ON pk."councilId" = l."councilId" AND pk.id = l."packageId"
      LEFT JOIN open_pairs op ON op."packageId" = l."packageId" AND op."providerId" = l."providerId"
      WHERE l."councilId" = ${councilId}::uuid AND pk."councilId" = ${councilId}::uuid
        AND ${inForce(filters)} ${inLocality(filters)}
    )
    -- Per package first, then per reason: a hash per step instead of sorting every line.
    SELECT reason, sum(lines)::int AS lines, count(*)::int AS packages, sum(hours)::float8 AS hours, sum(spend)::float8 AS spend
    FROM (SELECT reason, "packageId", count(*) AS lines, sum("hoursPerWeek") AS hours, sum("hoursPerWeek" * "hourlyRate") AS spend
          FROM counted GROUP BY reason, "packageId") per_package
    GROUP BY reason`);
  const commissionedHours = rows.reduce((s, r) => s + r.hours, 0);
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
