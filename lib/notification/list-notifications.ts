import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';

/** The actor's latest notifications: their own, and their provider's if they work for one. */
export async function listNotifications(prisma: PrismaClient, actor: TActor, options: { unreadOnly?: boolean; take?: number } = {}) {
  return prisma.notification.findMany({
    where: {
      OR: [{ userId: actor.userId }, ...(actor.providerId ? [{ providerId: actor.providerId }] : [])],
      ...(options.unreadOnly ? { readAt: null } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: Math.min(options.take ?? 50, 200),
    select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
  });
}
