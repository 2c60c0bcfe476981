import 'server-only';
import type { PackageStatus, PrismaClient } from '@prisma/client';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { carerHours } from '@/lib/domain/carer-hours';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

/**
 * A page of the council's packages in reference order, for integrations. The cursor is the last
 * reference of the previous page, so pages stay stable while packages are added.
 */
export async function listPackagesPage(prisma: PrismaClient, actor: TCouncilActor, options: { cursor?: string; limit: number; status?: PackageStatus }) {
  const rows = await prisma.package.findMany({
    where: {
      councilId: actor.councilId,
      ...(options.status ? { status: options.status } : {}),
      ...(options.cursor ? { reference: { gt: options.cursor } } : {}),
    },
    orderBy: { reference: 'asc' },
    take: options.limit + 1,
    select: {
      reference: true,
      status: true,
      pathway: true,
      funding: true,
      version: true,
      postedAt: true,
      placedAt: true,
      locality: { select: { code: true, name: true } },
      visits: { where: visitsInForceWhere(new Date()), select: { minutes: true, carers: true, days: true } },
    },
  });
  const page = rows.slice(0, options.limit);
  return {
    items: page.map(({ visits, ...p }) => ({
      ...p,
      postedAt: p.postedAt?.toISOString() ?? null,
      placedAt: p.placedAt?.toISOString() ?? null,
      hoursPerWeek: Math.round(carerHours(visits) * 100) / 100,
    })),
    nextCursor: rows.length > options.limit ? page[page.length - 1].reference : null,
  };
}
