import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { LOCALITY_SHARE_AIM } from './labels';
import { dashboardRows, inForce, lineInLocality } from './sql';
import { contractInForceSql } from '@/lib/domain/contract';

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

export type TSharedHolderRow = {
  localityId: string;
  locality: string;
  contractId: string;
  reference: string;
  provider: string;
  target: number;
  hours: number;
  localityHours: number;
  share: number;
};

/**
 * Localities shared by target (docs/contracts.md): for each holder whose contract is in force on the
 * "as of" day with a target share of a locality, its actual share against that target: weekly
 * carer-hours in force that day placed under its contract in the locality (by the package's
 * locality), over all placed hours there.
 */
export async function getSharedLocalityShares(prisma: PrismaClient, councilId: string, filters: TDashboardFilters): Promise<TSharedHolderRow[]> {
  const locality = filters.localityId ? Prisma.sql`AND cl."localityId" = ${filters.localityId}::uuid` : Prisma.empty;
  const rows = await dashboardRows<{
    locality_id: string;
    locality: string;
    contract_id: string;
    reference: string;
    provider: string;
    target: number;
    hours: number;
    locality_hours: number;
  }>(
    prisma,
    Prisma.sql`
    WITH day AS (SELECT ${filters.asOf}::date AS as_of),
    holders AS (
      SELECT cl."localityId" AS locality_id, c.id AS contract_id, c.reference, p.name AS provider, cl."targetShare" AS target
      FROM "ContractLocality" cl
      JOIN "Contract" c ON c."councilId" = cl."councilId" AND c.id = cl."contractId"
      JOIN "Provider" p ON p.id = c."providerId"
      CROSS JOIN day
      WHERE cl."councilId" = ${councilId}::uuid AND cl."targetShare" IS NOT NULL AND ${Prisma.raw(contractInForceSql('c', 'day.as_of'))} ${locality}
    ),
    placed AS (
      SELECT l."packageLocalityId" AS locality_id, l."contractId" AS contract_id, sum(l."hoursPerWeek") AS hours
      FROM "ServiceLine" l
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce(filters)} AND l."packageLocalityId" IN (SELECT locality_id FROM holders)
      GROUP BY l."packageLocalityId", l."contractId"
    )
    SELECT h.locality_id::text, loc.name AS locality, h.contract_id::text, h.reference, h.provider, h.target::float8 AS target,
           coalesce((SELECT sum(pl.hours) FROM placed pl WHERE pl.locality_id = h.locality_id AND pl.contract_id = h.contract_id), 0)::float8 AS hours,
           coalesce((SELECT sum(pl.hours) FROM placed pl WHERE pl.locality_id = h.locality_id), 0)::float8 AS locality_hours
    FROM holders h
    JOIN "Locality" loc ON loc."councilId" = ${councilId}::uuid AND loc.id = h.locality_id
    ORDER BY loc.name, h.target DESC, h.reference`,
  );
  return rows.map((r) => ({
    localityId: r.locality_id,
    locality: r.locality,
    contractId: r.contract_id,
    reference: r.reference,
    provider: r.provider,
    target: r.target,
    hours: r.hours,
    localityHours: r.locality_hours,
    share: r.locality_hours ? r.hours / r.locality_hours : 0,
  }));
}
