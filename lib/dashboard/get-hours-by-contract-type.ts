import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CONTRACT_TYPES, WEEKS_A_YEAR } from './labels';
import { dashboardRows, dashboardRowsByPackage, inForce, inForceByPackage, lineInLocality, weeklySpend } from './sql';

// Weekly commissioned carer-hours and spend by contract type, on the "as of" day: every placed
// service line in force, whatever state its package is in (see get-unended-lines for the lines
// that should have ended). The average rate is weighted by hours: spend / hours.

export type THoursByContractType = Awaited<ReturnType<typeof getHoursByContractType>>;

export async function getHoursByContractType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  // Hours, spend and providers from the lines in force summed by type and provider (a hash of a
  // few hundred groups); packages from the same lines read in package order, grouped by package
  // and type and by package alone in one streaming pass. The two run side by side.
  type TRow = { type: string | null; hours: number; spend: number; providers: number };
  const [sumRows, packageRows] = await Promise.all([
    dashboardRows<TRow>(prisma, Prisma.sql`
      WITH by_provider AS (
        SELECT l."contractType" AS type, l."providerId" AS provider_id, sum(l."hoursPerWeek") AS hours, sum(${weeklySpend}) AS spend
        FROM "ServiceLine" l
        WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
        GROUP BY l."contractType", l."providerId"
      )
      SELECT type::text AS type, sum(hours)::float8 AS hours, sum(spend)::float8 AS spend, count(DISTINCT provider_id)::int AS providers
      FROM by_provider
      GROUP BY GROUPING SETS ((type), ())`),
    // One row: each count is a filter over the streamed groups, so nothing is sorted or hashed.
    dashboardRowsByPackage<Record<string, number>>(prisma, Prisma.sql`
      SELECT count(*) FILTER (WHERE all_types = 1)::int AS "ALL",
             ${Prisma.join(CONTRACT_TYPES.map((t) => Prisma.sql`count(*) FILTER (WHERE all_types = 0 AND contract_type = ${t}::"ContractType")::int AS ${Prisma.raw(`"${t}"`)}`))}
      FROM (
        SELECT contract_type, GROUPING(contract_type) AS all_types
        FROM ${inForceByPackage(councilId, filters)} f
        GROUP BY GROUPING SETS ((package_id, contract_type), (package_id))
      ) package_types`),
  ]);
  const sums = new Map(sumRows.map((r) => [r.type, r]));
  const packages = packageRows[0];
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
        packages: packages[type] ?? 0,
        providers: r?.providers ?? 0,
        spendPerWeek: spend,
        spendPerYear: spend * WEEKS_A_YEAR,
        averageRate: hours ? spend / hours : null,
      };
    }),
    totalHours,
    packages: packages.ALL ?? 0,
    providers: all?.providers ?? 0,
    spendPerWeek: totalSpend,
    spendPerYear: totalSpend * WEEKS_A_YEAR,
    averageRate: totalHours ? totalSpend / totalHours : null,
  };
}
