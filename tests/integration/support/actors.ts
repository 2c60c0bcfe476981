import type { PrismaClient } from '@prisma/client';
import type { TActor, TCouncilActor, TProviderActor } from '@/lib/auth/permissions';
import { actorForSession } from '@/lib/auth/session';

/** The actor a signed-in user is, as every request would see them. */
export async function actorOf(prisma: PrismaClient, email: string): Promise<TActor> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  const actor = await actorForSession(prisma, { uid: u.id, sv: u.sessionVersion });
  if (!actor) throw new Error(`${email} has no live session`);
  return actor;
}

/** A council staff member's actor, for operations only council staff can call. */
export async function councilActorOf(prisma: PrismaClient, email: string): Promise<TCouncilActor> {
  const actor = await actorOf(prisma, email);
  if (actor.councilId === null) throw new Error(`${email} is not council staff`);
  return actor;
}

/** A provider user's actor, for operations only provider users can call. */
export async function providerActorOf(prisma: PrismaClient, email: string): Promise<TProviderActor> {
  const actor = await actorOf(prisma, email);
  if (actor.providerId === null) throw new Error(`${email} is not a provider user`);
  return actor;
}
