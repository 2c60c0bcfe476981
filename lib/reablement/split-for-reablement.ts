import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import type { TRoundOutcome } from '@/lib/brokerage/open-round';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { notify, type TNotification, withNotices } from '@/lib/notification/notify';
import { ZVisitListSchema } from '@/lib/package/package-schema';
import { openFirstRound } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { carerHours } from '@/lib/domain/carer-hours';
import { isLive } from '@/lib/domain/package-status';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const ZSplitForReablementSchema = z.object({
  /** The placed long-term package the person already has. */
  packageId: z.uuid({ error: 'Choose the long-term package' }),
  /** When the person is ready for reablement (the duty clock starts); now when left out. */
  readyAt: z.preprocess(blankToUndefined, z.iso.datetime({ offset: true, error: 'Enter when the person is ready as a date and time' }).optional()),
  /** The first day of reablement. */
  startDate: z.iso.date({ error: 'Enter the first day of reablement, like 2026-12-01' }),
  /** The reablement visits only: the long-term package's visits carry on as they are. */
  visits: ZVisitListSchema,
  notes: z.preprocess(blankToUndefined, z.string().trim().max(4000, { error: 'Notes must be 4,000 characters or fewer' }).optional()),
});

export type TSplitForReablement = z.input<typeof ZSplitForReablementSchema>;

export type TSplitResult = { id: string; reference: string; outcome: TRoundOutcome };

const ACTIVE_SPLIT: Prisma.PackageWhereInput = { pathway: 'REABLEMENT', status: { notIn: ['ENDED', 'CANCELLED'] } };

/**
 * Reablement for someone who already has a long-term package (review section 5.2.6 and problem
 * 8: BEST took on whole packages as enablement, and providers then did not take them back).
 * Instead, a separate REABLEMENT package is made for the same person, holding only the reablement
 * visits and one REABLEMENT service line, linked to the long-term package (splitFromId), and
 * posted to the cascade, whose first tier for reablement is the STEP providers. The long-term
 * package, its placement, its provider and its service lines are not touched: the original
 * provider keeps delivering its assessed care, and takes the person back in full when the
 * reablement outcome is recorded (the hand-back).
 *
 * The draft is saved first (its reference comes from the council's counter, as every package's
 * does), then linked and posted in one transaction that holds the long-term package's row, so
 * two splits of one package cannot both go out: the second draft is cancelled.
 */
export async function splitForReablement(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TSplitForReablement,
  now: Date = new Date(),
): Promise<TSplitResult> {
  const { councilId } = actor;
  const parsed = parseOrThrow(ZSplitForReablementSchema, input);
  const original = await prisma.package.findFirst({
    where: { councilId, id: parsed.packageId },
    select: {
      reference: true,
      pathway: true,
      status: true,
      personId: true,
      localityId: true,
      excludedProviderIds: true,
      requiredSkills: true,
      splits: { where: ACTIVE_SPLIT, select: { reference: true } },
    },
  });
  if (!original) throw new AppError('NOT_FOUND', 'That package could not be found.');
  if (original.pathway !== 'LONG_TERM' || !isLive(original.status)) {
    throw new AppError('CONFLICT', 'Reablement can only be split from a long-term package that a provider is delivering.');
  }
  if (original.splits.length > 0)
    throw new AppError('CONFLICT', `Reablement package ${original.splits[0].reference} is already running alongside ${original.reference}.`);

  const hours = Math.round(carerHours(parsed.visits) * 100) / 100;
  const draft = await saveDraftPackage(prisma, actor, {
    draft: {
      personId: original.personId,
      localityId: original.localityId,
      pathway: 'REABLEMENT',
      funding: 'COUNCIL',
      readyAt: parsed.readyAt ?? now.toISOString(),
      excludedProviderIds: original.excludedProviderIds,
      requiredSkills: original.requiredSkills,
      notes: parsed.notes,
      // Reablement beside the long-term package is the second package the rule allows with a reason.
      duplicateReason: `Reablement split from ${original.reference}: the long-term package carries on beside it`,
      visits: parsed.visits,
      serviceLines: [{ type: 'REABLEMENT', hoursPerWeek: hours, startDate: parsed.startDate }],
    },
  });

  return withNotices(
    prisma,
    async (tx) => {
      // Holds the long-term package's row without changing it.
      const [held] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text AS status FROM "Package" WHERE "councilId" = ${councilId}::uuid AND id = ${parsed.packageId}::uuid FOR UPDATE`;
      const other = await tx.package.findFirst({
        where: { councilId, splitFromId: parsed.packageId, id: { not: draft.id }, ...ACTIVE_SPLIT },
        select: { reference: true },
      });
      if (!held || !isLive(held.status) || other) {
        await tx.package.updateMany({
          where: { councilId, id: draft.id, status: 'DRAFT' },
          data: { status: 'CANCELLED', cancelledAt: now, cancelReason: 'Not needed: the long-term package changed while reablement was being split from it' },
        });
        await recordAudit(tx, actor, {
          councilId,
          action: 'package.cancelled',
          entityType: 'Package',
          entityId: draft.id,
          details: { reason: 'split-conflict' },
        });
        throw new AppError(
          'CONFLICT',
          other
            ? `Reablement package ${other.reference} is already running alongside ${original.reference}.`
            : `${original.reference} is no longer being delivered.`,
        );
      }
      const { count } = await tx.package.updateMany({
        where: { councilId, id: draft.id, status: 'DRAFT' },
        data: { splitFromId: parsed.packageId, status: 'OFFERING', postedAt: now, offerRound: 0 },
      });
      if (count === 0) throw new AppError('CONFLICT', 'The reablement package was changed before it could be posted. Find it on the duty board.');
      await recordAudit(tx, actor, {
        councilId,
        action: 'package.split-for-reablement',
        entityType: 'Package',
        entityId: draft.id,
        details: { splitFromId: parsed.packageId, splitFrom: original.reference, hoursPerWeek: hours },
      });
      await recordAudit(tx, actor, {
        councilId,
        action: 'package.reablement-split-off',
        entityType: 'Package',
        entityId: parsed.packageId,
        details: { reablementPackageId: draft.id, reablementReference: draft.reference },
      });
      const outcome = await openFirstRound(tx, actor, draft.id, now);
      const delivering = await tx.placement.findMany({ where: { councilId, packageId: parsed.packageId, endedAt: null }, select: { providerId: true } });
      await notify(
        tx,
        delivering.map((p): TNotification => ({
          councilId,
          recipient: { providerId: p.providerId },
          kind: 'PACKAGE_CHANGED',
          title: `Reablement alongside ${original.reference}`,
          body: `The council's duty team is arranging up to six weeks of reablement alongside your package ${original.reference}, from ${parsed.startDate}, with a short-term provider. Your visits and service lines do not change: please keep delivering them.`,
          link: '/provider/placements',
        })),
      );
      return { id: draft.id, reference: draft.reference, outcome };
    },
    { timeout: 30_000 },
  );
}
