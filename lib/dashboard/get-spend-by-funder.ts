import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { exactWeekOf, inPounds, REABLEMENT_FREE_WEEKS, type TFundingArrangement, type TWeeklySplit } from '@/lib/domain/funding';
import type { TDashboardFilters } from './filters';

// Spend a week on the "as of" day by who pays it: each package with placed lines in force, its
// week split between council, ICB and the person as weekOfCare (lib/domain/funding.ts) splits it,
// grouped by how the package is funded. Read from the spans the database keeps of each package's
// week (PackageFundingSpan, package_funding_spans migration): one narrow row a package, from a
// covering index. Each group's weeks are added exactly and rounded once (inPounds), so the whole
// equals the market's spend a week in the other sections. The integration tests recount it from
// the lines with weekOfCare.

export const ARRANGEMENTS: readonly TFundingArrangement[] = ['COUNCIL', 'ICB', 'SPLIT', 'S117'];

export type TFunderRow = TWeeklySplit & { arrangement: TFundingArrangement; packages: number };

/**
 * A span's contribution is charged on the day unless it is reablement's, which is charged only
 * after its free weeks and from the first week starting on or after its review
 * (reablementCharging); a review not held by the end of the free weeks is overdue.
 */
function reablementOn(asOf: string) {
  const day = Prisma.sql`${asOf}::date`;
  const free = Prisma.sql`${REABLEMENT_FREE_WEEKS * 7}::int`;
  return {
    charged: Prisma.sql`CASE WHEN f."careStart" IS NULL THEN f."contribution"
      WHEN ${day} >= f."careStart" + ${free} AND f."reviewedOn" <= f."careStart" + 7 * ((${day} - f."careStart") / 7) THEN f."contribution"
      ELSE 0 END`,
    overdue: Prisma.sql`f."careStart" IS NOT NULL AND f."reviewedOn" IS NULL AND ${day} >= f."careStart" + ${free}`,
  };
}

export async function getSpendByFunder(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const { charged, overdue } = reablementOn(filters.asOf);
  // Each arrangement's exact sums, as decimal text.
  const found = await prisma.$queryRaw<
    { arrangement: TFundingArrangement; packages: number; total: string; icb: string; person: string; reviewsOverdue: number }[]
  >`
    SELECT s."arrangement", count(*)::int AS packages, sum(s."total")::text AS total, sum(s."icb")::text AS icb, sum(s.charged)::text AS person,
           (count(*) FILTER (WHERE s.overdue))::int AS "reviewsOverdue"
    FROM (
      SELECT f."arrangement", f."total", f."icb", ${charged} AS charged, ${overdue} AS overdue
      FROM "PackageFundingSpan" f
      -- "end" > "start" holds for every span; it names the covering indexes, which are partial on it.
      WHERE f."councilId" = ${councilId}::uuid AND f."end" > ${filters.asOf}::date AND f."start" <= ${filters.asOf}::date AND f."end" > f."start"
        ${filters.localityId ? Prisma.sql`AND f."localityId" = ${filters.localityId}::uuid` : Prisma.empty}
    ) s
    GROUP BY s."arrangement"`;
  const weeks = new Map(found.map((r) => [r.arrangement, { packages: r.packages, week: exactWeekOf(r) }]));
  const none = { packages: 0, week: { total: 0n, icb: 0n, person: 0n } };
  // Every package: the arrangements' exact sums added, then rounded like each of them.
  const all = [...weeks.values()].reduce(
    (s, r) => ({
      packages: s.packages + r.packages,
      week: { total: s.week.total + r.week.total, icb: s.week.icb + r.week.icb, person: s.week.person + r.week.person },
    }),
    none,
  );
  const figures = ({ packages, week }: typeof none) => ({ packages, ...inPounds(week) });
  return {
    rows: ARRANGEMENTS.map((arrangement): TFunderRow => ({ arrangement, ...figures(weeks.get(arrangement) ?? none) })),
    total: figures(all),
    reviewsOverdue: found.reduce((n, r) => n + r.reviewsOverdue, 0),
  };
}
