import 'server-only';
import type { PrismaClient, ServiceType } from '@prisma/client';
import { SERVICE_TYPES } from '@/lib/package/package-schema';
import type { TDashboardFilters } from './filters';
import { WEEKS_A_YEAR } from './labels';
import { figuresByKind, MARKET_KEY_DIM } from './market-keys';

// Weekly commissioned carer-hours and spend by service type (personal care, domestic, shopping,
// social inclusion, sitting, night, reablement) on the "as of" day: every placed service line in
// force, as the contract-type section counts them. Packages and providers count once per type
// and once overall. The average rate is weighted by hours: spend / hours. Read from the rollup by
// kind the database keeps (market-keys.ts), not from the lines.

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
  const { byKind, all } = await figuresByKind(prisma, councilId, filters, MARKET_KEY_DIM.serviceType);
  const totalHours = all.hours;
  const totalSpend = all.spend;
  return {
    rows: SERVICE_TYPES.map((type): TServiceTypeRow => {
      const r = byKind.get(type);
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
    packages: all.packages,
    providers: all.providers,
    spendPerWeek: totalSpend,
    spendPerYear: totalSpend * WEEKS_A_YEAR,
    averageRate: totalHours ? totalSpend / totalHours : null,
  };
}
