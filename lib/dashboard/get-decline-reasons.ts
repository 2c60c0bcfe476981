import 'server-only';
import { Prisma, type DeclineReason, type PrismaClient } from '@prisma/client';
import { BANDS } from '@/lib/domain/carer-hours';
import type { TDashboardFilters } from './filters';
import { bandOf, dashboardRows, inLocality, londonMidnight } from './sql';

// Why providers decline: offers declined between the "from" and "to" days (London days, by when the
// provider answered), counted by the reason given, overall and by provider, the package's locality,
// the band of its earliest visit start (firstVisitStart, kept by the database) and London month.
// An offer declined without a reason (before reasons were asked for) counts as NONE.

export const DECLINE_REASONS = ['NO_CAPACITY', 'TIMES', 'AREA', 'SKILLS', 'OTHER', 'NONE'] as const satisfies readonly (DeclineReason | 'NONE')[];
export type TDeclineReasonKey = (typeof DECLINE_REASONS)[number];

export type TDeclineRow = {
  dimension: 'all' | 'provider' | 'locality' | 'band' | 'month';
  /** Provider or locality id, band code, or month as YYYY-MM. */
  key: string;
  label: string;
  total: number;
  byReason: Record<TDeclineReasonKey, number>;
};

const bandOrder = (band: string) => {
  const i = (BANDS as readonly string[]).indexOf(band);
  return i < 0 ? BANDS.length : i;
};

export async function getDeclineReasons(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{
    dimension: TDeclineRow['dimension'];
    key: string | null;
    label: string | null;
    reason: TDeclineReasonKey;
    declines: number;
  }>(
    prisma,
    Prisma.sql`
    WITH declined AS (
      SELECT coalesce(o."declineReason"::text, 'NONE') AS reason, o."providerId" AS provider_id, pv.name AS provider,
             pk."localityId" AS locality_id, loc.name AS locality, ${bandOf('pk."firstVisitStart"')} AS band,
             to_char((o."respondedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month
      FROM "Offer" o
      JOIN "Package" pk ON pk."councilId" = o."councilId" AND pk.id = o."packageId"
      JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
      JOIN "Provider" pv ON pv.id = o."providerId"
      WHERE o."councilId" = ${councilId}::uuid AND o.status = 'DECLINED'
        AND o."respondedAt" >= ${londonMidnight(filters.from)} AND o."respondedAt" < ${londonMidnight(filters.to, 1)}
        ${inLocality(filters)}
    )
    SELECT CASE WHEN GROUPING(provider_id) = 0 THEN 'provider' WHEN GROUPING(locality_id) = 0 THEN 'locality'
                WHEN GROUPING(band) = 0 THEN 'band' WHEN GROUPING(month) = 0 THEN 'month' ELSE 'all' END AS dimension,
           coalesce(provider_id::text, locality_id::text, band, month) AS key,
           coalesce(max(provider), max(locality)) AS label,
           reason,
           count(*)::int AS declines
    FROM declined
    GROUP BY GROUPING SETS ((reason), (provider_id, reason), (locality_id, reason), (band, reason), (month, reason))`,
  );
  const groups = new Map<string, TDeclineRow>();
  for (const r of rows) {
    const key = r.key ?? 'ALL';
    const id = `${r.dimension}:${key}`;
    let g = groups.get(id);
    if (!g) {
      const label = r.dimension === 'provider' || r.dimension === 'locality' ? (r.label ?? '') : key;
      g = {
        dimension: r.dimension,
        key,
        label,
        total: 0,
        byReason: Object.fromEntries(DECLINE_REASONS.map((x) => [x, 0])) as Record<TDeclineReasonKey, number>,
      };
      groups.set(id, g);
    }
    g.byReason[r.reason] += r.declines;
    g.total += r.declines;
  }
  const all = [...groups.values()];
  const pick = (d: TDeclineRow['dimension']) => all.filter((g) => g.dimension === d);
  return {
    overall: pick('all')[0] ?? null,
    byProvider: pick('provider').sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)),
    byLocality: pick('locality').sort((a, b) => a.label.localeCompare(b.label)),
    byBand: pick('band').sort((a, b) => bandOrder(a.key) - bandOrder(b.key)),
    byMonth: pick('month').sort((a, b) => a.key.localeCompare(b.key)),
  };
}
