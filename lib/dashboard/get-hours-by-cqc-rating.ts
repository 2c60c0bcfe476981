import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { CQC_RATINGS } from './labels';
import { dashboardRows, inForce, lineInLocality } from './sql';

// Weekly carer-hours in force on the "as of" day by the delivering provider's current CQC rating.

export type THoursByCqcRating = Awaited<ReturnType<typeof getHoursByCqcRating>>;

export async function getHoursByCqcRating(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{ rating: string; hours: number; providers: number; packages: number }>(prisma, Prisma.sql`
    SELECT p."cqcRating"::text AS rating,
           sum(l."hoursPerWeek")::float8 AS hours,
           count(DISTINCT l."providerId")::int AS providers,
           count(DISTINCT l."packageId")::int AS packages
    FROM "ServiceLine" l
    JOIN "Provider" p ON p.id = l."providerId"
    WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(councilId, filters)}
    GROUP BY p."cqcRating"`);
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
