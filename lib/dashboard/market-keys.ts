import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { WEEKS_A_YEAR } from './labels';

// The placed lines in force by kind, read from the rollup the database keeps (MarketKeyChange,
// market_key_rollup migration): by how much the lines of each contract type, service type or
// provider's CQC rating change on each day, for the council and for each locality. The running sum
// of the changes up to a day gives that day, exactly as a count of the lines would (the
// integration tests recount them): a few thousand rows, not every line.

/** What MarketKeyChange's "dim" counts by; its "key" is the enum's value ('' for a line with no provider). */
export const MARKET_KEY_DIM = { contractType: 1, serviceType: 2, cqcRating: 3 } as const;
/** dim 0 (key ''): providers with any line in force. */
const ALL_LINES = 0;

export type TKindFigures = { hours: number; spend: number; packages: number; providers: number };

const scopeOf = (councilId: string, filters: TDashboardFilters) => filters.localityId ?? councilId;

/**
 * On the "as of" day, in the filters' scope: carer-hours a week, weekly spend, packages and
 * providers with a line in force of each kind of `dim`, and all of them together (packages and
 * providers counted once each however many kinds they have).
 */
export async function figuresByKind(
  prisma: PrismaClient,
  councilId: string,
  filters: TDashboardFilters,
  dim: (typeof MARKET_KEY_DIM)[keyof typeof MARKET_KEY_DIM],
): Promise<{ byKind: Map<string, TKindFigures>; all: TKindFigures }> {
  const scope = scopeOf(councilId, filters);
  const inScope = Prisma.sql`"councilId" = ${councilId}::uuid AND "scope" = ${scope}::uuid AND "day" <= ${filters.asOf}::date`;
  const rows = await prisma.$queryRaw<(TKindFigures & { key: string | null })[]>`
    SELECT k."key", coalesce(sum(k."hours"), 0)::float8 AS hours, coalesce(sum(k."cost"), 0)::float8 AS spend,
           CASE WHEN GROUPING(k."key") = 0 THEN sum(k."packages")
                ELSE (SELECT coalesce(sum(d."packages"), 0) FROM "MarketDayChange" d WHERE ${inScope}) END::int AS packages,
           CASE WHEN GROUPING(k."key") = 0 THEN sum(k."providers")
                ELSE (SELECT coalesce(sum(a."providers"), 0) FROM "MarketKeyChange" a WHERE ${inScope} AND a."dim" = ${ALL_LINES}::smallint AND a."key" = '')
           END::int AS providers
    FROM "MarketKeyChange" k
    WHERE k."councilId" = ${councilId}::uuid AND k."scope" = ${scope}::uuid AND k."dim" = ${dim}::smallint AND k."day" <= ${filters.asOf}::date
    GROUP BY GROUPING SETS ((k."key"), ())`;
  const byKind = new Map<string, TKindFigures>();
  let all: TKindFigures = { hours: 0, spend: 0, packages: 0, providers: 0 };
  for (const { key, ...figures } of rows) {
    if (key === null) all = figures;
    else byKind.set(key, figures);
  }
  return { byKind, all };
}

type TSpendFigures = {
  hours: number;
  packages: number;
  providers: number;
  spendPerWeek: number;
  spendPerYear: number;
  averageRate: number | null;
};
export type THoursAndSpend<K extends string> = Omit<TSpendFigures, 'hours'> & {
  rows: (TSpendFigures & { type: K; share: number })[];
  totalHours: number;
};

/**
 * Carer-hours and spend a week of each kind in `kinds` (every one, those with nothing in force at
 * nought), with its share of the hours, packages, providers, spend a year and hours-weighted
 * average rate; and the same for all of them together.
 */
export async function hoursAndSpendByKind<K extends string>(
  prisma: PrismaClient,
  councilId: string,
  filters: TDashboardFilters,
  dim: (typeof MARKET_KEY_DIM)[keyof typeof MARKET_KEY_DIM],
  kinds: readonly K[],
): Promise<THoursAndSpend<K>> {
  const { byKind, all } = await figuresByKind(prisma, councilId, filters, dim);
  const totalHours = all.hours;
  const totalSpend = all.spend;
  return {
    rows: kinds.map((type) => {
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

/**
 * Spend of each contract type over the days `from` to `to` (inclusive): the weekly spend in force
 * on each day, summed, / 7. From the day changes: a change of weekly cost on day c counts on every
 * day of the period from c on, (to - greatest(c, from) + 1) days.
 */
export async function spendByContractTypeDuring(prisma: PrismaClient, councilId: string, filters: TDashboardFilters): Promise<Map<string, number>> {
  const { from, to } = filters;
  const rows = await prisma.$queryRaw<{ key: string; spend: number }[]>`
    SELECT k."key", sum(k."cost" * (${to}::date - greatest(k."day", ${from}::date) + 1))::float8 / 7 AS spend
    FROM "MarketKeyChange" k
    WHERE k."councilId" = ${councilId}::uuid AND k."scope" = ${scopeOf(councilId, filters)}::uuid AND k."dim" = ${MARKET_KEY_DIM.contractType}::smallint
      AND k."day" <= ${to}::date
    GROUP BY k."key"`;
  return new Map(rows.map((r) => [r.key, r.spend]));
}
