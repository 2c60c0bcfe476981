import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inLocality } from './sql';

// What reablement achieved: reablement packages whose outcome was recorded and whose last day of
// care fell between the "from" and "to" days, by outcome (independent, long-term package needed,
// other), overall and by the provider that delivered it at the end (its last placement), the
// package's locality and the STEP areas covering it. Length: days of reablement from the London
// day its first placement started to its last day of care, both counted. The last day is the day
// before Package.endedAt, which recording the outcome sets to the first day without care.

export type TReablementRow = {
  dimension: 'all' | 'provider' | 'locality' | 'stepArea';
  key: string | null;
  label: string;
  outcomes: number;
  independent: number;
  longTermNeeded: number;
  other: number;
  medianDays: number | null;
  averageDays: number | null;
};

export async function getReablementOutcomes(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const aggregates = Prisma.sql`
           count(*)::int AS outcomes,
           count(*) FILTER (WHERE outcome = 'INDEPENDENT')::int AS independent,
           count(*) FILTER (WHERE outcome = 'LONG_TERM_NEEDED')::int AS long_term,
           count(*) FILTER (WHERE outcome = 'OTHER')::int AS other,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE days IS NOT NULL))::float8 AS median,
           avg(days)::float8 AS average`;
  const rows = await dashboardRows<{
    dimension: TReablementRow['dimension'];
    key: string | null;
    label: string | null;
    outcomes: number;
    independent: number;
    long_term: number;
    other: number;
    median: number | null;
    average: number | null;
  }>(
    prisma,
    Prisma.sql`
    WITH ended AS (
      SELECT pk."councilId", pk.id, pk."localityId" AS locality_id, loc.name AS locality, pk."reablementOutcome"::text AS outcome,
             (pk."endedAt"::date - 1) - ((fp.first_start AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date + 1 AS days,
             lp."providerId" AS provider_id, pv.name AS provider
      FROM "Package" pk
      JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
      LEFT JOIN LATERAL (
        SELECT min(pl."startedAt") AS first_start FROM "Placement" pl WHERE pl."councilId" = pk."councilId" AND pl."packageId" = pk.id
      ) fp ON true
      LEFT JOIN LATERAL (
        SELECT pl."providerId" FROM "Placement" pl WHERE pl."councilId" = pk."councilId" AND pl."packageId" = pk.id
        ORDER BY pl."startedAt" DESC
        LIMIT 1
      ) lp ON true
      LEFT JOIN "Provider" pv ON pv.id = lp."providerId"
      WHERE pk."councilId" = ${councilId}::uuid AND pk.pathway = 'REABLEMENT' AND pk."reablementOutcome" IS NOT NULL
        AND pk."endedAt"::date - 1 >= ${filters.from}::date AND pk."endedAt"::date - 1 <= ${filters.to}::date
        ${inLocality(filters)}
    )
    SELECT CASE WHEN GROUPING(provider_id) = 0 THEN 'provider' WHEN GROUPING(locality_id) = 0 THEN 'locality' ELSE 'all' END AS dimension,
           coalesce(provider_id::text, locality_id::text) AS key,
           coalesce(max(provider), max(locality)) AS label,
           ${aggregates}
    FROM ended
    GROUP BY GROUPING SETS ((), (provider_id), (locality_id))
    UNION ALL
    SELECT 'stepArea', sa.id::text, max(sa.name), ${aggregates}
    FROM ended e
    JOIN "StepAreaLocality" sal ON sal."councilId" = e."councilId" AND sal."localityId" = e.locality_id
    JOIN "StepArea" sa ON sa."councilId" = sal."councilId" AND sa.id = sal."stepAreaId"
    GROUP BY sa.id`,
  );
  const out: TReablementRow[] = rows.map((r) => ({
    dimension: r.dimension,
    key: r.key,
    label: r.label ?? (r.dimension === 'provider' ? 'No placement' : 'All reablement'),
    outcomes: r.outcomes,
    independent: r.independent,
    longTermNeeded: r.long_term,
    other: r.other,
    medianDays: r.median,
    averageDays: r.average,
  }));
  const pick = (d: TReablementRow['dimension']) => out.filter((r) => r.dimension === d).sort((a, b) => a.label.localeCompare(b.label));
  return {
    overall: out.find((r) => r.dimension === 'all' && r.outcomes > 0) ?? null,
    byProvider: pick('provider'),
    byLocality: pick('locality'),
    byStepArea: pick('stepArea'),
  };
}
