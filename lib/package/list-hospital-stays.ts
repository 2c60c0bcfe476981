import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';

/** A package's hospital stays, latest admission first, within the actor's council. */
export async function listHospitalStays(prisma: PrismaClient, actor: Pick<TCouncilActor, 'councilId'>, packageId: string) {
  return prisma.hospitalStay.findMany({ where: { councilId: actor.councilId, packageId }, orderBy: { admittedOn: 'desc' } });
}
