import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TProviderActor } from '@/lib/auth/permissions';
import { closeRound } from '@/lib/brokerage/close-round';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZDeclineOfferSchema, type TDeclineOffer } from './offer-schema';

/**
 * A provider declines an offer, with a reason the commissioners can count. When that was the last
 * open offer of the round, the round closes at once (the same idempotent close as the deadline's),
 * so the next tier does not wait for the clock.
 */
export async function declineOffer(
  prisma: PrismaClient,
  actor: TProviderActor,
  input: TDeclineOffer,
  now: Date = new Date(),
): Promise<{ roundClosed: boolean }> {
  const { providerId } = actor;
  const { offerId, reason, text } = parseOrThrow(ZDeclineOfferSchema, input);
  // Its own short transaction, touching only this offer's row: it never holds a lock that an
  // acceptance (package row, then offer rows) could be waiting for.
  const offer = await prisma.$transaction(async (tx) => {
    const declined = await tx.offer.updateManyAndReturn({
      where: { id: offerId, providerId, status: 'OFFERED', deadline: { gt: now } },
      data: { status: 'DECLINED', respondedAt: now, respondedById: actor.userId, declineReason: reason, declineText: text || null },
      select: { councilId: true, packageId: true, round: true },
    });
    const row = declined[0];
    if (!row) {
      const exists = await tx.offer.findFirst({ where: { id: offerId, providerId }, select: { id: true } });
      throw exists ? new AppError('CONFLICT', 'This offer has already closed.') : new AppError('NOT_FOUND', 'That offer could not be found.');
    }
    await recordAudit(tx, actor, {
      councilId: row.councilId,
      action: 'offer.declined',
      entityType: 'Offer',
      entityId: offerId,
      details: { reason, packageId: row.packageId, round: row.round },
    });
    return row;
  });
  const open = await prisma.offer.count({ where: { councilId: offer.councilId, packageId: offer.packageId, round: offer.round, status: 'OFFERED' } });
  if (open > 0) return { roundClosed: false };
  // If this process stops here, the round's deadline timer still closes it.
  const result = await closeRound(prisma, { councilId: offer.councilId, packageId: offer.packageId, round: offer.round }, now);
  return { roundClosed: result.closed };
}
