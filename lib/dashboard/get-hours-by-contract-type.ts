import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { hoursAndSpendByKind, MARKET_KEY_DIM } from './market-keys';

// Weekly commissioned carer-hours and spend by contract type, on the "as of" day: every placed
// service line in force, whatever state its package is in (see get-unended-lines for the lines
// that should have ended). The average rate is weighted by hours: spend / hours. Read from the
// rollup by kind the database keeps (market-keys.ts), not from the lines.

export async function getHoursByContractType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  return hoursAndSpendByKind(prisma, councilId, filters, MARKET_KEY_DIM.contractType, CONTRACT_TYPES);
}
