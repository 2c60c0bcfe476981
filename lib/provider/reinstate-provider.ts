import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZProviderStatusChangeSchema, type TProviderStatusChange } from './provider-schema';

/**
 * Lifts a suspension: the provider can be offered new work again. Packages already re-placed
 * elsewhere stay where they are.
 */
export async function reinstateProvider(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TProviderStatusChange,
  now: Date = new Date(),
  ip: string | null = null,
): Promise<void> {
  const { councilId } = actor;
  const { providerId, reason } = parseOrThrow(ZProviderStatusChangeSchema, input);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.councilProvider.updateMany({
      where: { councilId, providerId, status: 'SUSPENDED' },
      data: { status: 'ACTIVE', statusChangedAt: now, statusReason: reason },
    });
    if (count === 0) {
      const exists = await tx.councilProvider.findUnique({ where: { councilId_providerId: { councilId, providerId } }, select: { status: true } });
      throw exists ? new AppError('CONFLICT', 'This provider is not suspended.') : new AppError('NOT_FOUND', 'That provider is not on your register.');
    }
    await tx.providerStatusChange.create({ data: { councilId, providerId, status: 'ACTIVE', reason, changedById: actor.userId, at: now } });
    await recordAudit(tx, actor, { councilId, action: 'provider.reinstated', entityType: 'Provider', entityId: providerId, ip, details: { reason } });
  });
}
