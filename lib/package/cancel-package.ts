import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { ZExpectedVersionSchema } from './package-schema';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { withNotices } from '@/lib/notification/notify';
import { withdrawOpenOffers } from '@/lib/offer/withdraw-open-offers';
import { isLive, statusIn, UNPLACED_STATUSES } from '@/lib/domain/package-status';

export const ZCancelPackageSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  expectedVersion: ZExpectedVersionSchema.optional(),
  reason: z
    .string({ error: 'Say why the package is cancelled' })
    .trim()
    .min(1, { error: 'Say why the package is cancelled' })
    .max(1000, { error: 'The reason must be 1,000 characters or fewer' }),
});

export type TCancelPackage = z.input<typeof ZCancelPackageSchema>;

/**
 * Cancels a package that has not been placed (the person no longer needs care, went into a care
 * home, or died). Its open offers are withdrawn and those providers told. A placed package is
 * ended instead, by ending its service lines, so that the history of delivered care stays.
 */
export async function cancelPackage(prisma: PrismaClient, actor: TCouncilActor, input: TCancelPackage, now: Date = new Date()): Promise<void> {
  const { councilId } = actor;
  const parsed = ZCancelPackageSchema.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION', undefined, { reason: parsed.error.issues.map((i) => i.message) });
  const { packageId, expectedVersion, reason } = parsed.data;
  await withNotices(prisma, async (tx) => {
    // Locks the package before its offers, the order acceptance uses.
    const { count } = await tx.package.updateMany({
      where: {
        councilId,
        id: packageId,
        status: statusIn(UNPLACED_STATUSES),
        ...(expectedVersion !== undefined ? { version: expectedVersion } : {}),
      },
      data: { status: 'CANCELLED', cancelledAt: now, cancelReason: reason, roundDeadline: null, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.package.findFirst({ where: { councilId, id: packageId }, select: { status: true } });
      if (!current) throw new AppError('NOT_FOUND', 'That package could not be found.');
      if (current.status === 'CANCELLED') throw new AppError('CONFLICT', 'This package is already cancelled.');
      if (isLive(current.status)) throw new AppError('CONFLICT', 'This package has been placed: end its service lines instead.');
      if (current.status === 'ENDED') throw new AppError('CONFLICT', 'This package has already ended.');
      throw new AppError('CONFLICT', 'Someone else changed this package first. Reload it and try again.');
    }
    const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, select: { reference: true } });
    const withdrawn = await withdrawOpenOffers(tx, {
      councilId,
      packageId,
      now,
      notice: { title: `${pkg.reference} has been withdrawn`, body: `The council no longer needs a provider for package ${pkg.reference}.` },
    });
    await recordAudit(tx, actor, { councilId, action: 'package.cancelled', entityType: 'Package', entityId: packageId, details: { reason, withdrawn } });
  });
}
