import 'server-only';
import { Prisma, type Pathway, type PrismaClient } from '@prisma/client';
import { londonDate } from '@/lib/time/london';
import { carerHoursSql } from '@/lib/domain/carer-hours';
import { OFFERING_STATUSES, statusListSql } from '@/lib/domain/package-status';
import { londonDaySql, visitInForceSql } from '@/lib/domain/visit-versions';

// The market at a glance, for anyone in the council: no personal data. Every figure is computed
// in SQL and scoped by council.

const CONTRACT_ORDER = ['LOCALITY', 'STEP', 'DISCHARGE', 'ISF', 'ICB', 'SPOT'] as const;

export async function getMarketOverview(prisma: PrismaClient, councilId: string, now: Date) {
  const today = londonDate(now);
  const inForce = Prisma.sql`l."startDate" <= ${today}::date AND (l."endDate" IS NULL OR ${today}::date < l."endDate")`;

  const [providers, totals, byType, waiting] = await Promise.all([
    prisma.$queryRaw<{ registered: number; active: number; good: number }[]>`
      SELECT count(*)::int AS registered,
             count(*) FILTER (WHERE cp.status = 'ACTIVE')::int AS active,
             count(*) FILTER (WHERE p."cqcRating" IN ('GOOD', 'OUTSTANDING'))::int AS good
      FROM "CouncilProvider" cp JOIN "Provider" p ON p.id = cp."providerId"
      WHERE cp."councilId" = ${councilId}::uuid`,
    prisma.$queryRaw<{ people: number; packages: number; hours: number; spend: number; double_handed: number }[]>`
      SELECT count(DISTINCT pk."personId")::int AS people,
             count(DISTINCT pk.id)::int AS packages,
             coalesce(sum(l."hoursPerWeek"), 0)::float8 AS hours,
             coalesce(sum(l."hoursPerWeek" * l."hourlyRate"), 0)::float8 AS spend,
             count(DISTINCT pk.id) FILTER (WHERE l."doubleHanded")::int AS double_handed
      FROM "ServiceLine" l JOIN "Package" pk ON pk."councilId" = l."councilId" AND pk.id = l."packageId"
      WHERE l."councilId" = ${councilId}::uuid AND l."providerId" IS NOT NULL AND ${inForce}`,
    prisma.$queryRaw<{ type: string; hours: number; spend: number; packages: number; providers: number }[]>`
      SELECT c.type::text AS type,
             sum(l."hoursPerWeek")::float8 AS hours,
             sum(l."hoursPerWeek" * l."hourlyRate")::float8 AS spend,
             count(DISTINCT l."packageId")::int AS packages,
             count(DISTINCT l."providerId")::int AS providers
      FROM "ServiceLine" l JOIN "Contract" c ON c."councilId" = l."councilId" AND c.id = l."contractId"
      WHERE l."councilId" = ${councilId}::uuid AND ${inForce}
      GROUP BY c.type`,
    prisma.$queryRaw<
      {
        reference: string;
        locality: string;
        rural: boolean;
        pathway: Pathway;
        posted_at: Date;
        market_entered_at: Date;
        hours: number;
        double_handed: boolean;
        night: boolean;
      }[]
    >`
      SELECT pk.reference, loc.name AS locality, loc.rural, pk.pathway::text AS pathway, pk."postedAt" AS posted_at, pk."marketEnteredAt" AS market_entered_at,
             ${Prisma.raw(carerHoursSql())} AS hours,
             coalesce(bool_or(v.carers = 2), false) AS double_handed,
             coalesce(bool_or(v.start >= '22:00' OR v.start < '06:00'), false) AS night
      FROM "Package" pk
      JOIN "Locality" loc ON loc."councilId" = pk."councilId" AND loc.id = pk."localityId"
      LEFT JOIN "Visit" v ON v."councilId" = pk."councilId" AND v."packageId" = pk.id AND ${Prisma.raw(visitInForceSql('v', londonDaySql(now)))}
      WHERE pk."councilId" = ${councilId}::uuid AND pk.status IN ${Prisma.raw(statusListSql(OFFERING_STATUSES))}
      GROUP BY pk."councilId", pk.id, loc.name, loc.rural
      ORDER BY pk."marketEnteredAt" ASC, pk.reference ASC`,
  ]);

  const total = totals[0];
  const typeRows = new Map(byType.map((r) => [r.type, r]));
  return {
    today,
    providers: providers[0],
    people: total.people,
    packages: total.packages,
    hoursPerWeek: total.hours,
    spendPerWeek: total.spend,
    doubleHandedShare: total.packages ? total.double_handed / total.packages : 0,
    byContractType: CONTRACT_ORDER.map((type) => {
      const r = typeRows.get(type);
      return {
        type,
        hours: r?.hours ?? 0,
        spend: r?.spend ?? 0,
        packages: r?.packages ?? 0,
        providers: r?.providers ?? 0,
        share: total.hours ? (r?.hours ?? 0) / total.hours : 0,
      };
    }),
    waiting: waiting.map((w) => ({
      reference: w.reference,
      locality: w.locality,
      rural: w.rural,
      pathway: w.pathway,
      postedAt: w.posted_at,
      hours: w.hours,
      /** When it last went to market (posted, or out again after its placement ended): its wait runs from here. */
      marketEnteredAt: w.market_entered_at,
      doubleHanded: w.double_handed,
      night: w.night,
    })),
  };
}
