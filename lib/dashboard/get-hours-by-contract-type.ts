import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { WEEKS_A_YEAR } from './labels';
import { dashboardRows, dashboardRowsByPackage, endingInForce, inForce, lineInLocality, openInForce, weeklySpend } from './sql';

// Weekly commissioned carer-hours and spend by contract type, on the "as of" day: every placed
// service line in force, whatever state its package is in (see get-unended-lines for the lines
// that should have ended). The average rate is weighted by hours: spend / hours.

export async function getHoursByContractType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  // Hours, spend and providers from the lines in force summed by type and provider (a hash of a
  // few hundred groups); packages from the same lines read in package order, grouped by package
  // and type and by package alone in one streaming pass. The two run side by side.
  type TRow = { type: string | null; hours: number; spend: number; providers: number };
  const [sumRows, packageRows] = await Promise.all([
    dashboardRows<TRow>(
      prisma,
      Prisma.sql`
      WITH by_provider AS (
        SELECT l."contractType" AS type, l."providerId" AS provider_id, sum(l."hoursPerWeek") AS hours, sum(${weeklySpend}) AS spend
        FROM "ServiceLine" l
        WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
        GROUP BY l."contractType", l."providerId"
      )
      SELECT type::text AS type, sum(hours)::float8 AS hours, sum(spend)::float8 AS spend, count(DISTINCT provider_id)::int AS providers
      FROM by_provider
      GROUP BY GROUPING SETS ((type), ())`,
    ),
    // One row: each count is a filter over the groups of open lines streamed in package order,
    // plus the (package, type) pairs and packages that only lines with an end date bring.
    dashboardRowsByPackage<Record<string, number>>(
      prisma,
      Prisma.sql`
      WITH open_groups AS (
        SELECT contract_type, GROUPING(contract_type) AS all_types
        FROM (SELECT o."packageId" AS package_id, o."contractType" AS contract_type FROM "ServiceLine" o WHERE ${openInForce('o', councilId, filters)}) lines
        GROUP BY GROUPING SETS ((package_id, contract_type), (package_id))
      ), ending AS (
        SELECT e."packageId" AS package_id, e."contractType" AS contract_type FROM "ServiceLine" e WHERE ${endingInForce('e', councilId, filters)}
      ), more AS (
        SELECT x.contract_type, 0 AS all_types FROM (SELECT DISTINCT package_id, contract_type FROM ending) x
        WHERE NOT EXISTS (SELECT 1 FROM "ServiceLine" o WHERE ${openInForce('o', councilId, filters)} AND o."packageId" = x.package_id AND o."contractType" = x.contract_type)
        UNION ALL
        SELECT NULL, 1 FROM (SELECT DISTINCT package_id FROM ending) x
        WHERE NOT EXISTS (SELECT 1 FROM "ServiceLine" o WHERE ${openInForce('o', councilId, filters)} AND o."packageId" = x.package_id)
      )
      SELECT count(*) FILTER (WHERE all_types = 1)::int AS "ALL",
             ${Prisma.join(CONTRACT_TYPES.map((t) => Prisma.sql`count(*) FILTER (WHERE all_types = 0 AND contract_type = ${t}::"ContractType")::int AS ${Prisma.raw(`"${t}"`)}`))}
      FROM (SELECT * FROM open_groups UNION ALL SELECT * FROM more) package_types`,
    ),
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
