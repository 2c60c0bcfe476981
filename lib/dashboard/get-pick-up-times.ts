import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { bandOf, dashboardRows, inLocality, londonMidnight } from './sql';

// Pick-up time: from a package's postedAt to its placedAt, for packages placed in the window
// (London days, inclusive). Median and 90th percentile interpolate between packages
// (PostgreSQL's percentile_cont), overall and by pathway, locality and the band of the package's
// earliest visit start (firstVisitStart, kept equal to min(Visit.start) by the database, so the
// packages placed in the window are read from one index and no visit is). A package placed twice
// counts once, with the times on its row.

export type TPickUpRow = {
  dimension: 'all' | 'pathway' | 'locality' | 'band';
  key: string;
  label: string;
  packages: number;
  medianHours: number;
  p90Hours: number;
};

export async function getPickUpTimes(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{
    dimension: TPickUpRow['dimension'];
    key: string | null;
    label: string | null;
    packages: number;
    median: number;
    p90: number;
  }>(
    prisma,
    Prisma.sql`
    WITH placed AS (
      SELECT pk.pathway::text AS pathway, pk."localityId" AS locality_id, loc.name AS locality,
             extract(epoch FROM pk."placedAt" - pk."postedAt")::float8 / 3600 AS hours,
             ${bandOf('pk."firstVisitStart"')} AS band
      FROM "Package" pk
      JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
      WHERE pk."councilId" = ${councilId}::uuid AND pk."postedAt" IS NOT NULL
        AND pk."placedAt" >= ${londonMidnight(filters.from)} AND pk."placedAt" < ${londonMidnight(filters.to, 1)}
        ${inLocality(filters)}
    )
    SELECT CASE WHEN GROUPING(pathway) = 0 THEN 'pathway' WHEN GROUPING(locality_id) = 0 THEN 'locality'
                WHEN GROUPING(band) = 0 THEN 'band' ELSE 'all' END AS dimension,
           coalesce(pathway, locality_id::text, band) AS key,
           max(locality) AS label,
           count(*)::int AS packages,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)::float8 AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY hours)::float8 AS p90
    FROM placed
    GROUP BY GROUPING SETS ((), (pathway), (locality_id), (band))`,
  );
  const out = rows.map((r) => ({
    dimension: r.dimension,
    key: r.key ?? 'ALL',
    label: r.dimension === 'locality' ? (r.label ?? '') : (r.key ?? 'ALL'),
    packages: r.packages,
    medianHours: r.median,
    p90Hours: r.p90,
  }));
  return {
    // The grand total row comes back even when nothing was placed (a locality or period with no
    // placements), with no median: that is no figures at all.
    overall: out.find((r) => r.dimension === 'all' && r.packages > 0) ?? null,
    byPathway: out.filter((r) => r.dimension === 'pathway'),
    byLocality: out.filter((r) => r.dimension === 'locality').sort((a, b) => a.label.localeCompare(b.label)),
    byBand: out.filter((r) => r.dimension === 'band'),
  };
}
