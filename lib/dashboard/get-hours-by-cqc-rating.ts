import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CQC_RATINGS } from './labels';
import { dashboardRows, dashboardRowsByPackage, endingInForce, inForce, lineInLocality, openInForce } from './sql';

// Weekly carer-hours in force on the "as of" day by the delivering provider's current CQC rating
// (the line carries its provider's rating, kept equal to it by the database).

export async function getHoursByCqcRating(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  // Hours and providers from the lines in force summed by provider; packages from the same lines
  // read in package order, grouped by package and rating as they stream by.
  const [sumRows, packageRows] = await Promise.all([
    dashboardRows<{ rating: string; hours: number; providers: number }>(
      prisma,
      Prisma.sql`
      WITH by_provider AS (
        SELECT l."providerCqcRating" AS rating, l."providerId" AS provider_id, sum(l."hoursPerWeek") AS hours
        FROM "ServiceLine" l
        WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
        GROUP BY l."providerCqcRating", l."providerId"
      )
      SELECT rating::text AS rating, sum(hours)::float8 AS hours, count(*)::int AS providers FROM by_provider GROUP BY rating`,
    ),
    dashboardRowsByPackage<Record<string, number>>(
      prisma,
      Prisma.sql`
      WITH open_groups AS (
        SELECT rating
        FROM (SELECT o."packageId" AS package_id, o."providerCqcRating" AS rating FROM "ServiceLine" o WHERE ${openInForce('o', councilId, filters)}) lines
        GROUP BY package_id, rating
      ), ending AS (
        SELECT DISTINCT e."packageId" AS package_id, e."providerCqcRating" AS rating FROM "ServiceLine" e WHERE ${endingInForce('e', councilId, filters)}
      ), more AS (
        SELECT x.rating FROM ending x
        WHERE NOT EXISTS (SELECT 1 FROM "ServiceLine" o WHERE ${openInForce('o', councilId, filters)} AND o."packageId" = x.package_id AND o."providerCqcRating" = x.rating)
      )
      SELECT ${Prisma.join(CQC_RATINGS.map((r) => Prisma.sql`count(*) FILTER (WHERE rating = ${r}::"CqcRating")::int AS ${Prisma.raw(`"${r}"`)}`))}
      FROM (SELECT rating FROM open_groups UNION ALL SELECT rating FROM more) package_ratings`,
    ),
  ]);
  const sums = new Map(sumRows.map((r) => [r.rating, r]));
  const packages = packageRows[0];
  const total = sumRows.reduce((s, r) => s + r.hours, 0);
  return {
    rows: CQC_RATINGS.map((rating) => {
      const r = sums.get(rating);
      const hours = r?.hours ?? 0;
      return { rating, hours, share: total ? hours / total : 0, providers: r?.providers ?? 0, packages: packages[rating] ?? 0 };
    }),
    totalHours: total,
  };
}
