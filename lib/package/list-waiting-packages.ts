import 'server-only';
import type { Pathway, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';
import { OFFERING_STATUSES, statusIn, UNPLACED_STATUSES } from '@/lib/domain/package-status';

/** The actor's council's packages that are waiting for a provider (or still drafts), oldest first. */
export async function listWaitingPackages(
  prisma: PrismaClient,
  actor: TCouncilActor,
  options: { pathways?: Pathway[]; includeDrafts?: boolean; take?: number; skip?: number } = {},
) {
  const where = {
    councilId: actor.councilId,
    status: statusIn(options.includeDrafts ? UNPLACED_STATUSES : OFFERING_STATUSES),
    ...(options.pathways ? { pathway: { in: options.pathways } } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.package.count({ where }),
    prisma.package.findMany({
      where,
      orderBy: [{ postedAt: { sort: 'asc', nulls: 'last' } }, { reference: 'asc' }],
      take: options.take ?? 25,
      skip: options.skip ?? 0,
      select: {
        id: true,
        reference: true,
        status: true,
        pathway: true,
        readyAt: true,
        postedAt: true,
        offerRound: true,
        person: { select: { givenName: true, familyName: true } },
        locality: { select: { name: true, rural: true } },
        hospital: { select: { code: true } },
        visits: { select: { minutes: true, carers: true, days: true } },
        _count: { select: { offers: { where: { status: 'OFFERED' } } } },
      },
    }),
  ]);
  return {
    total,
    packages: rows.map((p) => ({
      ...p,
      hours: carerHours(p.visits),
      doubleHanded: p.visits.some((v) => v.carers === 2),
      openOffers: p._count.offers,
    })),
  };
}
