import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TProviderActor } from '@/lib/auth/permissions';

/** The provider organisation the actor works for. */
export async function getOwnProvider(prisma: PrismaClient, actor: Pick<TProviderActor, 'providerId'>) {
  return prisma.provider.findUniqueOrThrow({ where: { id: actor.providerId }, select: { name: true } });
}
