import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TDashboardFilters } from './filters';
import { bandOfSql } from '@/lib/domain/carer-hours';

// SQL pieces every dashboard query shares, so "in force" and "band" mean the same everywhere.

/**
 * A placed service line counts on day d when startDate <= d < endDate (endDate exclusive, null =
 * open). Written as one range on coalesce(endDate, infinity) so that an index on that expression
 * (see the dashboards' README section) reads only the lines still open on d.
 */
export function inForce(filters: TDashboardFilters): Prisma.Sql {
  return Prisma.sql`l."contractId" IS NOT NULL AND coalesce(l."endDate", 'infinity'::date) > ${filters.asOf}::date AND l."startDate" <= ${filters.asOf}::date`;
}

/** A placed line's spend for a week of care: carer-hours a week × its hourly rate, in pounds. */
export const weeklySpend = Prisma.sql`l."hoursPerWeek" * l."hourlyRate"`;

/**
 * `AND` the line's package is in the chosen locality: the line's own copy of its package's
 * locality (packageLocalityId, kept equal to it by the database), so no package is read.
 */
export function lineInLocality(filters: TDashboardFilters): Prisma.Sql {
  return filters.localityId ? Prisma.sql`AND l."packageLocalityId" = ${filters.localityId}::uuid` : Prisma.empty;
}

/**
 * Runs one dashboard query with enough memory for its sorts and hashes (a few hundred thousand
 * lines) to stay out of temporary files; the setting ends with the transaction.
 */
export async function dashboardRows<T>(prisma: PrismaClient, query: Prisma.Sql): Promise<T[]> {
  const [, rows] = await prisma.$transaction([prisma.$executeRaw`SET LOCAL work_mem = '64MB'`, prisma.$queryRaw<T[]>(query)]);
  return rows;
}

/** `AND pk."localityId" = …` when a locality is chosen; the package's locality decides. */
export function inLocality(filters: TDashboardFilters): Prisma.Sql {
  return filters.localityId ? Prisma.sql`AND pk."localityId" = ${filters.localityId}::uuid` : Prisma.empty;
}

/** The time band of a visit start 'HH:MM' held in the SQL expression `start`, or NONE when there is no visit. */
export function bandOf(start: string): Prisma.Sql {
  return Prisma.raw(`CASE WHEN ${start} IS NULL THEN 'NONE' ELSE ${bandOfSql(start)} END`);
}

/** A London day's midnight as the UTC wall-clock timestamps Prisma stores. */
export function londonMidnight(isoDate: string, plusDays = 0): Prisma.Sql {
  return Prisma.sql`((${isoDate}::date + ${plusDays}::int)::timestamp AT TIME ZONE 'Europe/London') AT TIME ZONE 'UTC'`;
}
