import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { LOCALITY_SHARE_AIM } from './labels';
import { dashboardRows, inForce, inLocality } from './sql';

// How much of each locality's commissioned care its locality providers carry, against the aim of
// 70%: hours in force on the "as of" day, by the package's locality, placed under a LOCALITY
// contract that covers that same locality, over all placed hours there.

export type TLocalityShare = Awaited<ReturnType<typeof getLocalityShare>>;

export async function getLocalityShare(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const rows = await dashboardRows<{ locality_id: string; name: string; rural: boolean; hours: number; locality_hours: number }>(prisma, Prisma.sql`
    SELECT loc.id::text AS locality_id, loc.name, loc.rural,
           coalesce(sum(l."hoursPerWeek"), 0)::float8 AS hours,
           coalesce(sum(l."hoursPerWeek") FILTER (WHERE c.type = 'LOCALITY' AND EXISTS (
             SELECT 1 FROM "ContractLocality" cl
             WHERE cl."councilId" = ${councilId}::uuid AND cl."contractId" = c.id AND cl."localityId" = pk."localityId")), 0)::float8 AS locality_hours
    FROM "ServiceLine" l
    JOIN "Package" pk ON pk."councilId" = l."councilId" AND pk.id = l."packageId"
    JOIN "Contract" c ON c."councilId" = l."councilId" AND c.id = l."contractId"
    JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
    WHERE l."councilId" = ${councilId}::uuid AND pk."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${inLocality(filters)}
    GROUP BY loc.id, loc.name, loc.rural
    ORDER BY loc.name`);
  const hours = rows.reduce((s, r) => s + r.hours, 0);
  const localityHours = rows.reduce((s, r) => s + r.locality_hours, 0);
  return {
    aim: LOCALITY_SHARE_AIM,
    rows: rows.map((r) => ({
      localityId: r.locality_id,
      locality: r.name,
      rural: r.rural,
      hours: r.hours,
      localityHours: r.locality_hours,
      share: r.hours ? r.locality_hours / r.hours : 0,
    })),
    hours,
    localityHours,
    share: hours ? localityHours / hours : 0,
  };
}
