import 'server-only';
import type { Prisma, PrismaClient, ReplacementBatchKind } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { getCouncilSettings, offerDeadline } from '@/lib/brokerage/council-settings';
import { brokersFor } from '@/lib/brokerage/brokers-for';
import { openRound } from '@/lib/brokerage/open-round';
import { packageForRound, type TPackageForRound } from '@/lib/brokerage/scenario-from-db';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { offerNotice } from '@/lib/notification/offer-notice';
import { notify, type TNoticeTx, type TNotification, withNotices } from '@/lib/notification/notify';
import { formatLondon, londonDate } from '@/lib/time/london';
import type { TReplacementSolver } from './preview-replacement';
import { LIVE_STATUSES, statusIn } from '@/lib/domain/package-status';
import { makeOffers } from '@/lib/offer/make-offers';
import { CONTRACT_RATES_SELECT, contractRateAt } from '@/lib/contract/contract-rate';
import { continueServiceLines } from '@/lib/package/continue-service-lines';

export const ZSendReplacementOffersSchema = z.object({ batchId: z.uuid({ error: 'Choose a batch' }) });

export type TSentItem =
  | { packageId: string; outcome: 'OFFERED'; providerId: string; round: number }
  | { packageId: string; outcome: 'ROUND'; kind: 'TIER' | 'OPEN_MARKET'; round: number; offers: number }
  | { packageId: string; outcome: 'SKIPPED' };

/**
 * Sends a previewed batch. One transaction for the whole batch, so the batch is either sent with
 * every package moved and offered, or not at all; a batch holds one provider's packages (tens to a
 * few hundred), which fits one transaction. The batch moves PREVIEWED → OFFERED in one
 * conditional UPDATE first, so a second send (another tab, a double click) matches nothing.
 *
 * For each package still held by the suspended provider: its placement ends now, its service
 * lines end today (London; their last day of care was yesterday) and continue unassigned from today (the hand-back's approach:
 * history is never overwritten), the package becomes a new version in OFFERING, and the proposed
 * provider gets one offer (tierless, as a hand offer is; the engine's tier is kept in the batch),
 * with the council's deadline for the pathway. A package with no proposal, or whose proposed provider was suspended since the
 * preview, goes into an ordinary round of the cascade without the suspended provider. Declines
 * and lapsed deadlines then follow the normal loop (close-round.ts).
 */
export async function sendReplacementOffers(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZSendReplacementOffersSchema>,
  now: Date = new Date(),
  ip: string | null = null,
): Promise<{ items: TSentItem[] }> {
  const { councilId } = actor;
  const { batchId } = parseOrThrow(ZSendReplacementOffersSchema, input);
  return withNotices(
    prisma,
    async (tx) => {
      const batch = await claimBatch(tx, councilId, batchId, 'PROVIDER_FAILURE', now);
      if (!batch.providerId) throw new AppError('NOT_FOUND', 'That re-placement batch could not be found.');
      const suspendedId = batch.providerId;
      const failed = await tx.provider.findUniqueOrThrow({ where: { id: suspendedId }, select: { name: true } });
      const tiers = (batch.solver as TReplacementSolver | null)?.tiers ?? {};
      const settings = await getCouncilSettings(tx, councilId);
      const active = new Set(
        (await tx.councilProvider.findMany({ where: { councilId, status: 'ACTIVE' }, select: { providerId: true } })).map((r) => r.providerId),
      );
      const today = londonDate(now);
      const effective = new Date(`${today}T00:00:00Z`);
      const brokers = new Set<string>();
      const results: TSentItem[] = [];

      for (const item of batch.items) {
        const { packageId } = item;
        // Lock the package; a package already moved on (re-placed, ended, cancelled) is left alone.
        const moved = await tx.package.updateMany({
          where: { councilId, id: packageId, status: statusIn(LIVE_STATUSES), placements: { some: { providerId: suspendedId, endedAt: null } } },
          data: { status: 'OFFERING', version: { increment: 1 }, roundDeadline: null, updatedAt: now },
        });
        if (moved.count === 0) {
          results.push({ packageId, outcome: 'SKIPPED' });
          continue;
        }
        await tx.placement.updateMany({
          where: { councilId, packageId, providerId: suspendedId, endedAt: null },
          data: { endedAt: now, endReason: 'PROVIDER_SUSPENDED' },
        });
        await continueServiceLines(tx, { councilId, packageId, from: suspendedId, to: null, effective });
        const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
        (await brokersFor(tx, pkg)).forEach((b) => brokers.add(b));
        const round = pkg.offerRound + 1;
        await notify(tx, [
          {
            councilId,
            recipient: { providerId: suspendedId },
            kind: 'PACKAGE_ENDED',
            title: `${pkg.reference} ended`,
            body: `The council has suspended your organisation, so your placement of package ${pkg.reference} ended on ${formatLondon(now)}. It is being placed with another provider.`,
            link: '/provider/placements',
          },
        ]);

        const tier = tiers[packageId];
        if (item.proposedProviderId && item.proposedContractId && tier !== undefined && active.has(item.proposedProviderId)) {
          await offerPlanned(tx, pkg, {
            providerId: item.proposedProviderId,
            contractId: item.proposedContractId,
            round,
            join: false,
            reasons: [`Re-placement: ${failed.name} is suspended`, ...item.reasons],
            deadline: offerDeadline(settings, pkg.pathway, now),
            notice: { title: `Package ${pkg.reference} to re-place`, lead: 'From a provider the council has suspended.' },
            now,
          });
          await recordAudit(tx, actor, {
            councilId,
            action: 'package.replacement-offered',
            entityType: 'Package',
            entityId: packageId,
            ip,
            details: {
              batchId,
              suspendedProviderId: suspendedId,
              providerId: item.proposedProviderId,
              contractId: item.proposedContractId,
              tier,
              round,
              version: pkg.version,
            },
          });
          results.push({ packageId, outcome: 'OFFERED', providerId: item.proposedProviderId, round });
        } else {
          await recordAudit(tx, actor, {
            councilId,
            action: 'package.replacement-rebrokered',
            entityType: 'Package',
            entityId: packageId,
            ip,
            details: { batchId, suspendedProviderId: suspendedId, proposedProviderId: item.proposedProviderId, round, version: pkg.version },
          });
          const outcome = await openRound(tx, pkg, round, { kind: 'NONE' }, now, [suspendedId]);
          results.push({ packageId, outcome: 'ROUND', kind: outcome.kind, round, offers: outcome.offers });
        }
      }

      const sent = results.filter((r) => r.outcome !== 'SKIPPED').length;
      await recordAudit(tx, actor, {
        councilId,
        action: 'replacement.sent',
        entityType: 'ReplacementBatch',
        entityId: batchId,
        ip,
        details: {
          providerId: suspendedId,
          offered: results.filter((r) => r.outcome === 'OFFERED').length,
          rebrokered: results.filter((r) => r.outcome === 'ROUND').length,
          skipped: results.filter((r) => r.outcome === 'SKIPPED').map((r) => r.packageId),
        },
      });
      await notify(
        tx,
        [...brokers].map((userId): TNotification => ({
          councilId,
          recipient: { userId },
          kind: 'PACKAGE_CHANGED',
          title: `${failed.name}'s packages are being re-placed`,
          body: `${failed.name} is suspended. ${sent} of its packages you look after have been offered to other providers.`,
          link: '/broker',
        })),
      );
      return { items: results };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * Claims a previewed batch of one kind for sending: PREVIEWED → OFFERED in one conditional update
 * first, so a second send (another tab, a double click) matches nothing and is refused.
 */
export async function claimBatch(tx: Prisma.TransactionClient, councilId: string, batchId: string, kind: ReplacementBatchKind, now: Date) {
  const { count } = await tx.replacementBatch.updateMany({
    where: { councilId, id: batchId, kind, status: 'PREVIEWED' },
    data: { status: 'OFFERED', offeredAt: now },
  });
  if (count === 0) {
    const exists = await tx.replacementBatch.findFirst({ where: { councilId, id: batchId, kind }, select: { id: true } });
    throw exists ? new AppError('CONFLICT', 'These offers have already been sent.') : new AppError('NOT_FOUND', 'That plan could not be found.');
  }
  return tx.replacementBatch.findUniqueOrThrow({
    where: { councilId_id: { councilId, id: batchId } },
    select: { providerId: true, solver: true, items: { orderBy: { packageId: 'asc' } } },
  });
}

/**
 * One planned offer of a batch, to the provider the plan chose under its contract (at its rate
 * today plus the package's uplift), with the pathway's deadline. Made by the batch, not by a
 * round of the cascade: tierless, like an offer made by hand, so a decline or lapse goes on in
 * the cascade (less everyone already asked); the engine's tier is kept in the batch. The provider
 * is told as of any offer: the package reference and locality, nothing personal before award.
 * With `join`, the offer joins the round that is open and is not made when the provider already
 * holds one in it (returns null); otherwise it opens `round`.
 */
export async function offerPlanned(
  tx: TNoticeTx,
  pkg: TPackageForRound,
  o: {
    providerId: string;
    contractId: string;
    round: number;
    join: boolean;
    reasons: string[];
    deadline: Date;
    notice: { title: string; lead: string };
    now: Date;
  },
): Promise<{ offerId: string; hourlyRate: number } | null> {
  const { councilId } = pkg;
  const contract = await tx.contract.findUniqueOrThrow({ where: { councilId_id: { councilId, id: o.contractId } }, select: CONTRACT_RATES_SELECT });
  const uplift = pkg.rateUplift ? Number(pkg.rateUplift) : 0;
  const { deadline } = o;
  const hourlyRate = Math.round((contractRateAt(contract, o.now) + uplift) * 100) / 100;
  const rank = o.join ? ((await tx.offer.aggregate({ where: { councilId, packageId: pkg.id, round: o.round }, _max: { rank: true } }))._max.rank ?? 0) + 1 : 1;
  const [made] = await makeOffers(tx, pkg, {
    round: o.round,
    deadline,
    now: o.now,
    ...(o.join ? { skipDuplicates: true } : { opens: {} }),
    offers: [{ providerId: o.providerId, contractId: o.contractId, tier: null, rank, reasons: o.reasons, hourlyRate }],
  });
  if (!made) return null;
  await notify(tx, [offerNotice(pkg, { id: made.id, providerId: o.providerId, hourlyRate, deadline }, o.notice, o.now)]);
  return { offerId: made.id, hourlyRate };
}
