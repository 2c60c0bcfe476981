import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CQC_RATINGS } from './labels';
import { dashboardRows, inForce, lineInLocality } from './sql';

// Weekly carer-hours in force on the "as of" day by the delivering provider's current CQC rating.

export type THoursByCqcRating = Awaited<ReturnType<typeof getHoursByCqcRating>>;

export async function getHoursByCqcRating(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  // Lines are summed by provider first (a hash of a few hundred groups); a package is counted
  // under a rating once, by marking its first line of that rating in one sort by package.
  const rows = await dashboardRows<{ rating: string; hours: number; providers: number; packages: number }>(prisma, Prisma.sql`
    WITH marked AS (
      SELECT l."providerId" AS provider_id, l."hoursPerWeek" AS hours,
             row_number() OVER (PARTITION BY l."packageId", p."cqcRating") = 1 AS first_of_rating
      FROM "ServiceLine" l
      JOIN "Provider" p ON p.id = l."providerId"
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
    ), by_provider AS (
      SELECT provider_id, sum(hours) AS hours, count(*) FILTER (WHERE first_of_rating) AS packages FROM marked GROUP BY provider_id
    )
    SELECT p."cqcRating"::text AS rating, sum(b.hours)::float8 AS hours, count(*)::int AS providers, sum(b.packages)::int AS packages
    FROM by_provider b
    JOIN "Provider" p ON p.id = b.provider_id
    GROUP BY p."cqcRating"`);
  const byRating = new Map(rows.map((r) => [r.rating, r]));
  const total = rows.reduce((s, r) => s + r.hours, 0);
  return {
    rows: CQC_RATINGS.map((rating) => {
      const r = byRating.get(rating);
      return { rating, hours: r?.hours ?? 0, share: total ? (r?.hours ?? 0) / total : 0, providers: r?.providers ?? 0, packages: r?.packages ?? 0 };
    }),
    totalHours: total,
  };
}
