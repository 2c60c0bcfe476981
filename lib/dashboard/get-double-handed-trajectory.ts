import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inLocality } from './sql';

// Double-handed visits that became single-handed (the visit versions, lib/domain/visit-versions.ts).
// A step-down is a visit version with one carer that continues (supersedesId) a version with two.
// Its wait runs from the day the two-carer run began, to the step-down version's first day:
// the run is the unbroken line of two-carer versions it continues, and begins on the first of
// them's start date or, when that is a visit the package had from the beginning (no start date),
// on the day its care began (its earliest service line start; its posting day if it has none).
// Step-downs are counted when their first day falls between the "from" and "to" days (inclusive),
// by the package's locality.

export type TTrajectoryRow = { localityId: string | null; locality: string | null; stepDowns: number; packages: number; medianDays: number | null };

export async function getDoubleHandedTrajectory(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{ locality_id: string | null; locality: string | null; step_downs: number; packages: number; median_days: number | null }>(
    prisma,
    Prisma.sql`
    WITH RECURSIVE steps AS (
      -- The step-downs whose first day is in the period (read by the index of versions by day),
      -- each with the two-carer version it continues.
      SELECT s.id AS step_id, s."packageId", pk."localityId", s."startDate" AS step_day, prev.id AS run_id, prev."supersedesId" AS before_id,
             prev."startDate" AS run_day, 0 AS depth
      FROM "Visit" s
      JOIN "Visit" prev ON prev."councilId" = s."councilId" AND prev.id = s."supersedesId" AND prev.carers = 2
      JOIN "Package" pk ON pk."councilId" = s."councilId" AND pk.id = s."packageId"
      WHERE s."councilId" = ${councilId}::uuid AND s."supersedesId" IS NOT NULL AND s.carers = 1
        AND s."startDate" BETWEEN ${filters.from}::date AND ${filters.to}::date ${inLocality(filters)}
    ),
    -- Back along the unbroken line of two-carer versions each continues.
    chain AS (
      SELECT step_id, run_id, before_id, run_day, depth FROM steps
      UNION ALL
      SELECT c.step_id, b.id, b."supersedesId", b."startDate", c.depth + 1
      FROM chain c JOIN "Visit" b ON b."councilId" = ${councilId}::uuid AND b.id = c.before_id AND b.carers = 2
    ),
    first_of_run AS (
      SELECT DISTINCT ON (step_id) step_id, run_day FROM chain ORDER BY step_id, depth DESC
    ),
    st AS (
      SELECT s."packageId", s."localityId",
             (s.step_day - coalesce(f.run_day,
                      (SELECT min(l."startDate") FROM "ServiceLine" l WHERE l."councilId" = ${councilId}::uuid AND l."packageId" = s."packageId"),
                      (SELECT (pk."postedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date FROM "Package" pk WHERE pk."councilId" = ${councilId}::uuid AND pk.id = s."packageId"))) AS days
      FROM steps s JOIN first_of_run f ON f.step_id = s.step_id
    )
    SELECT st."localityId" AS locality_id, loc.name AS locality, count(*)::int AS step_downs, count(DISTINCT st."packageId")::int AS packages,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY st.days)::float8 AS median_days
    FROM st JOIN "Locality" loc ON loc."councilId" = ${councilId}::uuid AND loc.id = st."localityId"
    GROUP BY GROUPING SETS ((st."localityId", loc.name), ())
    ORDER BY loc.name NULLS FIRST`,
  );
  const toRow = (r: (typeof rows)[number]): TTrajectoryRow => ({
    localityId: r.locality_id,
    locality: r.locality,
    stepDowns: r.step_downs,
    packages: r.packages,
    medianDays: r.median_days,
  });
  const overall = rows.find((r) => r.locality_id === null);
  return {
    overall: overall ? toRow(overall) : { localityId: null, locality: null, stepDowns: 0, packages: 0, medianDays: null },
    byLocality: rows.filter((r) => r.locality_id !== null).map(toRow),
  };
}
