import 'server-only';
import type { Band, PrismaClient, Weekday } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TProviderActor } from '@/lib/auth/permissions';
import { atMostTwoDecimals, BANDS } from '@/lib/domain/carer-hours';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { contractInForceWhere } from '@/lib/domain/contract';
import { WEEKDAYS } from '@/lib/package/package-schema';

// What a provider says it can take on, in carer-hours a week, for each locality and time band of
// each council it works for. Offers are matched against it (docs/placement.md), so a
// declaration older than 14 days is flagged to the provider and to brokers as stale.

export const STALE_AFTER_DAYS = 14;

export const ZDeclareCapacitySchema = z.object({
  councilId: z.uuid(),
  rows: z
    .array(
      z.object({
        localityId: z.uuid(),
        band: z.enum(BANDS),
        // A number, or the form's text of one (an emptied cell is none); never null, true or a list
        // quietly read as 0 or 1.
        carerHours: z
          .union(
            [
              z.number(),
              z
                .string()
                .trim()
                .regex(/^(-?\d+(\.\d+)?)?$/)
                .transform((text) => (text === '' ? 0 : Number(text))),
            ],
            { error: 'Enter a number of hours' },
          )
          .pipe(
            z
              .number()
              .min(0, 'Hours cannot be negative')
              .max(2000, 'Enter at most 2,000 hours a week')
              .refine(atMostTwoDecimals, 'Give hours to at most two decimal places, like 12.5'),
          ),
        // The days of the week these hours cover; every day when left out.
        days: z
          .array(z.enum(WEEKDAYS, { error: 'Choose days from Monday to Sunday' }))
          .min(1, 'Choose at least one day you can cover, or declare 0 hours')
          .max(7)
          .transform((days) => WEEKDAYS.filter((d) => days.includes(d)))
          .optional(),
      }),
    )
    .min(1, 'Declare at least one locality')
    // Every time of day in 200 localities: more than any council has, so a bigger list is a mistake.
    .max(1000, 'Declare at most 1,000 rows at once'),
});

const DAY = 86_400_000;

/** Localities a provider can be offered work in, per council: those its in-force contracts cover. */
async function coveredLocalities(prisma: PrismaClient, providerId: string, now: Date, councilId?: string) {
  return prisma.contractLocality.findMany({
    where: {
      ...(councilId ? { councilId } : {}),
      contract: {
        providerId,
        ...contractInForceWhere(now),
        council: { providers: { some: { providerId } } },
      },
    },
    distinct: ['councilId', 'localityId'],
    select: { councilId: true, locality: { select: { id: true, name: true, rural: true } } },
  });
}

/** The provider's declared capacity, council by council, with when each locality was last declared. */
export async function getProviderCapacity(prisma: PrismaClient, actor: TProviderActor, now = new Date()) {
  const { providerId } = actor;
  const [covered, declared, councils] = await Promise.all([
    coveredLocalities(prisma, providerId, now),
    prisma.capacityDeclaration.findMany({
      where: { providerId },
      select: { councilId: true, localityId: true, band: true, carerHours: true, days: true, declaredAt: true },
    }),
    prisma.council.findMany({ where: { providers: { some: { providerId } } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  const key = (c: string, l: string) => `${c}|${l}`;
  const byLocality = new Map<string, { hours: Partial<Record<Band, number>>; days: Set<Weekday>; declaredAt: Date | null }>();
  for (const d of declared) {
    const entry = byLocality.get(key(d.councilId, d.localityId)) ?? { hours: {}, days: new Set<Weekday>(), declaredAt: null };
    entry.hours[d.band] = Number(d.carerHours);
    for (const day of d.days) entry.days.add(day);
    if (!entry.declaredAt || d.declaredAt > entry.declaredAt) entry.declaredAt = d.declaredAt;
    byLocality.set(key(d.councilId, d.localityId), entry);
  }
  return councils.map((council) => ({
    council,
    localities: covered
      .filter((c) => c.councilId === council.id)
      .map((c) => {
        const entry = byLocality.get(key(council.id, c.locality.id));
        const declaredAt = entry?.declaredAt ?? null;
        return {
          ...c.locality,
          hours: Object.fromEntries(BANDS.map((b) => [b, entry?.hours[b] ?? 0])) as Record<Band, number>,
          /** The days covered (in any band); every day until the provider says otherwise. */
          days: entry ? WEEKDAYS.filter((d) => entry.days.has(d)) : [...WEEKDAYS],
          declaredAt,
          stale: !declaredAt || now.getTime() - declaredAt.getTime() > STALE_AFTER_DAYS * DAY,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/**
 * Replaces the provider's declaration for the localities given (every band of each), stamped now.
 * Only localities its contracts with that council cover can be declared.
 */
export async function declareCapacity(
  prisma: PrismaClient,
  actor: TProviderActor,
  given: z.input<typeof ZDeclareCapacitySchema>,
  ip: string,
  now = new Date(),
): Promise<void> {
  const { providerId } = actor;
  const input = parseOrThrow(ZDeclareCapacitySchema, given);
  const allowed = new Set((await coveredLocalities(prisma, providerId, now, input.councilId)).map((c) => c.locality.id));
  const fieldErrors: Record<string, string[]> = {};
  input.rows.forEach((row, i) => {
    if (!allowed.has(row.localityId)) fieldErrors[`rows.${i}.localityId`] = ['You hold no contract with this council covering that locality'];
  });
  if (Object.keys(fieldErrors).length) throw new AppError('VALIDATION', 'Check the highlighted localities.', fieldErrors);
  const localities = [...new Set(input.rows.map((r) => r.localityId))];
  const cells = localities.flatMap((localityId) =>
    BANDS.map((band) => {
      const row = input.rows.find((r) => r.localityId === localityId && r.band === band);
      return { localityId, band, carerHours: row?.carerHours ?? 0, days: `{${(row?.days ?? WEEKDAYS).join(',')}}` };
    }),
  );
  await prisma.$transaction(async (tx) => {
    // Every band of each locality is written, so one upsert replaces the declaration; two saves
    // at once then both succeed, the later one standing.
    await tx.$executeRaw`
      INSERT INTO "CapacityDeclaration" ("councilId", "providerId", "localityId", band, "carerHours", days, "declaredAt")
      SELECT ${input.councilId}::uuid, ${providerId}::uuid, cell."localityId", cell.band::"Band", cell."carerHours", cell.days::"Weekday"[], ${now}
      FROM unnest(
        ${cells.map((c) => c.localityId)}::uuid[], ${cells.map((c) => c.band)}::text[], ${cells.map((c) => c.carerHours)}::numeric[], ${cells.map((c) => c.days)}::text[]
      ) AS cell("localityId", band, "carerHours", days)
      ON CONFLICT ("councilId", "providerId", "localityId", band)
        DO UPDATE SET "carerHours" = EXCLUDED."carerHours", days = EXCLUDED.days, "declaredAt" = EXCLUDED."declaredAt"`;
    await recordAudit(tx, actor, {
      action: 'capacity.declared',
      entityType: 'Provider',
      entityId: providerId,
      councilId: input.councilId,
      ip,
      details: { localities: localities.length },
    });
  });
}

/**
 * Providers offered a package whose capacity declaration for its locality is out of date (or
 * missing), so the broker knows the match rests on old figures.
 */
export async function staleOfferedProviders(prisma: PrismaClient, pkg: { councilId: string; id: string; localityId: string }, now = new Date()) {
  const offered = await prisma.offer.findMany({
    where: { councilId: pkg.councilId, packageId: pkg.id },
    distinct: ['providerId'],
    select: { providerId: true, provider: { select: { name: true } } },
  });
  const latest = await prisma.capacityDeclaration.groupBy({
    by: ['providerId'],
    where: { councilId: pkg.councilId, localityId: pkg.localityId, providerId: { in: offered.map((o) => o.providerId) } },
    _max: { declaredAt: true },
  });
  const declared = new Map(latest.map((l) => [l.providerId, l._max.declaredAt]));
  return offered
    .map((o) => ({ name: o.provider.name, declaredAt: declared.get(o.providerId) ?? null }))
    .filter((o) => !o.declaredAt || now.getTime() - o.declaredAt.getTime() > STALE_AFTER_DAYS * DAY);
}
