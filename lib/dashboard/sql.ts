import 'server-only';
import { Prisma } from '@prisma/client';
import type { TDashboardFilters } from './filters';

// SQL pieces every dashboard query shares, so "in force" and "band" mean the same everywhere.

/** A service line counts on day d when startDate <= d < endDate (endDate exclusive, null = open). */
export function inForce(filters: TDashboardFilters): Prisma.Sql {
  return Prisma.sql`l."startDate" <= ${filters.asOf}::date AND (l."endDate" IS NULL OR ${filters.asOf}::date < l."endDate")`;
}

/** `AND pk."localityId" = …` when a locality is chosen; the package's locality decides. */
export function inLocality(filters: TDashboardFilters): Prisma.Sql {
  return filters.localityId ? Prisma.sql`AND pk."localityId" = ${filters.localityId}::uuid` : Prisma.empty;
}

/** The time band of a visit start 'HH:MM' (shared/specs/placement.md): NIGHT is 22:00–05:59. */
export function bandOf(start: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${start} >= '06:00' AND ${start} < '11:00' THEN 'MORNING'
    WHEN ${start} >= '11:00' AND ${start} < '14:00' THEN 'MIDDAY'
    WHEN ${start} >= '14:00' AND ${start} < '17:00' THEN 'AFTERNOON'
    WHEN ${start} >= '17:00' AND ${start} < '22:00' THEN 'EVENING'
    WHEN ${start} IS NULL THEN 'NONE'
    ELSE 'NIGHT' END`;
}

/** A London day's midnight as the UTC wall-clock timestamps Prisma stores. */
export function londonMidnight(isoDate: string, plusDays = 0): Prisma.Sql {
  return Prisma.sql`((${isoDate}::date + ${plusDays}::int)::timestamp AT TIME ZONE 'Europe/London') AT TIME ZONE 'UTC'`;
}
