import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CONTRACT_TYPES, WEEKS_A_YEAR } from './labels';
import { dashboardRows, inForce, inForceByPackage, lineInLocality, weeklySpend } from './sql';

// Weekly commissioned carer-hours and spend by contract type, on the "as of" day: every placed
// service line in force, whatever state its package is in (see get-unended-lines for the lines
// that should have ended). The average rate is weighted by hours: spend / hours.

export type THoursByContractType = Awaited<ReturnType<typeof getHoursByContractType>>;

export async function getHoursByContractType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  // Hours, spend and providers from the lines in force summed by type and provider (a hash of a
  // few hundred groups); packages from the same lines read in package order, grouped by package
  // and type and by package alone in one pass.
  const rows = await dashboardRows<{ type: string | null; hours: number | null; spend: number | null; providers: number | null; packages: number | null }>(prisma, Prisma.sql`
    WITH by_provider AS (
      SELECT l."contractType" AS type, l."providerId" AS provider_id, sum(l."hoursPerWeek") AS hours, sum(${weeklySpend}) AS spend
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
      GROUP BY l."contractType", l."providerId"
    ), package_types AS (
      SELECT contract_type, GROUPING(contract_type) AS all_types
      FROM ${inForceByPackage(councilId, filters)} f
      GROUP BY GROUPING SETS ((package_id, contract_type), (package_id))
    )
    SELECT type::text AS type, sum(hours)::float8 AS hours, sum(spend)::float8 AS spend, count(DISTINCT provider_id)::int AS providers, NULL::int AS packages
    FROM by_provider
    GROUP BY GROUPING SETS ((type), ())
    UNION ALL
    SELECT CASE WHEN all_types = 0 THEN contract_type::text END, NULL, NULL, NULL, count(*)::int
    FROM package_types
    GROUP BY all_types, contract_type`);
  const sums = new Map(rows.filter((r) => r.packages === null).map((r) => [r.type, r]));
  const packagesOf = new Map(rows.filter((r) => r.packages !== null).map((r) => [r.type, r.packages ?? 0]));
  const all = sums.get(null);
  const totalHours = all?.hours ?? 0;
  const totalSpend = all?.spend ?? 0;
  return {
    rows: CONTRACT_TYPES.map((type) => {
      const r = sums.get(type);
      const hours = r?.hours ?? 0;
      const spend = r?.spend ?? 0;
      return {
        type,
        hours,
        share: totalHours ? hours / totalHours : 0,
        packages: packagesOf.get(type) ?? 0,
        providers: r?.providers ?? 0,
        spendPerWeek: spend,
        spendPerYear: spend * WEEKS_A_YEAR,
        averageRate: hours ? spend / hours : null,
      };
    }),
    totalHours,
    packages: packagesOf.get(null) ?? 0,
    providers: all?.providers ?? 0,
    spendPerWeek: totalSpend,
    spendPerYear: totalSpend * WEEKS_A_YEAR,
    averageRate: totalHours ? totalSpend / totalHours : null,
  };
}
