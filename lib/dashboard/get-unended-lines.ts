import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { inForce, inLocality, londonMidnight } from './sql';

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
  const rows = await prisma.$queryRaw<{ reason: string | null; lines: number; packages: number; hours: number; spend: number }[]>`
    WITH counted AS (
      SELECT l."packageId", l."hoursPerWeek", l."hourlyRate",
             CASE
               WHEN pk.status = 'ENDED' AND (pk."endedAt" IS NULL OR pk."endedAt" < ${dayStart}) THEN 'PACKAGE_ENDED'
               WHEN pk.status = 'CANCELLED' AND (pk."cancelledAt" IS NULL OR pk."cancelledAt" < ${dayStart}) THEN 'PACKAGE_CANCELLED'
               WHEN EXISTS (SELECT 1 FROM "Placement" pl WHERE pl."councilId" = l."councilId" AND pl."packageId" = l."packageId" AND pl."providerId" = l."providerId")
                AND NOT EXISTS (SELECT 1 FROM "Placement" pl WHERE pl."councilId" = l."councilId" AND pl."packageId" = l."packageId" AND pl."providerId" = l."providerId"
                                AND (pl."endedAt" IS NULL OR pl."endedAt" >= ${dayStart}))
                 THEN 'PLACEMENT_ENDED'
             END AS reason
      FROM "ServiceLine" l
      JOIN "Package" pk ON pk."councilId" = l."councilId" AND pk.id = l."packageId"
      WHERE l."councilId" = ${councilId}::uuid AND pk."councilId" = ${councilId}::uuid AND l."contractId" IS NOT NULL
        AND ${inForce(filters)} ${inLocality(filters)}
    )
    SELECT reason, count(*)::int AS lines, count(DISTINCT "packageId")::int AS packages,
           coalesce(sum("hoursPerWeek"), 0)::float8 AS hours, coalesce(sum("hoursPerWeek" * "hourlyRate"), 0)::float8 AS spend
    FROM counted
    GROUP BY reason`;
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
