import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';

/** The reference of the actor's council's package with this reference, or null when it has none. */
export async function findPackageReference(prisma: PrismaClient, actor: Pick<TCouncilActor, 'councilId'>, reference: string): Promise<string | null> {
  const found = await prisma.package.findUnique({ where: { councilId_reference: { councilId: actor.councilId, reference } }, select: { reference: true } });
  return found?.reference ?? null;
}
