import 'server-only';
import { Prisma, type CqcRating, type PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { carerHoursSql } from '@/lib/domain/carer-hours';
import { LIVE_STATUSES, statusListSql, type TLiveStatus } from '@/lib/domain/package-status';
import { londonDaySql, visitInForceSql } from '@/lib/domain/visit-versions';

// What a provider holds for the council right now: every package it is delivering (placed, or the
// person is in hospital on a retainer) through an open placement. When a provider fails, this is
// the work to re-place and the people affected.

export type TProviderPackage = {
  packageId: string;
  reference: string;
  status: TLiveStatus;
  pathway: 'LONG_TERM' | 'REABLEMENT' | 'HOSPITAL_DISCHARGE';
  localityId: string;
  locality: string;
  /** Carer-hours a week from the visits (a double-handed hour counts twice), as the engine counts them. */
  carerHours: number;
  doubleHanded: boolean;
  placedSince: Date;
};

export type TProviderPackageTotals = { packages: number; people: number; carerHours: number; doubleHanded: number; localities: number };

export type TProviderPackages = {
  provider: { id: string; name: string; cqcRating: CqcRating; status: 'ACTIVE' | 'SUSPENDED'; statusReason: string | null; statusChangedAt: Date };
  totals: TProviderPackageTotals;
  packages: TProviderPackage[];
};

/** The packages `providerId` is delivering for the actor's council, a page at a time, with totals over all of them. */
export async function listProviderPackages(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: { providerId: string; skip?: number; take?: number },
): Promise<TProviderPackages> {
  const { councilId } = actor;
  const registered = await prisma.councilProvider.findUnique({
    where: { councilId_providerId: { councilId, providerId: input.providerId } },
    select: { status: true, statusReason: true, statusChangedAt: true, provider: { select: { id: true, name: true, cqcRating: true } } },
  });
  if (!registered) throw new AppError('NOT_FOUND', 'That provider is not on your register.');

  // One row per package: the open placement with this provider, its visits summed in SQL.
  const held = Prisma.sql`
    SELECT p."id", p."reference", p."status"::text AS "status", p."pathway"::text AS "pathway", p."localityId", l."name" AS "locality",
           p."personId", pl."startedAt" AS "placedSince",
           ${Prisma.raw(carerHoursSql())} AS "carerHours",
           COALESCE(bool_or(v."carers" = 2), false) AS "doubleHanded"
    FROM "Placement" pl
    JOIN "Package" p ON p."councilId" = pl."councilId" AND p."id" = pl."packageId"
    JOIN "Locality" l ON l."councilId" = p."councilId" AND l."id" = p."localityId"
    LEFT JOIN "Visit" v ON v."councilId" = p."councilId" AND v."packageId" = p."id" AND ${Prisma.raw(visitInForceSql('v', londonDaySql(new Date())))}
    WHERE pl."councilId" = ${councilId}::uuid AND pl."providerId" = ${input.providerId}::uuid AND pl."endedAt" IS NULL
      AND p."status" IN ${Prisma.raw(statusListSql(LIVE_STATUSES))}
    GROUP BY p."id", p."reference", p."status", p."pathway", p."localityId", l."name", p."personId", pl."startedAt"`;

  const [rows, totals] = await Promise.all([
    prisma.$queryRaw<(Omit<TProviderPackage, 'packageId'> & { id: string })[]>`
      SELECT h."id", h."reference", h."status", h."pathway", h."localityId", h."locality", h."placedSince", h."carerHours", h."doubleHanded"
      FROM (${held}) h ORDER BY h."locality", h."reference"
      LIMIT ${input.take ?? 1000} OFFSET ${input.skip ?? 0}`,
    prisma.$queryRaw<{ packages: number; people: number; carerHours: number; doubleHanded: number; localities: number }[]>`
      SELECT count(*)::int AS "packages", count(DISTINCT h."personId")::int AS "people",
             COALESCE(SUM(h."carerHours"), 0)::float8 AS "carerHours",
             count(*) FILTER (WHERE h."doubleHanded")::int AS "doubleHanded",
             count(DISTINCT h."localityId")::int AS "localities"
      FROM (${held}) h`,
  ]);
  return {
    provider: { ...registered.provider, status: registered.status, statusReason: registered.statusReason, statusChangedAt: registered.statusChangedAt },
    totals: { ...totals[0], carerHours: Math.round(totals[0].carerHours * 100) / 100 },
    packages: rows.map(({ id, ...r }) => ({ packageId: id, ...r, carerHours: Math.round(r.carerHours * 100) / 100 })),
  };
}

export type TRegisteredProviderRow = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  reviewFlaggedAt: Date | null;
  cqcRating: CqcRating;
  status: 'ACTIVE' | 'SUSPENDED';
  statusChangedAt: Date;
  packages: number;
  carerHours: number;
};

/** The council's register with each provider's status and the active packages it holds, searched by name, a page at a time. */
export async function listRegisteredProviders(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: { q?: string; skip: number; take: number },
): Promise<{ total: number; rows: TRegisteredProviderRow[] }> {
  const { councilId } = actor;
  const q = input.q?.trim() ?? '';
  const match = q ? Prisma.sql`AND pr."name" ILIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : Prisma.empty;
  const [count, rows] = await Promise.all([
    prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "CouncilProvider" cp JOIN "Provider" pr ON pr."id" = cp."providerId"
      WHERE cp."councilId" = ${councilId}::uuid ${match}`,
    prisma.$queryRaw<TRegisteredProviderRow[]>`
      SELECT pr."id", pr."name", pr."phone", pr."email", cp."reviewFlaggedAt", pr."cqcRating"::text AS "cqcRating", cp."status"::text AS "status", cp."statusChangedAt",
             COALESCE(h."packages", 0)::int AS "packages", COALESCE(h."carerHours", 0)::float8 AS "carerHours"
      FROM "CouncilProvider" cp
      JOIN "Provider" pr ON pr."id" = cp."providerId"
      LEFT JOIN LATERAL (
        SELECT count(DISTINCT p."id") AS "packages", ${Prisma.raw(carerHoursSql())} AS "carerHours"
        FROM "Placement" pl
        JOIN "Package" p ON p."councilId" = pl."councilId" AND p."id" = pl."packageId" AND p."status" IN ${Prisma.raw(statusListSql(LIVE_STATUSES))}
        LEFT JOIN "Visit" v ON v."councilId" = p."councilId" AND v."packageId" = p."id" AND ${Prisma.raw(visitInForceSql('v', londonDaySql(new Date())))}
        WHERE pl."councilId" = cp."councilId" AND pl."providerId" = cp."providerId" AND pl."endedAt" IS NULL
      ) h ON true
      WHERE cp."councilId" = ${councilId}::uuid ${match}
      ORDER BY cp."status" DESC, pr."name", pr."id"
      LIMIT ${input.take} OFFSET ${input.skip}`,
  ]);
  return { total: count[0].n, rows: rows.map((r) => ({ ...r, carerHours: Math.round(r.carerHours * 100) / 100 })) };
}
