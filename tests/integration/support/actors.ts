import type { PrismaClient } from '@prisma/client';
import type { TActor } from '@/lib/auth/permissions';
import { actorForSession } from '@/lib/auth/session';

/** The actor a signed-in user is, as every request would see them. */
export async function actorOf(prisma: PrismaClient, email: string): Promise<TActor> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  const actor = await actorForSession(prisma, { uid: u.id, sv: u.sessionVersion });
  if (!actor) throw new Error(`${email} has no live session`);
  return actor;
}
