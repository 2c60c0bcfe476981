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
  const rows = await dashboardRows<{ type: string | null; hours: number; spend: number; packages: number; providers: number }>(prisma, Prisma.sql`
    SELECT c.type::text AS type,
           sum(l."hoursPerWeek")::float8 AS hours,
           sum(${weeklySpend})::float8 AS spend,
           count(DISTINCT l."packageId")::int AS packages,
           count(DISTINCT l."providerId")::int AS providers
    FROM "ServiceLine" l
    JOIN "Contract" c ON c."councilId" = l."councilId" AND c.id = l."contractId"
    WHERE l."councilId" = ${councilId}::uuid AND c."councilId" = ${councilId}::uuid
      AND ${inForce(filters)} ${lineInLocality(councilId, filters)}
    GROUP BY GROUPING SETS ((c.type), ())`);
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
        packages: r?.packages ?? 0,
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
