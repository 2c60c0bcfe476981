import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { LOCALITY_SHARE_AIM } from './labels';
import { dashboardRows, inForce, lineInLocality } from './sql';

// How much of each locality's commissioned care its locality providers carry, against the aim of
// 70%: hours in force on the "as of" day, by the package's locality, placed under a LOCALITY
// contract that covers that same locality, over all placed hours there.

export async function getLocalityShare(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  // Lines are summed by their package's locality and contract first (the line carries its
  // package's locality, so no package is read), then each contract's locality cover is looked up
  // once per (locality, contract), not once per line.
  const rows = await dashboardRows<{ locality_id: string; name: string; rural: boolean; hours: number; locality_hours: number }>(
    prisma,
    Prisma.sql`
    WITH by_contract AS (
      SELECT l."packageLocalityId" AS locality_id, l."contractId" AS contract_id, sum(l."hoursPerWeek") AS hours
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} ${lineInLocality(filters)}
      GROUP BY l."packageLocalityId", l."contractId"
    )
    SELECT loc.id::text AS locality_id, loc.name, loc.rural,
           coalesce(sum(b.hours), 0)::float8 AS hours,
           coalesce(sum(b.hours) FILTER (WHERE c.type = 'LOCALITY' AND EXISTS (
             SELECT 1 FROM "ContractLocality" cl
             WHERE cl."councilId" = ${councilId}::uuid AND cl."contractId" = c.id AND cl."localityId" = b.locality_id)), 0)::float8 AS locality_hours
    FROM by_contract b
    JOIN "Contract" c ON c."councilId" = ${councilId}::uuid AND c.id = b.contract_id
    JOIN "Locality" loc ON loc."councilId" = ${councilId}::uuid AND loc.id = b.locality_id
    GROUP BY loc.id, loc.name, loc.rural
    ORDER BY loc.name`,
  );
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
