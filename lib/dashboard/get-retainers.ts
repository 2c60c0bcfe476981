import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { dashboardRows, inLocality } from './sql';

// Hospital retainers in the period (the "from" to "to" days, inclusive): hospital stays that
// overlap it, the retainer days paid in it, and what came of the stays that ended in it: the
// provider took the person back, or handed the package back. A retainer day is one from admission
// to the retainer's last day, before the day the person came home (as payments count them,
// lib/money/payment-sql.ts). Overall, by the provider holding the retainer and by locality.

export type TRetainerRow = {
  dimension: 'all' | 'provider' | 'locality';
  key: string | null;
  label: string;
  stays: number;
  daysPaid: number;
  returned: number;
  resumed: number;
  handedBack: number;
  stillInHospital: number;
};

export async function getRetainers(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const from = Prisma.sql`${filters.from}::date`;
  const to = Prisma.sql`${filters.to}::date`;
  const rows = await dashboardRows<{
    dimension: TRetainerRow['dimension'];
    key: string | null;
    label: string | null;
    stays: number;
    days_paid: number;
    returned: number;
    resumed: number;
    handed_back: number;
    still_in: number;
  }>(
    prisma,
    Prisma.sql`
    WITH stays AS (
      SELECT s."providerId" AS provider_id, pv.name AS provider, pk."localityId" AS locality_id, loc.name AS locality, s.outcome::text AS outcome,
             greatest(0, least(s."retainerUntil", coalesce(s."returnedOn" - 1, s."retainerUntil"), ${to}) - greatest(s."admittedOn", ${from}) + 1) AS days_paid,
             (s."returnedOn" >= ${from} AND s."returnedOn" <= ${to}) AS returned_in,
             s."returnedOn" IS NULL AS still_in
      FROM "HospitalStay" s
      JOIN "Package" pk ON pk."councilId" = s."councilId" AND pk.id = s."packageId"
      JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
      JOIN "Provider" pv ON pv.id = s."providerId"
      WHERE s."councilId" = ${councilId}::uuid AND s."admittedOn" <= ${to} AND (s."returnedOn" IS NULL OR s."returnedOn" >= ${from})
        ${inLocality(filters)}
    )
    SELECT CASE WHEN GROUPING(provider_id) = 0 THEN 'provider' WHEN GROUPING(locality_id) = 0 THEN 'locality' ELSE 'all' END AS dimension,
           coalesce(provider_id::text, locality_id::text) AS key,
           coalesce(max(provider), max(locality)) AS label,
           count(*)::int AS stays,
           coalesce(sum(days_paid), 0)::int AS days_paid,
           count(*) FILTER (WHERE returned_in)::int AS returned,
           count(*) FILTER (WHERE returned_in AND outcome = 'RESUMED')::int AS resumed,
           count(*) FILTER (WHERE returned_in AND outcome = 'HANDED_BACK')::int AS handed_back,
           count(*) FILTER (WHERE still_in)::int AS still_in
    FROM stays
    GROUP BY GROUPING SETS ((), (provider_id), (locality_id))`,
  );
  const out: TRetainerRow[] = rows.map((r) => ({
    dimension: r.dimension,
    key: r.key,
    label: r.label ?? 'All hospital stays',
    stays: r.stays,
    daysPaid: r.days_paid,
    returned: r.returned,
    resumed: r.resumed,
    handedBack: r.handed_back,
    stillInHospital: r.still_in,
  }));
  const pick = (d: TRetainerRow['dimension']) => out.filter((r) => r.dimension === d).sort((a, b) => a.label.localeCompare(b.label));
  return {
    overall: out.find((r) => r.dimension === 'all' && r.stays > 0) ?? null,
    byProvider: pick('provider'),
    byLocality: pick('locality'),
  };
}
