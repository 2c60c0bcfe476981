import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { bandOf, dashboardRows, inLocality } from './sql';
import { carerHoursSql } from '@/lib/domain/carer-hours';
import { OFFERING_STATUSES, statusListSql } from '@/lib/domain/package-status';
import { londonDaySql, visitInForceSql } from '@/lib/domain/visit-versions';

// Packages waiting for a provider now (status OFFERING or OPEN_MARKET), with their weekly
// carer-hours (lib/domain/carer-hours.ts), overall and by how long they have waited since they
// last went to market (Package.marketEnteredAt: posted, or out again after a placement ended),
// locality, rural or urban, band of the earliest visit, and one or two carers.

export const AGE_BUCKETS = [
  { key: 'A_UNDER_4H', label: 'Under 4 hours', fromHours: 0 },
  { key: 'B_4H_1D', label: '4 to 24 hours', fromHours: 4 },
  { key: 'C_1D_3D', label: '1 to 3 days', fromHours: 24 },
  { key: 'D_3D_7D', label: '3 to 7 days', fromHours: 72 },
  { key: 'E_1W_2W', label: '1 to 2 weeks', fromHours: 168 },
  { key: 'F_2W_PLUS', label: '2 weeks or more', fromHours: 336 },
] as const;

export type TWaitingRow = {
  dimension: 'all' | 'age' | 'locality' | 'rural' | 'band' | 'doubleHanded';
  key: string;
  label: string;
  packages: number;
  hours: number;
};

export async function getWaitingNow(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const now = Prisma.sql`(${filters.now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const age = Prisma.sql`CASE ${Prisma.join(
    [...AGE_BUCKETS].reverse().map((b) => Prisma.sql`WHEN age_hours >= ${b.fromHours} THEN ${b.key}`),
    ' ',
  )} ELSE ${AGE_BUCKETS[0].key} END`;
  const rows = await dashboardRows<{ dimension: TWaitingRow['dimension']; key: string | null; label: string | null; packages: number; hours: number }>(
    prisma,
    Prisma.sql`
    WITH waiting AS (
      SELECT pk.id, pk."localityId" AS locality_id, loc.name AS locality, loc.rural,
             extract(epoch FROM ${now} - coalesce(pk."marketEnteredAt", ${now}))::float8 / 3600 AS age_hours,
             ${Prisma.raw(carerHoursSql())} AS hours,
             coalesce(bool_or(v.carers = 2), false) AS double_handed,
             min(v.start) AS first_start
      FROM "Package" pk
      JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
      LEFT JOIN "Visit" v ON v."councilId" = pk."councilId" AND v."packageId" = pk.id AND ${Prisma.raw(visitInForceSql('v', londonDaySql(filters.now)))}
      WHERE pk."councilId" = ${councilId}::uuid AND pk.status IN ${Prisma.raw(statusListSql(OFFERING_STATUSES))} ${inLocality(filters)}
      GROUP BY pk."councilId", pk.id, loc.name, loc.rural
    ), classed AS (
      SELECT *, ${age} AS age, ${bandOf('first_start')} AS band FROM waiting
    )
    SELECT CASE WHEN GROUPING(age) = 0 THEN 'age' WHEN GROUPING(locality_id) = 0 THEN 'locality'
                WHEN GROUPING(rural) = 0 THEN 'rural' WHEN GROUPING(band) = 0 THEN 'band'
                WHEN GROUPING(double_handed) = 0 THEN 'doubleHanded' ELSE 'all' END AS dimension,
           coalesce(age, locality_id::text, rural::text, band, double_handed::text) AS key,
           max(locality) AS label,
           count(*)::int AS packages,
           sum(hours)::float8 AS hours
    FROM classed
    GROUP BY GROUPING SETS ((), (age), (locality_id), (rural), (band), (double_handed))`,
  );
  const out: TWaitingRow[] = rows.map((r) => ({
    dimension: r.dimension,
    key: r.key ?? 'ALL',
    label: r.dimension === 'locality' ? (r.label ?? '') : (r.key ?? 'ALL'),
    packages: r.packages,
    hours: r.hours,
  }));
  const pick = (d: TWaitingRow['dimension']) => out.filter((r) => r.dimension === d);
  return {
    total: out.find((r) => r.dimension === 'all') ?? { dimension: 'all', key: 'ALL', label: 'ALL', packages: 0, hours: 0 },
    byAge: AGE_BUCKETS.map((b): TWaitingRow => {
      const r = pick('age').find((x) => x.key === b.key);
      return { dimension: 'age', key: b.key, label: b.label, packages: r?.packages ?? 0, hours: r?.hours ?? 0 };
    }),
    byLocality: pick('locality').sort((a, b) => a.label.localeCompare(b.label)),
    byRural: pick('rural').sort((a, b) => a.key.localeCompare(b.key)),
    byBand: pick('band'),
    byDoubleHanded: pick('doubleHanded').sort((a, b) => a.key.localeCompare(b.key)),
  };
}
