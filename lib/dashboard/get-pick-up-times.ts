import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { bandOf, dashboardRows, londonMidnight } from './sql';

// Pick-up time: from the moment a package last went to market (PackageMarketEntry: posted, or out
// again after its provider was suspended or handed it back) to a placement, for every placement
// started in the window (London days, inclusive). A package placed, failed and re-placed counts
// twice, each placement from its own entry, so a re-placement a minute after going back out is a
// minute and the first placement stays in past figures. A placement that followed another with no
// entry between (a contract moved to a new holder) was not picked up from the market and does not
// count; nor does one with no entry before it (a placement brought in by an import). Each placement
// keeps its entry (Placement.marketEnteredAt, kept by the database), so no entry is read. Median and
// 90th percentile interpolate between placements (PostgreSQL's percentile_cont), overall and by
// the package's pathway, locality and the band of its earliest visit start (firstVisitStart, kept
// equal to min(Visit.start) by the database), which each placement carries a copy of (also kept by
// the database), so no package or visit is read either.

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
      SELECT pl."packagePathway" AS pathway, pl."packageLocalityId" AS locality_id,
             extract(epoch FROM pl."startedAt" - pl."marketEnteredAt")::float8 / 3600 AS hours,
             (${bandOf('pl."packageFirstVisitStart"')}) COLLATE "C" AS band
      FROM "Placement" pl
      WHERE pl."councilId" = ${councilId}::uuid AND pl."marketEnteredAt" IS NOT NULL
        AND pl."startedAt" >= ${londonMidnight(filters.from)} AND pl."startedAt" < ${londonMidnight(filters.to, 1)}
        ${filters.localityId ? Prisma.sql`AND pl."packageLocalityId" = ${filters.localityId}::uuid` : Prisma.empty}
    ),
    -- Grouped on narrow keys (an enum, a uuid, a band in byte order); localities are named after.
    figures AS (
      SELECT GROUPING(pathway) AS by_pathway, GROUPING(locality_id) AS by_locality, GROUPING(band) AS by_band,
             pathway, locality_id, band, count(*)::int AS placements,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)::float8 AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY hours)::float8 AS p90
      FROM placed
      GROUP BY GROUPING SETS ((), (pathway), (locality_id), (band))
    )
    SELECT CASE WHEN f.by_pathway = 0 THEN 'pathway' WHEN f.by_locality = 0 THEN 'locality' WHEN f.by_band = 0 THEN 'band' ELSE 'all' END AS dimension,
           coalesce(f.pathway::text, f.locality_id::text, f.band) AS key, loc.name AS label, f.placements, f.median, f.p90
    FROM figures f
    LEFT JOIN "Locality" loc ON loc."councilId" = ${councilId}::uuid AND loc.id = f.locality_id`,
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
