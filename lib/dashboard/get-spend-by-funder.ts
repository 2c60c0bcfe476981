import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { REABLEMENT_FREE_WEEKS, type TFundingArrangement, type TWeeklySplit } from '@/lib/domain/funding';
import type { TDashboardFilters } from './filters';

// Spend a week on the "as of" day by who pays it: each package with placed lines in force, its
// week split between council, ICB and the person as weeklySplit (lib/domain/funding.ts) splits
// it, grouped by how the package is funded. Read from the spans the database keeps of each
// package's week (PackageFundingSpan, package_funding_spans migration): one narrow row a package,
// from a covering index. The integration tests recount it from the lines with weeklySplit.

export const ARRANGEMENTS: readonly TFundingArrangement[] = ['COUNCIL', 'ICB', 'SPLIT', 'S117'];

export type TFunderRow = TWeeklySplit & { arrangement: TFundingArrangement; packages: number };

type TArrangementSums = TFunderRow & { reviewsOverdue: number };

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
  const found = await prisma.$queryRaw<TArrangementSums[]>`
    SELECT s."arrangement", count(*)::int AS packages, sum(s."council" - s.charged)::float8 AS council, sum(s."icb")::float8 AS icb,
           sum(s.charged)::float8 AS person, sum(s."total")::float8 AS total, (count(*) FILTER (WHERE s.overdue))::int AS "reviewsOverdue"
    FROM (
      SELECT f."arrangement", f."total", f."council", f."icb", ${charged} AS charged, ${overdue} AS overdue
      FROM "PackageFundingSpan" f
      -- "end" > "start" holds for every span; it names the covering indexes, which are partial on it.
      WHERE f."councilId" = ${councilId}::uuid AND f."end" > ${filters.asOf}::date AND f."start" <= ${filters.asOf}::date AND f."end" > f."start"
        ${filters.localityId ? Prisma.sql`AND f."localityId" = ${filters.localityId}::uuid` : Prisma.empty}
    ) s
    GROUP BY s."arrangement"`;
  const byArrangement = new Map(found.map((r) => [r.arrangement, r]));
  const rows: TFunderRow[] = ARRANGEMENTS.map((arrangement) => {
    const { reviewsOverdue: _overdue, ...row } = byArrangement.get(arrangement) ?? {
      arrangement,
      packages: 0,
      council: 0,
      icb: 0,
      person: 0,
      total: 0,
      reviewsOverdue: 0,
    };
    return row;
  });
  const sum = (key: 'council' | 'icb' | 'person' | 'total' | 'packages') => pence(rows.reduce((s, r) => s + r[key], 0));
  return {
    rows,
    total: { packages: sum('packages'), council: sum('council'), icb: sum('icb'), person: sum('person'), total: sum('total') },
    reviewsOverdue: found.reduce((n, r) => n + r.reviewsOverdue, 0),
  };
}

const pence = (n: number) => Math.round(n * 100) / 100;
