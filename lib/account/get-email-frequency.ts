import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';

/** One's own choice of notification emails. */
export async function getEmailFrequency(prisma: PrismaClient, actor: Pick<TActor, 'userId'>) {
  const { emailFrequency } = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { emailFrequency: true } });
  return emailFrequency;
}
