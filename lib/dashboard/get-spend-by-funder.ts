import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { fundingArrangement, weeklySplit, type TFunding, type TFundingArrangement, type TWeeklySplit } from '@/lib/domain/funding';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inForce, lineInLocality, weeklySpend } from './sql';

// Spend a week on the "as of" day by who pays it: each placed line in force split between council
// and ICB by its share, the person's contribution taken off the council's part when they are
// charged (lib/domain/funding.ts), grouped by how the package is funded.

export const ARRANGEMENTS: readonly TFundingArrangement[] = ['COUNCIL', 'ICB', 'SPLIT', 'S117'];

export type TFunderRow = TWeeklySplit & { arrangement: TFundingArrangement; packages: number };

type TLineRow = {
  packageId: string;
  weeklyCost: number;
  lineShare: number | null;
  funding: TFunding;
  pathway: string;
  icbSharePercent: number | null;
  s117Aftercare: boolean;
  clientContributionWeekly: number | null;
  reviewedOn: string | null;
  careStart: string | null;
};

export async function getSpendByFunder(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const lines = await dashboardRows<TLineRow>(
    prisma,
    Prisma.sql`
    SELECT l."packageId" AS "packageId", (${weeklySpend})::float8 AS "weeklyCost", l."icbSharePercent"::float8 AS "lineShare",
      p."funding"::text AS "funding", p."pathway"::text AS "pathway", p."icbSharePercent"::float8 AS "icbSharePercent",
      p."s117Aftercare" AS "s117Aftercare", p."clientContributionWeekly"::float8 AS "clientContributionWeekly",
      to_char(p."reablementReviewedOn", 'YYYY-MM-DD') AS "reviewedOn",
      CASE WHEN p."pathway" = 'REABLEMENT' THEN (
        SELECT to_char(min(f."startDate"), 'YYYY-MM-DD') FROM "ServiceLine" f WHERE f."councilId" = l."councilId" AND f."packageId" = l."packageId"
      ) END AS "careStart"
    FROM "ServiceLine" l
    JOIN "Package" p ON p."councilId" = l."councilId" AND p."id" = l."packageId"
    WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}`,
  );
  const byPackage = new Map<string, TLineRow[]>();
  for (const l of lines) byPackage.set(l.packageId, [...(byPackage.get(l.packageId) ?? []), l]);
  const rows = new Map<TFundingArrangement, TFunderRow>(
    ARRANGEMENTS.map((arrangement) => [arrangement, { arrangement, packages: 0, council: 0, icb: 0, person: 0, total: 0 }]),
  );
  let reviewsOverdue = 0;
  for (const pkgLines of byPackage.values()) {
    const p = pkgLines[0];
    const pkg = { ...p, reablementReviewedOn: p.reviewedOn };
    const split = weeklySplit(
      pkg,
      pkgLines.map((l) => ({ weeklyCost: l.weeklyCost, icbSharePercent: l.lineShare })),
      filters.asOf,
      p.careStart,
    );
    const row = rows.get(fundingArrangement(pkg))!;
    row.packages += 1;
    row.council += split.council;
    row.icb += split.icb;
    row.person += split.person;
    row.total += split.total;
    if (split.reviewOverdue) reviewsOverdue += 1;
  }
  const out = [...rows.values()];
  const sum = (key: 'council' | 'icb' | 'person' | 'total' | 'packages') => out.reduce((s, r) => s + r[key], 0);
  return {
    rows: out,
    total: { packages: sum('packages'), council: sum('council'), icb: sum('icb'), person: sum('person'), total: sum('total') },
    reviewsOverdue,
  };
}
