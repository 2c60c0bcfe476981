import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';

/** The council's whole geography for its set-up page: wards, localities (with what they are built from), STEP areas and hospitals. */
export async function getGeography(prisma: PrismaClient, actor: Pick<TCouncilActor, 'councilId'>) {
  const { councilId } = actor;
  const [wards, localities, stepAreas, hospitals] = await Promise.all([
    prisma.ward.findMany({ where: { councilId }, orderBy: { name: 'asc' }, select: { id: true, name: true, population: true } }),
    prisma.locality.findMany({
      where: { councilId },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        code: true,
        name: true,
        rural: true,
        wards: { select: { wardId: true } },
        neighbours: { select: { neighbourId: true } },
        districts: { select: { code: true }, orderBy: { code: 'asc' } },
        _count: { select: { people: true, packages: true, contracts: true } },
      },
    }),
    prisma.stepArea.findMany({
      where: { councilId },
      orderBy: { code: 'asc' },
      select: { id: true, code: true, name: true, localities: { select: { localityId: true } } },
    }),
    prisma.hospital.findMany({ where: { councilId }, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } }),
  ]);
  return {
    wards,
    localities: localities.map(({ wards: w, neighbours, districts, _count, ...l }) => ({
      ...l,
      wardIds: w.map((x) => x.wardId),
      neighbourIds: neighbours.map((n) => n.neighbourId),
      districts: districts.map((d) => d.code),
      inUse: _count.people + _count.packages + _count.contracts > 0,
    })),
    stepAreas: stepAreas.map(({ localities: ls, ...s }) => ({ ...s, localityIds: ls.map((l) => l.localityId) })),
    hospitals,
  };
}
export type TGeography = Awaited<ReturnType<typeof getGeography>>;
