import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { openRound, type TRoundOutcome } from '@/lib/brokerage/open-round';
import { packageForRound } from '@/lib/brokerage/scenario-from-db';
import { londonDay } from '@/lib/domain/visit-versions';
import { changeVisits } from './change-visits';
import { assertChangeWithinOwnLimit } from '@/lib/approval/own-limit';
import { AppError } from '@/lib/errors/app-error';
import { withdrawOpenOffers } from '@/lib/offer/withdraw-open-offers';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, withNotices, type TNoticeTx } from '@/lib/notification/notify';
import { SERVICE_TYPES, ZExpectedVersionSchema, ZVisitListSchema } from './package-schema';
import { isOffering, POSTED_OPEN_STATUSES, statusListSql } from '@/lib/domain/package-status';

export const ZChangePackageSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  /** The version the broker loaded: a change is refused if anything moved since. */
  expectedVersion: ZExpectedVersionSchema,
  visits: ZVisitListSchema,
  /** New weekly hours per service type; 0 ends that line. Types not listed are left as they are. */
  serviceLines: z
    .array(
      z.object({
        type: z.enum(SERVICE_TYPES, { error: 'Choose the type of service' }),
        hoursPerWeek: z
          .number({ error: 'Enter the hours per week as a number' })
          .min(0, { error: 'Hours per week cannot be negative' })
          .max(336, { error: 'Hours per week must be 336 or fewer' }),
      }),
    )
    .default([]),
  /** For a placed package: the day the change takes effect. */
  effectiveDate: z.iso.date({ error: 'Enter the date the change starts, like 2026-12-01' }).optional(),
  requiredSkills: z.array(z.string().trim().min(1).max(50)).optional(),
  notes: z.string().trim().max(4000, { error: 'Notes must be 4,000 characters or fewer' }).optional(),
});

export type TChangePackage = z.input<typeof ZChangePackageSchema>;

/** A change made by itself at its time (a temporary increase stepping back down): audited with no actor. */
export type TScheduledChange = { councilId: string; scheduled: true };

export type TChangePackageResult = { version: number; reoffered: TRoundOutcome | null };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * A broker's change to a posted package.
 * - Not yet placed: the offers out are for what was asked before, so they are withdrawn and the
 *   cascade starts again from its first tier for the new version (offers carry the version they
 *   were made for; acceptance refuses any other).
 * - Placed (a change request): each changed visit and service line is ended the day before the
 *   effective date and continued by a new version (`supersedesId`), a line with the new hours at
 *   the same provider, contract and rate. The provider is told.
 * Visits are never deleted (change-visits.ts): the package page shows their history.
 * Either way the version moves on in one conditional UPDATE on the version the broker saw.
 */
export async function changePackage(
  prisma: PrismaClient | TNoticeTx,
  actor: TCouncilActor | TScheduledChange,
  input: TChangePackage,
  now: Date = new Date(),
): Promise<TChangePackageResult> {
  const { councilId } = actor;
  const by = 'scheduled' in actor ? null : actor;
  const change = parseOrThrow(ZChangePackageSchema, input);
  const effective = day(change.effectiveDate ?? now.toISOString().slice(0, 10));

  return withNotices(
    prisma,
    async (tx) => {
      const rows = await tx.$queryRaw<{ status: string; version: number }[]>`
        UPDATE "Package" SET "version" = "version" + 1, "updatedAt" = ${now}
        WHERE "councilId" = ${councilId}::uuid AND "id" = ${change.packageId}::uuid AND "version" = ${change.expectedVersion}
          AND "status" IN ${Prisma.raw(statusListSql(POSTED_OPEN_STATUSES))}
        RETURNING "status"::text AS status, "version"`;
      const updated = rows[0];
      if (!updated) {
        const current = await tx.package.findFirst({ where: { councilId, id: change.packageId }, select: { status: true } });
        if (!current) throw new AppError('NOT_FOUND', 'That package could not be found.');
        if (current.status === 'DRAFT') throw new AppError('CONFLICT', 'This package is still a draft: edit the draft instead.');
        if (current.status === 'ENDED' || current.status === 'CANCELLED')
          throw new AppError('CONFLICT', 'This package has ended or was cancelled, so it cannot be changed.');
        throw new AppError('CONFLICT', 'Someone else changed this package first, or a provider has just accepted it. Reload it to see what changed.');
      }
      await tx.package.update({
        where: { councilId_id: { councilId, id: change.packageId } },
        data: { ...(change.requiredSkills ? { requiredSkills: change.requiredSkills } : {}), ...(change.notes !== undefined ? { notes: change.notes } : {}) },
      });
      // Visits are versioned, never deleted: not yet placed, the new ones are asked for from today;
      // placed, from the day the change takes effect.
      const visits = await changeVisits(tx, councilId, change.packageId, change.visits, isOffering(updated.status) ? londonDay(now) : effective);
      const doubleHanded = change.visits.some((v) => v.carers === 2);
      const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: change.packageId } }, include: packageForRound(now) });

      if (isOffering(updated.status)) {
        // Nothing delivered yet: the lines are still the request, so they are rewritten in place.
        for (const line of change.serviceLines) {
          const existing = await tx.serviceLine.findFirst({ where: { councilId, packageId: pkg.id, type: line.type, endDate: null } });
          if (existing && line.hoursPerWeek === 0) await tx.serviceLine.delete({ where: { councilId_id: { councilId, id: existing.id } } });
          else if (existing)
            await tx.serviceLine.update({ where: { councilId_id: { councilId, id: existing.id } }, data: { hoursPerWeek: line.hoursPerWeek, doubleHanded } });
          else if (line.hoursPerWeek > 0)
            await tx.serviceLine.create({
              data: { councilId, packageId: pkg.id, type: line.type, hoursPerWeek: line.hoursPerWeek, doubleHanded, startDate: effective },
            });
        }
        const withdrawn = await withdrawOpenOffers(tx, {
          councilId,
          packageId: pkg.id,
          now,
          notice: {
            title: `${pkg.reference} has changed`,
            body: `The council changed package ${pkg.reference}, so the earlier offer is withdrawn. If it still fits you, a new offer will follow.`,
          },
        });
        await recordAudit(tx, by, {
          councilId,
          action: 'package.changed',
          entityType: 'Package',
          entityId: pkg.id,
          details: { version: updated.version, withdrawn, reoffered: true, visits },
        });
        const reoffered = await openRound(tx, pkg, pkg.offerRound + 1, { kind: 'NONE' }, now);
        return { version: updated.version, reoffered };
      }

      // A broker's own increase is held to their approval limit, as a provider's request is.
      if (by) await assertChangeWithinOwnLimit(tx, by, pkg.id, effective.toISOString().slice(0, 10), change.serviceLines);
      // Placed: history is kept. Each changed line ends where the change starts (its last day of
      // care is the day before) and goes on as a new version with the same provider, contract and rate.
      for (const line of change.serviceLines) {
        const current = await tx.serviceLine.findFirst({
          where: { councilId, packageId: pkg.id, type: line.type, endDate: null },
          orderBy: { startDate: 'desc' },
        });
        if (current && Number(current.hoursPerWeek) === line.hoursPerWeek) continue;
        if (current) {
          if (current.startDate >= effective)
            throw new AppError('VALIDATION', 'The change must start after the current line started.', {
              effectiveDate: ['Enter a date after the current service started'],
            });
          await tx.serviceLine.update({ where: { councilId_id: { councilId, id: current.id } }, data: { endDate: effective } });
        }
        if (line.hoursPerWeek > 0) {
          const placement = await tx.placement.findFirst({
            where: { councilId, packageId: pkg.id, endedAt: null },
            select: { providerId: true, contractId: true },
          });
          const offerRate = await tx.offer.findFirst({ where: { councilId, packageId: pkg.id, status: 'ACCEPTED' }, select: { hourlyRate: true } });
          await tx.serviceLine.create({
            data: {
              councilId,
              packageId: pkg.id,
              type: line.type,
              hoursPerWeek: line.hoursPerWeek,
              doubleHanded,
              startDate: effective,
              providerId: current?.providerId ?? placement?.providerId ?? null,
              contractId: current?.contractId ?? placement?.contractId ?? null,
              hourlyRate: current?.hourlyRate ?? offerRate?.hourlyRate ?? null,
              supersedesId: current?.id ?? null,
            },
          });
        }
      }
      await recordAudit(tx, by, {
        councilId,
        action: 'package.changed',
        entityType: 'Package',
        entityId: pkg.id,
        details: { version: updated.version, effectiveDate: effective.toISOString().slice(0, 10), lines: change.serviceLines, visits } as Prisma.InputJsonValue,
      });
      const placement = await tx.placement.findFirst({ where: { councilId, packageId: pkg.id, endedAt: null }, select: { providerId: true } });
      if (placement) {
        await notify(tx, [
          {
            councilId,
            recipient: { providerId: placement.providerId },
            kind: 'PACKAGE_CHANGED',
            title: `${pkg.reference} has changed`,
            body: `The council changed the visits or hours of package ${pkg.reference} from ${effective.toISOString().slice(0, 10)}.`,
            link: '/provider/placements',
          },
        ]);
      }
      return { version: updated.version, reoffered: null };
    },
    { timeout: 30_000 },
  );
}
