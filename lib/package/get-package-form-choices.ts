import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';

/** What a new package's form offers to choose from: the council's localities, hospitals and active providers, and the skills those providers have. */
export async function getPackageFormChoices(prisma: PrismaClient, actor: Pick<TCouncilActor, 'councilId'>) {
  const { councilId } = actor;
  const [localities, hospitals, providers] = await Promise.all([
    prisma.locality.findMany({ where: { councilId }, orderBy: { name: 'asc' }, select: { id: true, name: true, rural: true } }),
    prisma.hospital.findMany({ where: { councilId }, orderBy: { name: 'asc' }, select: { id: true, name: true, code: true } }),
    prisma.councilProvider.findMany({
      where: { councilId, status: 'ACTIVE' },
      orderBy: { provider: { name: 'asc' } },
      select: { provider: { select: { id: true, name: true, skills: true } } },
    }),
  ]);
  return {
    localities,
    hospitals,
    providers: providers.map((p) => ({ id: p.provider.id, name: p.provider.name })),
    skills: [...new Set(providers.flatMap((p) => p.provider.skills))].sort(),
  };
}
