import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TProviderActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { isVisitInForce, londonDay, visitsInForceWhere } from '@/lib/domain/visit-versions';

// Once a package is awarded to a provider, that provider (and only that one) sees the person's
// full record, for as long as it holds the placement. Scoped by the provider inside the `where`.

export async function listProviderPlacements(prisma: PrismaClient, actor: TProviderActor, options: { take?: number; skip?: number } = {}) {
  const where = { providerId: actor.providerId, endedAt: null };
  const [total, rows] = await Promise.all([
    prisma.placement.count({ where }),
    prisma.placement.findMany({
      where,
      orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
      take: options.take ?? 25,
      skip: options.skip ?? 0,
      select: {
        id: true,
        startedAt: true,
        package: {
          select: {
            reference: true,
            pathway: true,
            council: { select: { name: true } },
            locality: { select: { name: true } },
            person: { select: { givenName: true, familyName: true } },
          },
        },
      },
    }),
  ]);
  return { total, placements: rows };
}

export async function getAwardedPackage(prisma: PrismaClient, actor: TProviderActor, placementId: string, ip: string) {
  // An address with something other than an id in it is a placement that does not exist.
  if (!z.uuid().safeParse(placementId).success) throw new AppError('NOT_FOUND', 'That placement is not one of yours.');
  const placement = await prisma.placement.findFirst({
    where: { id: placementId, providerId: actor.providerId, endedAt: null },
    include: {
      contract: { select: { type: true, reference: true, hourlyRate: true } },
      package: {
        include: {
          council: { select: { name: true } },
          person: true,
          locality: { select: { name: true } },
          visits: { where: visitsInForceWhere(new Date()), orderBy: { start: 'asc' } },
          serviceLines: { where: { providerId: actor.providerId }, orderBy: [{ startDate: 'asc' }, { type: 'asc' }] },
        },
      },
    },
  });
  if (!placement) throw new AppError('NOT_FOUND', 'That placement is not one of yours.');
  // Who to call at the council: the broker who posted the package and the brokerage team.
  const today = londonDay(new Date());
  const [broker, setting, offer, ahead] = await Promise.all([
    placement.package.createdById ? prisma.user.findUnique({ where: { id: placement.package.createdById }, select: { name: true, email: true } }) : null,
    prisma.councilSetting.findUnique({ where: { councilId: placement.councilId }, select: { contactPhone: true, contactEmail: true } }),
    placement.offerId ? prisma.offer.findFirst({ where: { councilId: placement.councilId, id: placement.offerId }, select: { hourlyRate: true } }) : null,
    // Versions still to come or in force: what the visits will be from each later change.
    prisma.visit.findMany({
      where: { councilId: placement.councilId, packageId: placement.packageId, OR: [{ endDate: null }, { endDate: { gt: today } }] },
      orderBy: { start: 'asc' },
    }),
  ]);
  await recordAudit(prisma, actor, {
    action: 'person.viewed',
    entityType: 'Person',
    entityId: placement.package.personId,
    councilId: placement.councilId,
    ip,
    details: { package: placement.package.reference, as: 'provider' },
  });
  return {
    ...placement,
    /** The rate the provider accepted (the contract's rate that day, with any uplift), else the contract's starting rate. */
    hourlyRate: Number(offer?.hourlyRate ?? placement.contract.hourlyRate),
    contact: { broker, team: { phone: setting?.contactPhone ?? null, email: setting?.contactEmail ?? null } },
    /** From each later day a change takes effect: the visits in force that day, new ones marked. */
    visitsAhead: [...new Set(ahead.flatMap((v) => (v.startDate && v.startDate > today ? [v.startDate.getTime()] : [])))]
      .sort((a, b) => a - b)
      .map((t) => {
        const from = new Date(t);
        return { from, visits: ahead.filter((v) => isVisitInForce(v, from)).map((v) => ({ ...v, isNew: v.startDate?.getTime() === t })) };
      }),
  };
}
