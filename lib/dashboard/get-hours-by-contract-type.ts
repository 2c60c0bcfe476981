import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CONTRACT_TYPES, WEEKS_A_YEAR } from './labels';
import { dashboardRows, inForce, lineInLocality, weeklySpend } from './sql';

// Weekly commissioned carer-hours and spend by contract type, on the "as of" day: every placed
// service line in force, whatever state its package is in (see get-unended-lines for the lines
// that should have ended). The average rate is weighted by hours: spend / hours.

export type THoursByContractType = Awaited<ReturnType<typeof getHoursByContractType>>;

export async function getHoursByContractType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  // Distinct packages are counted by marking each package's first line (and its first line of
  // each type) in one sort by package, instead of a count(DISTINCT) per group and grouping set,
  // each of which sorts every line again; then lines are summed by type and provider (a few
  // hundred rows) and those by type.
  const rows = await dashboardRows<{ type: string | null; hours: number; spend: number; type_packages: number; packages: number; providers: number }>(prisma, Prisma.sql`
    WITH marked AS (
      SELECT c.type, l."providerId" AS provider_id, l."hoursPerWeek" AS hours, ${weeklySpend} AS spend,
             row_number() OVER (PARTITION BY l."packageId" ORDER BY c.type) = 1 AS first_of_package,
             row_number() OVER (PARTITION BY l."packageId", c.type) = 1 AS first_of_type
      FROM "ServiceLine" l
      JOIN "Contract" c ON c."councilId" = l."councilId" AND c.id = l."contractId"
      WHERE l."councilId" = ${councilId}::uuid AND c."councilId" = ${councilId}::uuid
        AND ${inForce(filters)} ${lineInLocality(filters)}
    ), by_provider AS (
      SELECT type, provider_id, sum(hours) AS hours, sum(spend) AS spend,
             count(*) FILTER (WHERE first_of_type) AS type_packages, count(*) FILTER (WHERE first_of_package) AS packages
      FROM marked
      GROUP BY type, provider_id
    )
    SELECT type::text AS type, sum(hours)::float8 AS hours, sum(spend)::float8 AS spend,
           sum(type_packages)::int AS type_packages, sum(packages)::int AS packages, count(DISTINCT provider_id)::int AS providers
    FROM by_provider
    GROUP BY GROUPING SETS ((type), ())`);
  const byType = new Map(rows.map((r) => [r.type, r]));
  const all = byType.get(null);
  const totalHours = all?.hours ?? 0;
  const totalSpend = all?.spend ?? 0;
  return {
    rows: CONTRACT_TYPES.map((type) => {
      const r = byType.get(type);
      const hours = r?.hours ?? 0;
      const spend = r?.spend ?? 0;
      return {
        type,
        hours,
        share: totalHours ? hours / totalHours : 0,
        packages: r?.type_packages ?? 0,
        providers: r?.providers ?? 0,
        spendPerWeek: spend,
        spendPerYear: spend * WEEKS_A_YEAR,
        averageRate: hours ? spend / hours : null,
      };
    }),
    totalHours,
    packages: all?.packages ?? 0,
    providers: all?.providers ?? 0,
    spendPerWeek: totalSpend,
    spendPerYear: totalSpend * WEEKS_A_YEAR,
    averageRate: totalHours ? totalSpend / totalHours : null,
  };
}
