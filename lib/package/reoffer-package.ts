import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { changePackage } from './change-package';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

/**
 * Sends a package waiting on the open market out again at once from the first tier, as a change
 * of the package does (a new version, so the providers asked before may be asked again): how a
 * new rate uplift reaches providers without waiting for the next round.
 */
export async function reofferPackage(prisma: PrismaClient, actor: TCouncilActor, input: { packageId: string; expectedVersion: number }) {
  const { packageId, expectedVersion } = input;
  const pkg = await prisma.package.findFirst({
    where: { councilId: actor.councilId, id: packageId },
    select: { status: true, visits: { where: visitsInForceWhere(new Date()), select: { days: true, start: true, minutes: true, carers: true } } },
  });
  if (!pkg) throw new AppError('NOT_FOUND', 'That package could not be found.');
  if (pkg.status !== 'OPEN_MARKET')
    throw new AppError('CONFLICT', 'The uplift is saved. Only a package on the open market is offered again at once; this one gets it at its next round.');
  const visits = pkg.visits.map((v) => ({ days: v.days, start: v.start, minutes: v.minutes, carers: v.carers as 1 | 2 }));
  return changePackage(prisma, actor, { packageId, expectedVersion, visits });
}
