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
    WITH RECURSIVE runs AS (
      SELECT v."councilId", v.id,
             coalesce(v."startDate",
                      (SELECT min(l."startDate") FROM "ServiceLine" l WHERE l."councilId" = v."councilId" AND l."packageId" = v."packageId"),
                      (SELECT (pk."postedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/London')::date FROM "Package" pk WHERE pk."councilId" = v."councilId" AND pk.id = v."packageId")) AS run_start
      FROM "Visit" v
      LEFT JOIN "Visit" prev ON prev."councilId" = v."councilId" AND prev.id = v."supersedesId"
      WHERE v."councilId" = ${councilId}::uuid AND v.carers = 2 AND (prev.id IS NULL OR prev.carers <> 2)
      UNION ALL
      SELECT n."councilId", n.id, r.run_start
      FROM runs r JOIN "Visit" n ON n."councilId" = r."councilId" AND n."supersedesId" = r.id AND n.carers = 2
    ),
    steps AS (
      SELECT s."packageId", pk."localityId", (s."startDate" - r.run_start) AS days
      FROM runs r
      JOIN "Visit" s ON s."councilId" = r."councilId" AND s."supersedesId" = r.id AND s.carers = 1
      JOIN "Package" pk ON pk."councilId" = s."councilId" AND pk.id = s."packageId"
      WHERE s."startDate" BETWEEN ${filters.from}::date AND ${filters.to}::date ${inLocality(filters)}
    )
    SELECT st."localityId" AS locality_id, loc.name AS locality, count(*)::int AS step_downs, count(DISTINCT st."packageId")::int AS packages,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY st.days)::float8 AS median_days
    FROM steps st JOIN "Locality" loc ON loc."councilId" = ${councilId}::uuid AND loc.id = st."localityId"
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
