import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inForce, lineInLocality } from './sql';

// Over-reliance on a few providers (domain.md problem 6), on weekly carer-hours in force on the
// "as of" day: the top five providers' share, and the Herfindahl–Hirschman index (Σ of each
// provider's percentage share squared: 10,000 is one provider; above 2,500 is highly concentrated),
// over the whole market and within each locality (the package's locality, as the line carries it).

export async function getProviderConcentration(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{ locality_id: string | null; locality: string | null; providers: number; hours: number; top5: number; hhi: number }>(
    prisma,
    Prisma.sql`
    WITH by_locality AS (
      SELECT l."packageLocalityId" AS locality_id, l."providerId" AS provider_id, sum(l."hoursPerWeek")::float8 AS hours
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
      GROUP BY l."packageLocalityId", l."providerId"
    ), scoped AS (
      SELECT locality_id, provider_id, hours FROM by_locality
      UNION ALL
      SELECT NULL, provider_id, sum(hours) FROM by_locality GROUP BY provider_id
    ), ranked AS (
      SELECT locality_id, hours,
             sum(hours) OVER (PARTITION BY locality_id) AS total,
             row_number() OVER (PARTITION BY locality_id ORDER BY hours DESC, provider_id) AS rank
      FROM scoped
    )
    SELECT r.locality_id::text AS locality_id, loc.name AS locality,
           count(*)::int AS providers,
           max(r.total)::float8 AS hours,
           (sum(r.hours) FILTER (WHERE r.rank <= 5) / nullif(max(r.total), 0))::float8 AS top5,
           coalesce(sum(power(100 * r.hours / nullif(r.total, 0), 2)), 0)::float8 AS hhi
    FROM ranked r
    LEFT JOIN "Locality" loc ON loc."councilId" = ${councilId}::uuid AND loc.id = r.locality_id
    GROUP BY r.locality_id, loc.name`,
  );
  const shape = (r: (typeof rows)[number]) => ({
    localityId: r.locality_id,
    locality: r.locality ?? 'All localities',
    providers: r.providers,
    hours: r.hours,
    top5Share: r.top5 ?? 0,
    hhi: r.hhi,
  });
  const overall = rows.find((r) => r.locality_id === null);
  return {
    overall: overall ? shape(overall) : { localityId: null, locality: 'All localities', providers: 0, hours: 0, top5Share: 0, hhi: 0 },
    byLocality: rows
      .filter((r) => r.locality_id !== null)
      .map(shape)
      .sort((a, b) => a.locality.localeCompare(b.locality)),
  };
}
