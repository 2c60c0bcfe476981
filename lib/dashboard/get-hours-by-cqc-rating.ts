import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CQC_RATINGS } from './labels';
import { inForce, inLocality } from './sql';

// Weekly carer-hours in force on the "as of" day by the delivering provider's current CQC rating.

export type THoursByCqcRating = Awaited<ReturnType<typeof getHoursByCqcRating>>;

export async function getHoursByCqcRating(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await prisma.$queryRaw<{ rating: string; hours: number; providers: number; packages: number }[]>`
    SELECT p."cqcRating"::text AS rating,
           sum(l."hoursPerWeek")::float8 AS hours,
           count(DISTINCT l."providerId")::int AS providers,
           count(DISTINCT l."packageId")::int AS packages
    FROM "ServiceLine" l
    JOIN "Package" pk ON pk."councilId" = l."councilId" AND pk.id = l."packageId"
    JOIN "Provider" p ON p.id = l."providerId"
    WHERE l."councilId" = ${councilId}::uuid AND pk."councilId" = ${councilId}::uuid AND l."contractId" IS NOT NULL
      AND ${inForce(filters)} ${inLocality(filters)}
    GROUP BY p."cqcRating"`;
  const byRating = new Map(rows.map((r) => [r.rating, r]));
  const total = rows.reduce((s, r) => s + r.hours, 0);
  return {
    rows: CQC_RATINGS.map((rating) => {
      const r = byRating.get(rating);
      return { rating, hours: r?.hours ?? 0, share: total ? (r?.hours ?? 0) / total : 0, providers: r?.providers ?? 0, packages: r?.packages ?? 0 };
    }),
    totalHours: total,
  };
}
