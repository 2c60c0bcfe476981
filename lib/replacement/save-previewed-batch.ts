import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';

type TBatchInput = Prisma.ReplacementBatchUncheckedCreateInput;

/** What a plan is of (a provider's failure, the waiting pool, a re-tender) and its items, one a package. */
export type TPreviewedBatch = Omit<TBatchInput, 'councilId' | 'status' | 'createdById' | 'createdAt' | 'items'> & {
  items: NonNullable<NonNullable<TBatchInput['items']>['create']>;
};

/**
 * Keeps a plan for the council to look over before anything is sent: the batch, previewed, with
 * its items, and its audit event, in one transaction. The event is about the batch unless `audit`
 * names another record (a re-tender's is about the outgoing contract); `audit` is given the new
 * batch's id. Returns that id.
 */
export async function savePreviewedBatch(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: {
    batch: TPreviewedBatch;
    now: Date;
    ip: string | null;
    audit: (batchId: string) => { action: string; details: Prisma.InputJsonValue; entityType?: string; entityId?: string };
  },
): Promise<string> {
  const { councilId } = actor;
  const { items, ...batch } = input.batch;
  return prisma.$transaction(async (tx) => {
    const { id } = await tx.replacementBatch.create({
      data: { ...batch, councilId, status: 'PREVIEWED', createdById: actor.userId, createdAt: input.now, items: { create: items } },
      select: { id: true },
    });
    await recordAudit(tx, actor, { councilId, entityType: 'ReplacementBatch', entityId: id, ip: input.ip, ...input.audit(id) });
    return id;
  });
}
