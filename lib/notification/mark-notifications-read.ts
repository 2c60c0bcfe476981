import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';

/** Marks the given notifications (or all of them) read, only among those addressed to the actor. */
export async function markNotificationsRead(prisma: PrismaClient, actor: TActor, ids: readonly string[] | 'ALL', now: Date = new Date()): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: {
      OR: [{ userId: actor.userId }, ...(actor.providerId ? [{ providerId: actor.providerId }] : [])],
      readAt: null,
      ...(ids === 'ALL' ? {} : { id: { in: [...ids] } }),
    },
    data: { readAt: now },
  });
  return count;
}
