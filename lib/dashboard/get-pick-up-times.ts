import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { bandOf, dashboardRows, inLocality, londonMidnight } from './sql';

// Pick-up time: from the moment a package last went to market (PackageMarketEntry: posted, or out
// again after its provider was suspended or handed it back) to a placement, for every placement
// started in the window (London days, inclusive). A package placed, failed and re-placed counts
// twice, each placement from its own entry, so a re-placement a minute after going back out is a
// minute and the first placement stays in past figures. A placement that followed another with no
// entry between (a contract moved to a new holder) was not picked up from the market and does not
// count; nor does one with no entry before it (a placement brought in by an import). Each placement
// keeps its entry (Placement.marketEnteredAt, kept by the database), so no entry is read. Median and
// 90th percentile interpolate between placements (PostgreSQL's percentile_cont), overall and by
// pathway, locality and the band of the package's earliest visit start (firstVisitStart, kept
// equal to min(Visit.start) by the database, so no visit is read).

export type TPickUpRow = {
  dimension: 'all' | 'pathway' | 'locality' | 'band';
  key: string;
  label: string;
  placements: number;
  medianHours: number;
  p90Hours: number;
};

export async function getPickUpTimes(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{
    dimension: TPickUpRow['dimension'];
    key: string | null;
    label: string | null;
    placements: number;
    median: number;
    p90: number;
  }>(
    prisma,
    Prisma.sql`
    WITH placed AS (
      SELECT pk.pathway::text AS pathway, pk."localityId" AS locality_id, loc.name AS locality,
             extract(epoch FROM pl."startedAt" - pl."marketEnteredAt")::float8 / 3600 AS hours,
             ${bandOf('pk."firstVisitStart"')} AS band
      FROM "Placement" pl
      JOIN "Package" pk ON pk."councilId" = pl."councilId" AND pk.id = pl."packageId"
      JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
      WHERE pl."councilId" = ${councilId}::uuid AND pl."marketEnteredAt" IS NOT NULL
        AND pl."startedAt" >= ${londonMidnight(filters.from)} AND pl."startedAt" < ${londonMidnight(filters.to, 1)}
        ${inLocality(filters)}
    )
    SELECT CASE WHEN GROUPING(pathway) = 0 THEN 'pathway' WHEN GROUPING(locality_id) = 0 THEN 'locality'
                WHEN GROUPING(band) = 0 THEN 'band' ELSE 'all' END AS dimension,
           coalesce(pathway, locality_id::text, band) AS key,
           max(locality) AS label,
           count(*)::int AS placements,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)::float8 AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY hours)::float8 AS p90
    FROM placed
    GROUP BY GROUPING SETS ((), (pathway), (locality_id), (band))`,
  );
  const out = rows.map((r) => ({
    dimension: r.dimension,
    key: r.key ?? 'ALL',
    label: r.dimension === 'locality' ? (r.label ?? '') : (r.key ?? 'ALL'),
    placements: r.placements,
    medianHours: r.median,
    p90Hours: r.p90,
  }));
  return {
    // The grand total row comes back even when nothing was placed (a locality or period with no
    // placements), with no median: that is no figures at all.
    overall: out.find((r) => r.dimension === 'all' && r.placements > 0) ?? null,
    byPathway: out.filter((r) => r.dimension === 'pathway'),
    byLocality: out.filter((r) => r.dimension === 'locality').sort((a, b) => a.label.localeCompare(b.label)),
    byBand: out.filter((r) => r.dimension === 'band'),
  };
}
