import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TActor } from '@/lib/auth/permissions';
import { brokersFor } from '@/lib/brokerage/open-round';
import { AppError } from '@/lib/errors/app-error';
import { withdrawOpenOffers } from './withdraw-open-offers';
import { notify, type TNotification } from '@/lib/notification/notify';
import { londonDate } from '@/lib/time/london';

export const ALREADY_PLACED = 'This package has already been placed with another provider.';
export const PACKAGE_CHANGED = 'The council changed this package after it was offered to you, so this offer can no longer be accepted. A new offer will follow if it still fits.';
export const OFFER_CLOSED = 'This offer has closed: its deadline passed or it was withdrawn.';

/** Reablement runs up to six weeks, free to the person (domain.md): the last day, counted in London from the day of award. */
export const REABLEMENT_DAYS = 42;

export function reablementEndsOn(placedAt: Date): string {
  const first = new Date(`${londonDate(placedAt)}T00:00:00Z`);
  return new Date(first.getTime() + (REABLEMENT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
}

export type TAcceptOfferResult = { placementId: string; packageId: string; reference: string };

/**
 * A provider accepts an offer. The first valid acceptance wins: one conditional UPDATE moves the
 * package to PLACED only while it is still being offered, at the version and round the offer was
 * made for. Every other acceptance waits for that row, then matches nothing and gets CONFLICT.
 * The partial unique indexes (one accepted offer, one open placement per package) back this up.
 * The package row is locked before any offer row, the same order closing a round uses, so the
 * two cannot deadlock.
 */
export async function acceptOffer(prisma: PrismaClient, actor: TActor, input: { offerId: string }, now: Date = new Date()): Promise<TAcceptOfferResult> {
  const providerId = actor.providerId;
  if (!providerId) throw new AppError('FORBIDDEN');
  const offer = await prisma.offer.findFirst({
    where: { id: input.offerId, providerId },
    select: { id: true, councilId: true, packageId: true, packageVersion: true, round: true, contractId: true, hourlyRate: true, status: true, deadline: true },
  });
  if (!offer) throw new AppError('NOT_FOUND', 'That offer could not be found.');
  const { councilId, packageId } = offer;

  try {
    return await prisma.$transaction(
      async (tx) => {
        const won = await tx.$executeRaw`
          UPDATE "Package" SET "status" = 'PLACED', "version" = "version" + 1, "placedAt" = ${now}, "roundDeadline" = NULL, "updatedAt" = ${now},
            "reablementEndsOn" = CASE WHEN "pathway" = 'REABLEMENT' THEN ${reablementEndsOn(now)}::date END
          WHERE "councilId" = ${councilId}::uuid AND "id" = ${packageId}::uuid
            AND "status" IN ('OFFERING', 'OPEN_MARKET') AND "version" = ${offer.packageVersion} AND "offerRound" = ${offer.round}`;
        if (won === 0) throw await whyNot(tx, offer);

        const accepted = await tx.offer.updateMany({
          where: { councilId, id: offer.id, providerId, status: 'OFFERED', deadline: { gt: now } },
          data: { status: 'ACCEPTED', respondedAt: now, respondedById: actor.userId },
        });
        if (accepted.count === 0) throw new AppError('CONFLICT', OFFER_CLOSED);
        if (!offer.contractId) throw new AppError('CONFLICT', 'This offer names no contract, so the council must place it by hand.');

        const placement = await tx.placement.create({
          data: { councilId, packageId, providerId, contractId: offer.contractId, offerId: offer.id, startedAt: now },
          select: { id: true },
        });
        // The lines nobody delivers yet now say who does and at what rate; later changes version
        // them. Lines a previous provider delivered (before a hand-back) keep their provider.
        await tx.serviceLine.updateMany({
          where: { councilId, packageId, providerId: null },
          data: { providerId, contractId: offer.contractId, hourlyRate: offer.hourlyRate },
        });
        const pkg = await tx.package.findUniqueOrThrow({
          where: { councilId_id: { councilId, id: packageId } },
          select: { reference: true, pathway: true, createdById: true, councilId: true, locality: { select: { name: true } } },
        });
        const withdrawn = await withdrawOpenOffers(tx, {
          councilId,
          packageId,
          now,
          notice: { title: `${pkg.reference} has been placed`, body: `Package ${pkg.reference} in ${pkg.locality.name} was placed with another provider. Thank you for looking.` },
        });
        await recordAudit(tx, actor, { councilId, action: 'offer.accepted', entityType: 'Offer', entityId: offer.id, details: { packageId, round: offer.round } });
        await recordAudit(tx, actor, {
          councilId,
          action: 'package.placed',
          entityType: 'Package',
          entityId: packageId,
          details: { placementId: placement.id, providerId, contractId: offer.contractId, hourlyRate: Number(offer.hourlyRate), withdrawn },
        });
        const provider = await tx.provider.findUniqueOrThrow({ where: { id: providerId }, select: { name: true } });
        await notify(tx, [
          {
            councilId,
            recipient: { providerId },
            kind: 'PACKAGE_AWARDED',
            title: `${pkg.reference} is yours`,
            body: `You accepted package ${pkg.reference} in ${pkg.locality.name}. The person's details are now on the package page.`,
            link: '/provider',
          },
          ...(await brokersFor(tx, pkg)).map(
            (userId): TNotification => ({
              councilId,
              recipient: { userId },
              kind: 'PACKAGE_PLACED',
              title: `${pkg.reference} placed with ${provider.name}`,
              body: `${provider.name} accepted package ${pkg.reference} in ${pkg.locality.name}.`,
              link: `/broker/packages/${packageId}`,
            }),
          ),
        ]);
        return { placementId: placement.id, packageId, reference: pkg.reference };
      },
      // A burst of acceptances for one package queues on its row; give them time to get a connection.
      { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, maxWait: 10_000, timeout: 30_000 },
    );
  } catch (error) {
    // The unique indexes are the last line: if anything slipped past the UPDATE, it is a loss.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new AppError('CONFLICT', ALREADY_PLACED);
    throw error;
  }
}

async function whyNot(tx: Prisma.TransactionClient, offer: { councilId: string; packageId: string; packageVersion: number; round: number; status: string; deadline: Date }): Promise<AppError> {
  const pkg = await tx.package.findUnique({ where: { councilId_id: { councilId: offer.councilId, id: offer.packageId } }, select: { status: true, version: true, offerRound: true } });
  if (!pkg) return new AppError('NOT_FOUND', 'That offer could not be found.');
  if (pkg.status === 'PLACED' || pkg.status === 'IN_HOSPITAL' || pkg.status === 'ENDED') return new AppError('CONFLICT', ALREADY_PLACED);
  if (pkg.status === 'CANCELLED') return new AppError('CONFLICT', 'The council cancelled this package.');
  if (pkg.version !== offer.packageVersion) return new AppError('CONFLICT', PACKAGE_CHANGED);
  return new AppError('CONFLICT', OFFER_CLOSED);
}
