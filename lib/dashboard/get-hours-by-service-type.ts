import 'server-only';
import { Prisma, type PrismaClient, type ServiceType } from '@prisma/client';
import { SERVICE_TYPES } from '@/lib/package/package-schema';
import type { TDashboardFilters } from './filters';
import { WEEKS_A_YEAR } from './labels';
import { dashboardRows, inForce, lineInLocality, weeklySpend } from './sql';

// Weekly commissioned carer-hours and spend by service type (personal care, domestic, shopping,
// social inclusion, sitting, night, reablement) on the "as of" day: every placed service line in
// force, as the contract-type section counts them. Packages and providers count once per type
// and once overall. The average rate is weighted by hours: spend / hours.

export type TServiceTypeRow = {
  type: ServiceType;
  hours: number;
  share: number;
  packages: number;
  providers: number;
  spendPerWeek: number;
  spendPerYear: number;
  averageRate: number | null;
};

export async function getHoursByServiceType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{ type: ServiceType | null; hours: number; spend: number; packages: number; providers: number }>(
    prisma,
    Prisma.sql`
    SELECT l.type::text AS type, sum(l."hoursPerWeek")::float8 AS hours, sum(${weeklySpend})::float8 AS spend,
           count(DISTINCT l."packageId")::int AS packages, count(DISTINCT l."providerId")::int AS providers
    FROM "ServiceLine" l
    WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
    GROUP BY GROUPING SETS ((l.type), ())`,
  );
  const byType = new Map(rows.map((r) => [r.type, r]));
  const all = byType.get(null);
  const totalHours = all?.hours ?? 0;
  const totalSpend = all?.spend ?? 0;
  return {
    rows: SERVICE_TYPES.map((type): TServiceTypeRow => {
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
