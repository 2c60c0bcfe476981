import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';

// Two years of the market week by week: on each of the 104 days a week apart ending on the "as of"
// day, the placed service lines in force that day (startDate <= d < endDate, as every section
// counts them): weekly carer-hours, weekly cost (hours × rate), packages and people with at least
// one such line, average hours per person, and the shares of hours placed under locality, ISF and
// spot contracts (the rest are STEP, discharge and ICB).
//
// Read from the rollup the database keeps (MarketDayChange, market_weekly_rollup migration): by
// how much the placed lines in force change on each day, for the council and for each locality.
// A running sum of the changes up to each week's day gives that week, exactly as a count of the
// lines would (the integration tests recount them): a few thousand rows, not every line.

export const TREND_WEEKS = 104;

export type TTrendWeek = {
  /** The day the figures are for (YYYY-MM-DD). */
  day: string;
  hours: number;
  cost: number;
  packages: number;
  people: number;
  hoursPerPerson: number | null;
  localityShare: number;
  isfShare: number;
  spotShare: number;
};

export async function getWeeklyTrends(prisma: PrismaClient, councilId: string, filters: TDashboardFilters): Promise<TTrendWeek[]> {
  const first = Prisma.sql`(${filters.asOf}::date - ${7 * (TREND_WEEKS - 1)}::int)`;
  type TRow = {
    i: number;
    hours: number;
    cost: number;
    locality: number;
    isf: number;
    spot: number;
    packages: number;
    people: number;
  };
  // The council's own rows, or the locality's; a change before the first week counts in it.
  const rows = await prisma.$queryRaw<TRow[]>`
    WITH changes AS (
      SELECT greatest(0, ceil((c."day" - ${first}) / 7.0))::int AS i, sum(c."hours") AS h, sum(c."cost") AS c,
             sum(c."localityHours") AS loc, sum(c."isfHours") AS isf, sum(c."spotHours") AS spot,
             sum(c."packages") AS packages, sum(c."people") AS people
      FROM "MarketDayChange" c
      WHERE c."councilId" = ${councilId}::uuid AND c."scope" = ${filters.localityId ?? councilId}::uuid AND c."day" <= ${filters.asOf}::date
      GROUP BY 1
    ),
    weeks AS (SELECT generate_series(0, ${TREND_WEEKS - 1}::int) AS i)
    SELECT w.i,
           coalesce(sum(c.h) OVER run, 0)::float8 AS hours, coalesce(sum(c.c) OVER run, 0)::float8 AS cost,
           coalesce(sum(c.loc) OVER run, 0)::float8 AS locality, coalesce(sum(c.isf) OVER run, 0)::float8 AS isf,
           coalesce(sum(c.spot) OVER run, 0)::float8 AS spot,
           coalesce(sum(c.packages) OVER run, 0)::int AS packages, coalesce(sum(c.people) OVER run, 0)::int AS people
    FROM weeks w
    LEFT JOIN changes c ON c.i = w.i
    WINDOW run AS (ORDER BY w.i)
    ORDER BY w.i`;
  const firstDay = Date.parse(`${filters.asOf}T00:00:00Z`) - 7 * (TREND_WEEKS - 1) * 86_400_000;
  // Sums of many decimals arrive with float noise: a week with nothing in force reads 0.
  const clean = (n: number) => (Math.abs(n) < 1e-9 ? 0 : n);
  return rows.map((r) => {
    const hours = clean(r.hours);
    return {
      day: new Date(firstDay + r.i * 7 * 86_400_000).toISOString().slice(0, 10),
      hours,
      cost: clean(r.cost),
      packages: r.packages,
      people: r.people,
      hoursPerPerson: r.people ? hours / r.people : null,
      localityShare: hours ? clean(r.locality) / hours : 0,
      isfShare: hours ? clean(r.isf) / hours : 0,
      spotShare: hours ? clean(r.spot) / hours : 0,
    };
  });
}
