import 'server-only';
import type { PrismaClient } from '@prisma/client';

// The market rollups (MarketDayChange, MarketKeyChange) are append-only: each change to the placed
// lines adds rows of its own, so acceptances never wait on each other's rows. Every few minutes
// the worker folds each council's rows of a day back into one (market_rollup_compact, in the
// market_rollup_append_only migration), which keeps the dashboards' reads as short as before.
// No figure changes, so it is not a change to any record.

/** Folds every council's rollup rows together; how many rows fewer there are, in all. */
export async function compactMarketRollups(prisma: PrismaClient): Promise<{ councils: number; rowsFolded: number }> {
  const councils = await prisma.council.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  let rowsFolded = 0;
  for (const { id } of councils) {
    const [r] = await prisma.$queryRaw<{ dayRows: bigint; keyRows: bigint }[]>`SELECT * FROM market_rollup_compact(${id}::uuid)`;
    rowsFolded += Number(r.dayRows) + Number(r.keyRows);
  }
  return { councils: councils.length, rowsFolded };
}
