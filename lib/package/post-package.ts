import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { openRound, type TRoundOutcome } from '@/lib/brokerage/open-round';
import { packageForRound } from '@/lib/brokerage/scenario-from-db';
import { AppError } from '@/lib/errors/app-error';
import { refuseUnexplainedDuplicate } from './duplicate-packages';
import { assertApprovedForPosting } from '@/lib/approval/approve-package';
import { withNotices, type TNoticeTx } from '@/lib/notification/notify';

export type TPostPackageInput = { packageId: string; /** The version the broker saw; refused if it changed. */ expectedVersion?: number };

/**
 * Posts a draft: it leaves DRAFT and round 1 of offers goes to the lowest tier of the cascade that
 * has eligible providers, with the round's deadline set by the council's settings for the pathway
 * and a timer to close it. When no tier has anyone, the package goes straight to the open market.
 * A second live package for the person with a line of the same type over the same days is refused
 * unless the draft gives a reason (duplicate-packages.ts; the database refuses it too).
 */
export async function postPackage(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TPostPackageInput,
  now: Date = new Date(),
): Promise<TRoundOutcome & { packageId: string }> {
  const { councilId } = actor;
  return withNotices(
    prisma,
    async (tx) => {
      // A package the council's rules say must be approved first waits for that approval.
      await assertApprovedForPosting(tx, councilId, input.packageId, now);
      await refuseUnexplainedDuplicate(tx, councilId, input.packageId);
      const { count } = await tx.package.updateMany({
        where: { councilId, id: input.packageId, status: 'DRAFT', ...(input.expectedVersion !== undefined ? { version: input.expectedVersion } : {}) },
        data: { status: 'OFFERING', postedAt: now, offerRound: 0 },
      });
      if (count === 0) {
        const current = await tx.package.findFirst({ where: { councilId, id: input.packageId }, select: { status: true } });
        if (!current) throw new AppError('NOT_FOUND', 'That package could not be found.');
        if (current.status !== 'DRAFT') throw new AppError('CONFLICT', 'This package has already been posted.');
        throw new AppError('CONFLICT', 'Someone else changed this package first. Reload it and check before posting.');
      }
      return { ...(await openFirstRound(tx, actor, input.packageId, now)), packageId: input.packageId };
    },
    { timeout: 30_000 },
  );
}

/**
 * For a package just moved out of DRAFT in the caller's transaction: records that it was posted
 * and offers round 1. Posting a draft and splitting off reablement both end here.
 */
export async function openFirstRound(tx: TNoticeTx, actor: TCouncilActor, packageId: string, now: Date): Promise<TRoundOutcome> {
  const { councilId } = actor;
  const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
  await recordAudit(tx, actor, {
    councilId,
    action: 'package.posted',
    entityType: 'Package',
    entityId: pkg.id,
    details: { reference: pkg.reference, version: pkg.version, ...(pkg.duplicateReason ? { duplicateReason: pkg.duplicateReason } : {}) },
  });
  return openRound(tx, pkg, 1, { kind: 'NONE' }, now);
}
