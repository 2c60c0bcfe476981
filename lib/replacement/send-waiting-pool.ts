import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { getCouncilSettings, offerDeadline } from '@/lib/brokerage/council-settings';
import { packageForRound } from '@/lib/brokerage/scenario-from-db';
import { PATHWAY_TEXT } from '@/lib/domain/labels';
import { OFFERING_STATUSES, statusIn } from '@/lib/domain/package-status';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { withNotices } from '@/lib/notification/notify';
import { claimBatch, offerPlanned } from './send-replacement-offers';

export const ZSendWaitingPoolSchema = z.object({ batchId: z.uuid({ error: 'Choose a plan' }) });

export type TPoolOutcome =
  | 'OFFERED' // offered to the planned provider
  | 'CHANGED' // no longer waiting, or changed since the plan (a new version): skipped
  | 'ALREADY_OFFERED' // the planned provider already holds an offer of it in the round open
  | 'PROVIDER_NOT_ACTIVE' // the planned provider was suspended since the plan
  | 'NOT_PLANNED'; // the plan has no provider for it: it goes on in the cascade as it was

export type TPoolSentItem = { packageId: string; reference: string; outcome: TPoolOutcome; providerId: string | null };

/**
 * Sends a previewed waiting-pool plan: each package still waiting and unchanged since the plan
 * (the same version) is offered to the provider the plan chose, as a broker's offer by hand is:
 * it joins the round open, with no tier, the council's deadline for the pathway, and nothing
 * personal until the provider is awarded it. Anything else is left as it is and listed. One
 * transaction; the batch is sent once (claimBatch), and a provider already holding an offer of
 * the package in its round is not offered it again.
 */
export async function sendWaitingPool(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZSendWaitingPoolSchema>,
  now: Date = new Date(),
  ip: string | null = null,
): Promise<{ items: TPoolSentItem[] }> {
  const { councilId } = actor;
  const { batchId } = parseOrThrow(ZSendWaitingPoolSchema, input);
  return withNotices(
    prisma,
    async (tx) => {
      const batch = await claimBatch(tx, councilId, batchId, 'WAITING_POOL', now);
      const settings = await getCouncilSettings(tx, councilId);
      const active = new Set(
        (await tx.councilProvider.findMany({ where: { councilId, status: 'ACTIVE' }, select: { providerId: true } })).map((r) => r.providerId),
      );
      const references = new Map(
        (await tx.package.findMany({ where: { councilId, id: { in: batch.items.map((i) => i.packageId) } }, select: { id: true, reference: true } })).map(
          (p) => [p.id, p.reference],
        ),
      );
      const results: TPoolSentItem[] = [];
      for (const item of batch.items) {
        const { packageId, proposedProviderId: providerId, proposedContractId: contractId } = item;
        const sent = (outcome: TPoolOutcome) => results.push({ packageId, reference: references.get(packageId) ?? '', outcome, providerId });
        if (!providerId || !contractId) {
          sent('NOT_PLANNED');
          continue;
        }
        // Lock the package, as an offer by hand does; one changed or placed since the plan is left alone.
        const { count } = await tx.package.updateMany({
          where: { councilId, id: packageId, status: statusIn(OFFERING_STATUSES), version: item.packageVersion ?? -1 },
          data: { updatedAt: now },
        });
        if (count === 0) {
          sent('CHANGED');
          continue;
        }
        if (!active.has(providerId)) {
          sent('PROVIDER_NOT_ACTIVE');
          continue;
        }
        const pkg = await tx.package.findUniqueOrThrow({ where: { councilId_id: { councilId, id: packageId } }, include: packageForRound(now) });
        const deadline = offerDeadline(settings, pkg.pathway, now);
        const made = await offerPlanned(tx, pkg, {
          providerId,
          contractId,
          round: pkg.offerRound,
          join: true,
          reasons: [`Planned with the waiting pool by ${actor.name}`, ...item.reasons],
          deadline,
          notice: { title: `New ${PATHWAY_TEXT[pkg.pathway]} package ${pkg.reference}`, lead: 'The council offers you this package directly.' },
          now,
        });
        if (!made) {
          sent('ALREADY_OFFERED');
          continue;
        }
        await recordAudit(tx, actor, {
          councilId,
          action: 'package.pool-offered',
          entityType: 'Package',
          entityId: packageId,
          ip,
          details: {
            batchId,
            offerId: made.offerId,
            providerId,
            contractId,
            round: pkg.offerRound,
            version: pkg.version,
            hourlyRate: made.hourlyRate,
            deadline: deadline.toISOString(),
          },
        });
        sent('OFFERED');
      }
      const count = (outcome: TPoolOutcome) => results.filter((r) => r.outcome === outcome).length;
      await recordAudit(tx, actor, {
        councilId,
        action: 'waiting-pool.sent',
        entityType: 'ReplacementBatch',
        entityId: batchId,
        ip,
        details: {
          offered: count('OFFERED'),
          notPlanned: count('NOT_PLANNED'),
          changed: results.filter((r) => r.outcome === 'CHANGED').map((r) => r.packageId),
          alreadyOffered: results.filter((r) => r.outcome === 'ALREADY_OFFERED').map((r) => r.packageId),
          providerNotActive: results.filter((r) => r.outcome === 'PROVIDER_NOT_ACTIVE').map((r) => r.packageId),
        },
      });
      return { items: results };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 120_000, maxWait: 10_000 },
  );
}
