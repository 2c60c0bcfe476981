import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { isVisitInForce, neverInForce } from '@/lib/domain/visit-versions';

/**
 * A package with the person it is for, as council staff see it. Opening a person's record is
 * itself recorded in the audit trail (who looked, when, from where). `visits` are those in force
 * today; `visitHistory` the versions before (ended) and after (a change still to start).
 */
export async function getPackageForStaff(prisma: PrismaClient, actor: TCouncilActor, reference: string, ip: string, now: Date = new Date()) {
  const pkg = await prisma.package.findUnique({
    where: { councilId_reference: { councilId: actor.councilId, reference } },
    include: {
      person: true,
      locality: { select: { name: true, rural: true } },
      hospital: { select: { code: true, name: true } },
      visits: { orderBy: [{ start: 'asc' }, { startDate: { sort: 'asc', nulls: 'first' } }] },
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
  // The visits in force today, and every earlier or later version (a same-day correction, never in force, is left out).
  const visits = pkg.visits.filter((v) => isVisitInForce(v, now));
  const visitHistory = pkg.visits
    .filter((v) => !isVisitInForce(v, now) && !neverInForce(v))
    .sort((a, b) => (a.startDate?.getTime() ?? 0) - (b.startDate?.getTime() ?? 0) || a.start.localeCompare(b.start));
  return { ...pkg, visits, visitHistory };
}
