import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CQC_RATINGS } from './labels';
import { figuresByKind, MARKET_KEY_DIM } from './market-keys';

// Weekly carer-hours in force on the "as of" day by the delivering provider's current CQC rating
// (the line carries its provider's rating, kept equal to it by the database), with the providers
// and packages that have such a line. Read from the rollup by kind the database keeps
// (market-keys.ts), not from the lines.

export async function getHoursByCqcRating(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const { byKind, all } = await figuresByKind(prisma, councilId, filters, MARKET_KEY_DIM.cqcRating);
  const total = all.hours;
  return {
    rows: CQC_RATINGS.map((rating) => {
      const r = byKind.get(rating);
      const hours = r?.hours ?? 0;
      return { rating, hours, share: total ? hours / total : 0, providers: r?.providers ?? 0, packages: r?.packages ?? 0 };
    }),
    totalHours: total,
  };
}
