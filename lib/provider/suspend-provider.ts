import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { closeRound } from '@/lib/brokerage/close-round';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZProviderStatusChangeSchema, type TProviderStatusChange } from './provider-schema';
import { notify, withNotices } from '@/lib/notification/notify';

export type TSuspendResult = { withdrawn: number; roundsClosed: number };

/**
 * A council suspends a provider on its register (a CQC Inadequate rating, a contract default).
 * From then on the engine leaves it out (`PROVIDER_SUSPENDED`) and the open market asks only
 * ACTIVE providers, so it receives no new offers. Its open offers in this council are withdrawn
 * now; the rounds they leave empty are closed at once, so those packages move on to the next
 * providers without waiting for their deadline. Its placements are untouched: the commissioner
 * re-places them as a batch (lib/replacement).
 */
export async function suspendProvider(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TProviderStatusChange,
  now: Date = new Date(),
  ip: string | null = null,
): Promise<TSuspendResult> {
  const { councilId } = actor;
  const { providerId, reason } = parseOrThrow(ZProviderStatusChangeSchema, input);
  const withdrawn = await withNotices(
    prisma,
    async (tx) => {
      const { count } = await tx.councilProvider.updateMany({
        where: { councilId, providerId, status: 'ACTIVE' },
        data: { status: 'SUSPENDED', statusChangedAt: now, statusReason: reason },
      });
      if (count === 0) {
        const exists = await tx.councilProvider.findUnique({ where: { councilId_providerId: { councilId, providerId } }, select: { status: true } });
        throw exists ? new AppError('CONFLICT', 'This provider is already suspended.') : new AppError('NOT_FOUND', 'That provider is not on your register.');
      }
      const offers = await tx.offer.updateManyAndReturn({
        where: { councilId, providerId, status: 'OFFERED' },
        data: { status: 'WITHDRAWN', respondedAt: now },
        select: { id: true, packageId: true, round: true, package: { select: { reference: true } } },
      });
      await tx.providerStatusChange.create({ data: { councilId, providerId, status: 'SUSPENDED', reason, changedById: actor.userId, at: now } });
      await recordAudit(tx, actor, {
        councilId,
        action: 'provider.suspended',
        entityType: 'Provider',
        entityId: providerId,
        ip,
        details: { reason, withdrawnOffers: offers.map((o) => o.id) },
      });
      // The provider knows these packages only by reference before award: nothing personal here.
      await notify(
        tx,
        offers.map((o) => ({
          councilId,
          recipient: { providerId },
          kind: 'OFFER_WITHDRAWN' as const,
          title: `${o.package.reference} withdrawn`,
          body: `The council has suspended your organisation, so its offer of package ${o.package.reference} is withdrawn.`,
          link: '/provider',
        })),
      );
      return offers;
    },
    { timeout: 30_000 },
  );
  // After commit: each round that now has no open offer is due; closing is idempotent, so the
  // worker's own sweep finding it first does no harm.
  let roundsClosed = 0;
  for (const o of withdrawn) {
    const closed = await closeRound(prisma, { councilId, packageId: o.packageId, round: o.round }, now);
    if (closed.closed) roundsClosed++;
  }
  return { withdrawn: withdrawn.length, roundsClosed };
}
