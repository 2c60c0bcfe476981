import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';

/**
 * One organisation as the actor's council's register holds it: its details, its status with the
 * council and that status's history, its CQC rating history and any review waiting.
 */
export async function getProviderRecord(prisma: PrismaClient, actor: TCouncilActor, providerId: string) {
  const { councilId } = actor;
  const registered = await prisma.councilProvider.findUnique({
    where: { councilId_providerId: { councilId, providerId } },
    select: {
      status: true,
      statusReason: true,
      statusChangedAt: true,
      reviewFlaggedAt: true,
      reviewReason: true,
      provider: {
        select: {
          id: true,
          name: true,
          cqcLocationId: true,
          cqcRating: true,
          cqcRatedOn: true,
          doubleHanded: true,
          skills: true,
          phone: true,
          email: true,
          ratings: { orderBy: [{ ratedOn: 'desc' }, { recordedAt: 'desc' }], take: 20, select: { id: true, rating: true, ratedOn: true, source: true } },
        },
      },
    },
  });
  if (!registered) throw new AppError('NOT_FOUND', 'That provider is not on your register.');
  const history = await prisma.providerStatusChange.findMany({
    where: { councilId, providerId },
    orderBy: [{ at: 'desc' }, { id: 'asc' }],
    take: 50,
    select: { id: true, status: true, reason: true, at: true },
  });
  const { provider, ...status } = registered;
  return { ...provider, ...status, history };
}
