import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';

/** How many of the actor's notifications (their own, and their provider's) are unread: the bell's number. */
export async function countUnreadNotifications(prisma: PrismaClient, actor: Pick<TActor, 'userId' | 'providerId'>): Promise<number> {
  return prisma.notification.count({
    where: { readAt: null, OR: [{ userId: actor.userId }, ...(actor.providerId ? [{ providerId: actor.providerId }] : [])] },
  });
}
