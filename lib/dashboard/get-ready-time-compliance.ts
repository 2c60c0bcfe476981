import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { DISCHARGE_TARGET_MINUTES, targetMinutesSql } from '@/lib/domain/clock';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inLocality, londonMidnight } from './sql';
import { visitInForceSql } from '@/lib/domain/visit-versions';

// The 2-hour and 4-hour targets (lib/domain/clock.ts) measured afterwards: for short-term packages
// (hospital discharge and reablement) whose person was ready (Package.readyAt) in the window,
// London days inclusive, how many were placed, and how many had care start, within their target.
//   * placed: the package's first placement (Placement.startedAt);
//   * care started: the first visit due at or after that placement, on a day its service lines
//     have started (a visit's days and start time, Europe/London), looked for over the week after.
// Each package is held to its own target: 2 hours for a discharge from a hospital, 4 for the rest.
// A share counts the packages whose outcome is known: met, or with the target passed by now.
// Delayed discharges: discharges from a hospital whose care had not started 2 hours after the
// person was ready (by now, for those still waiting). Cancelled packages are left out.

export type TComplianceDimension = 'all' | 'target' | 'hospital' | 'stepArea' | 'provider';

export type TComplianceRow = {
  dimension: TComplianceDimension;
  /** The target's minutes, the hospital, STEP area or provider id; null for no hospital or not placed. */
  key: string | null;
  label: string;
  ready: number;
  placedInTarget: number;
  /** Packages placed within target or whose target has passed: the share's denominator. */
  placedKnown: number;
  careInTarget: number;
  careKnown: number;
  /** Median hours from ready to the first placement, of those placed (0 when placed before ready). */
  medianHoursToPlacement: number | null;
  delayedDischarges: number;
  waiting: number;
};

export async function getReadyTimeCompliance(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const now = Prisma.sql`(${filters.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const aggregates = Prisma.sql`
           count(*)::int AS ready,
           count(*) FILTER (WHERE placed_at <= due)::int AS placed_in_target,
           count(*) FILTER (WHERE placed_at <= due OR due <= ${now})::int AS placed_known,
           count(*) FILTER (WHERE care_at <= due)::int AS care_in_target,
           count(*) FILTER (WHERE care_at <= due OR due <= ${now})::int AS care_known,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM placed_at - ready_at) / 3600))
              FILTER (WHERE placed_at IS NOT NULL))::float8 AS median,
           count(*) FILTER (WHERE discharge AND coalesce(care_at, ${now}) > due)::int AS delayed,
           count(*) FILTER (WHERE placed_at IS NULL)::int AS waiting`;
  const rows = await dashboardRows<{
    dimension: TComplianceDimension;
    key: string | null;
    label: string | null;
    ready: number;
    placed_in_target: number;
    placed_known: number;
    care_in_target: number;
    care_known: number;
    median: number | null;
    delayed: number;
    waiting: number;
  }>(
    prisma,
    Prisma.sql`
    WITH ready AS (
      SELECT pk."councilId", pk.id, pk."localityId", pk."hospitalId", h.name AS hospital, pk."readyAt" AS ready_at,
             ${Prisma.raw(targetMinutesSql('pk'))} AS target,
             pk."readyAt" + ${Prisma.raw(targetMinutesSql('pk'))} * interval '1 minute' AS due,
             (pk.pathway = 'HOSPITAL_DISCHARGE' AND pk."hospitalId" IS NOT NULL) AS discharge,
             fp."startedAt" AS placed_at, fp."providerId" AS provider_id, pv.name AS provider,
             (SELECT min(l."startDate") FROM "ServiceLine" l WHERE l."councilId" = pk."councilId" AND l."packageId" = pk.id) AS lines_from
      FROM "Package" pk
      LEFT JOIN "Hospital" h ON h."councilId" = pk."councilId" AND h.id = pk."hospitalId"
      LEFT JOIN LATERAL (
        SELECT pl."startedAt", pl."providerId" FROM "Placement" pl
        WHERE pl."councilId" = pk."councilId" AND pl."packageId" = pk.id
        ORDER BY pl."startedAt"
        LIMIT 1
      ) fp ON true
      LEFT JOIN "Provider" pv ON pv.id = fp."providerId"
      WHERE pk."councilId" = ${councilId}::uuid AND pk.pathway IN ('HOSPITAL_DISCHARGE', 'REABLEMENT') AND pk.status <> 'CANCELLED'
        AND pk."readyAt" >= ${londonMidnight(filters.from)} AND pk."readyAt" < ${londonMidnight(filters.to, 1)}
        ${inLocality(filters)}
    ), outcome AS (
      SELECT r.*, care.care_at
      FROM ready r
      LEFT JOIN LATERAL (
        SELECT min(visit_at) AS care_at
        FROM (
          SELECT ((d.day + v.start::time) AT TIME ZONE 'Europe/London') AT TIME ZONE 'UTC' AS visit_at, d.day, v.days
          FROM generate_series(0, 7) g(n)
          CROSS JOIN LATERAL (SELECT ((r.placed_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date + g.n AS day) d
          JOIN "Visit" v ON v."councilId" = r."councilId" AND v."packageId" = r.id AND ${Prisma.raw(visitInForceSql('v', 'd.day'))}
        ) c
        WHERE c.visit_at >= r.placed_at AND to_char(c.day, 'DY') = ANY (c.days::text[]) AND c.day >= coalesce(r.lines_from, c.day)
      ) care ON r.placed_at IS NOT NULL
    )
    SELECT CASE WHEN GROUPING(target) = 0 THEN 'target' WHEN GROUPING("hospitalId") = 0 THEN 'hospital'
                WHEN GROUPING(provider_id) = 0 THEN 'provider' ELSE 'all' END AS dimension,
           CASE WHEN GROUPING(target) = 0 THEN target::text WHEN GROUPING("hospitalId") = 0 THEN "hospitalId"::text
                WHEN GROUPING(provider_id) = 0 THEN provider_id::text END AS key,
           CASE WHEN GROUPING("hospitalId") = 0 THEN max(hospital) WHEN GROUPING(provider_id) = 0 THEN max(provider) END AS label,
           ${aggregates}
    FROM outcome
    GROUP BY GROUPING SETS ((), (target), ("hospitalId"), (provider_id))
    UNION ALL
    SELECT 'stepArea', sa.id::text, max(sa.name), ${aggregates}
    FROM outcome o
    JOIN "StepAreaLocality" sal ON sal."councilId" = o."councilId" AND sal."localityId" = o."localityId"
    JOIN "StepArea" sa ON sa."councilId" = sal."councilId" AND sa.id = sal."stepAreaId"
    GROUP BY sa.id`,
  );
  const out: TComplianceRow[] = rows.map((r) => ({
    dimension: r.dimension,
    key: r.key,
    label:
      r.dimension === 'target'
        ? Number(r.key) === DISCHARGE_TARGET_MINUTES
          ? '2-hour target (discharges from a hospital)'
          : '4-hour target (other short-term care)'
        : r.dimension === 'hospital'
          ? (r.label ?? 'No hospital')
          : r.dimension === 'provider'
            ? (r.label ?? 'Not placed yet')
            : (r.label ?? 'All short-term packages'),
    ready: r.ready,
    placedInTarget: r.placed_in_target,
    placedKnown: r.placed_known,
    careInTarget: r.care_in_target,
    careKnown: r.care_known,
    medianHoursToPlacement: r.median,
    delayedDischarges: r.delayed,
    waiting: r.waiting,
  }));
  const byLabel = (a: TComplianceRow, b: TComplianceRow) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label));
  const pick = (d: TComplianceDimension) => out.filter((r) => r.dimension === d).sort(byLabel);
  return {
    overall: out.find((r) => r.dimension === 'all' && r.ready > 0) ?? null,
    byTarget: out.filter((r) => r.dimension === 'target').sort((a, b) => Number(a.key) - Number(b.key)),
    byHospital: pick('hospital'),
    byStepArea: pick('stepArea'),
    byProvider: pick('provider'),
  };
}
