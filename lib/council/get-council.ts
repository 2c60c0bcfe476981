import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';

/** The actor's own council, by name. */
export async function getOwnCouncil(prisma: PrismaClient, actor: Pick<TCouncilActor, 'councilId'>) {
  return prisma.council.findUniqueOrThrow({ where: { id: actor.councilId }, select: { id: true, code: true, name: true } });
}

/** The actor's council's localities, by name. */
export async function listOwnLocalities(prisma: PrismaClient, actor: Pick<TCouncilActor, 'councilId'>) {
  return prisma.locality.findMany({ where: { councilId: actor.councilId }, select: { id: true, code: true, name: true }, orderBy: { name: 'asc' } });
}
