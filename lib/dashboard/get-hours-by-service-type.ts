import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { SERVICE_TYPES } from '@/lib/package/package-schema';
import type { TDashboardFilters } from './filters';
import { hoursAndSpendByKind, MARKET_KEY_DIM } from './market-keys';

// Weekly commissioned carer-hours and spend by service type (personal care, domestic, shopping,
// social inclusion, sitting, night, reablement) on the "as of" day: every placed service line in
// force, as the contract-type section counts them. Packages and providers count once per type
// and once overall. The average rate is weighted by hours: spend / hours. Read from the rollup by
// kind the database keeps (market-keys.ts), not from the lines.

export async function getHoursByServiceType(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  return hoursAndSpendByKind(prisma, councilId, filters, MARKET_KEY_DIM.serviceType, SERVICE_TYPES);
}
