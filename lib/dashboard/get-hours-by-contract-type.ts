import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { WEEKS_A_YEAR } from './labels';
import { figuresByKind, MARKET_KEY_DIM } from './market-keys';

// Weekly commissioned carer-hours and spend by contract type, on the "as of" day: every placed
// service line in force, whatever state its package is in (see get-unended-lines for the lines
// that should have ended). The average rate is weighted by hours: spend / hours. Read from the
// rollup by kind the database keeps (market-keys.ts), not from the lines.

export async function getHoursByContractType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const { byKind, all } = await figuresByKind(prisma, councilId, filters, MARKET_KEY_DIM.contractType);
  const totalHours = all.hours;
  const totalSpend = all.spend;
  return {
    rows: CONTRACT_TYPES.map((type) => {
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
