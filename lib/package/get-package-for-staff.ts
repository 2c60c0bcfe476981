import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';

/**
 * A package with the person it is for, as council staff see it. Opening a person's record is
 * itself recorded in the audit trail (who looked, when, from where).
 */
export async function getPackageForStaff(prisma: PrismaClient, actor: TCouncilActor, reference: string, ip: string) {
  const pkg = await prisma.package.findUnique({
    where: { councilId_reference: { councilId: actor.councilId, reference } },
    include: {
      person: true,
      locality: { select: { name: true, rural: true } },
      hospital: { select: { code: true, name: true } },
      visits: { orderBy: { start: 'asc' } },
      serviceLines: {
        orderBy: [{ startDate: 'asc' }, { type: 'asc' }],
        include: { provider: { select: { name: true } }, contract: { select: { type: true, reference: true } } },
      },
      offers: { orderBy: [{ round: 'asc' }, { rank: 'asc' }], include: { provider: { select: { name: true, phone: true, email: true } } } },
      placements: { orderBy: { startedAt: 'asc' }, include: { provider: { select: { name: true, phone: true, email: true } } } },
    },
  });
  if (!pkg) throw new AppError('NOT_FOUND', 'There is no package with that reference in your council.');
  await recordAudit(prisma, actor, { action: 'person.viewed', entityType: 'Person', entityId: pkg.personId, ip, details: { package: pkg.reference } });
  return pkg;
}
