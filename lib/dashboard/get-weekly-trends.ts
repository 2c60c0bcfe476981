import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { lineInLocality } from './sql';

// Two years of the market week by week: on each of the 104 days a week apart ending on the "as of"
// day, the placed service lines in force that day (startDate <= d < endDate, as every section
// counts them): weekly carer-hours, weekly cost (hours × rate), packages and people with at least
// one such line, average hours per person, and the shares of hours placed under locality, ISF and
// spot contracts (the rest are STEP, discharge and ICB).
//
// One pass over the lines, not one per week: each line adds its hours and cost from its start and
// takes them away from its end, and a running sum reads each week's total. Packages and people
// are counted the same way from the spans in which they have a line in force (a package's or a
// person's overlapping lines merged into one span), so each is counted once a week, exactly.

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
  // The week an event on date `at` first counts in: the first snapshot day on or after it.
  const week = (at: string) => Prisma.raw(`greatest(0, ceil((${at} - first_day) / 7.0))::int`);
  // Every line of two years is read and sorted: on a market of a million lines this takes seconds,
  // longer than the few a dashboard query gets, so it runs in a transaction of its own with room
  // to sort in memory.
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
  const query = Prisma.sql`
    WITH params AS (SELECT ${first} AS first_day),
    lines AS (
      SELECT l."packageId" AS package_id, l."startDate" AS s, coalesce(l."endDate", 'infinity'::date) AS e,
             l."hoursPerWeek" AS h, l."hoursPerWeek" * l."hourlyRate" AS c, l."contractType" AS t
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND l."contractId" IS NOT NULL
        AND coalesce(l."endDate", 'infinity'::date) > ${first} AND l."startDate" <= ${filters.asOf}::date
        ${lineInLocality(filters)}
    ),
    sums AS (
      SELECT ${week('s')} AS i, sum(h) AS h, sum(c) AS c,
             sum(h) FILTER (WHERE t = 'LOCALITY') AS loc, sum(h) FILTER (WHERE t = 'ISF') AS isf, sum(h) FILTER (WHERE t = 'SPOT') AS spot
      FROM (SELECT s, h, c, t FROM lines UNION ALL SELECT e, -h, -c, t FROM lines WHERE e < 'infinity') ev, params
      GROUP BY 1
    ),
    -- Spans in which a package (kind 0) or a person (kind 1) has a line in force: lines in start
    -- order, a new span wherever a line starts after every earlier one has ended.
    owned AS (
      SELECT 0 AS kind, l.package_id AS owner, l.s, l.e FROM lines l
      UNION ALL
      SELECT 1, pk."personId", l.s, l.e FROM lines l JOIN "Package" pk ON pk."councilId" = ${councilId}::uuid AND pk.id = l.package_id
    ),
    marked AS (
      SELECT kind, owner, s, e,
             CASE WHEN s <= max(e) OVER (PARTITION BY kind, owner ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS starts
      FROM owned
    ),
    spans AS (
      SELECT kind, min(s) AS s, max(e) AS e
      FROM (SELECT *, sum(starts) OVER (PARTITION BY kind, owner ORDER BY s, e) AS span FROM marked) m
      GROUP BY kind, owner, span
    ),
    counts AS (
      SELECT ${week('at')} AS i, sum(d) FILTER (WHERE kind = 0) AS packages, sum(d) FILTER (WHERE kind = 1) AS people
      FROM (SELECT kind, s AS at, 1 AS d FROM spans UNION ALL SELECT kind, e, -1 FROM spans WHERE e < 'infinity') ev, params
      GROUP BY 1
    ),
    weeks AS (SELECT generate_series(0, ${TREND_WEEKS - 1}::int) AS i)
    SELECT w.i,
           coalesce(sum(s.h) OVER run, 0)::float8 AS hours, coalesce(sum(s.c) OVER run, 0)::float8 AS cost,
           coalesce(sum(s.loc) OVER run, 0)::float8 AS locality, coalesce(sum(s.isf) OVER run, 0)::float8 AS isf,
           coalesce(sum(s.spot) OVER run, 0)::float8 AS spot,
           coalesce(sum(c.packages) OVER run, 0)::int AS packages, coalesce(sum(c.people) OVER run, 0)::int AS people
    FROM weeks w
    LEFT JOIN sums s ON s.i = w.i
    LEFT JOIN counts c ON c.i = w.i
    WINDOW run AS (ORDER BY w.i)
    ORDER BY w.i`;
  const rows = await prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('work_mem', '256MB', true)`;
      return tx.$queryRaw<TRow[]>(query);
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
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
