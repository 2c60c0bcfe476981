import 'server-only';
import type { PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { londonDate } from '@/lib/time/london';
import { ZProviderDetailsSchema, ZProviderRatingSchema } from './provider-schema';

// Provider organisations are shared by every council they work for; a council keeps its own
// register of them (CouncilProvider). An administrator sees and adds to their own council's register.

export const ZRegisterProviderSchema = ZProviderDetailsSchema.extend(ZProviderRatingSchema.shape);
export type TRegisterProvider = z.infer<typeof ZRegisterProviderSchema>;

/**
 * Adds an organisation to the council's register. An organisation already known to the platform
 * (same CQC location) is registered as it is; its shared details are not overwritten by one council.
 */
export async function registerProvider(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: TRegisterProvider,
  ip: string,
): Promise<{ providerId: string; existing: boolean }> {
  const { councilId } = actor;
  const now = new Date();
  // A rating typed without its date is recorded as of today, so the history has a day for it.
  const ratedOn = new Date(`${input.cqcRatedOn ?? londonDate(now)}T00:00:00Z`);
  return prisma.$transaction(async (tx) => {
    const known = await tx.provider.findUnique({ where: { cqcLocationId: input.cqcLocationId }, select: { id: true } });
    const provider =
      known ??
      (await tx.provider.create({
        data: {
          name: input.name,
          cqcLocationId: input.cqcLocationId,
          cqcRating: input.cqcRating,
          cqcRatedOn: ratedOn,
          doubleHanded: input.doubleHanded,
          skills: input.skills,
          phone: input.phone ?? null,
          email: input.email ?? null,
          ratings: { create: { rating: input.cqcRating, ratedOn, source: 'REGISTER' } },
        },
        select: { id: true },
      }));
    const already = await tx.councilProvider.findUnique({ where: { councilId_providerId: { councilId, providerId: provider.id } } });
    if (already) throw new AppError('VALIDATION', 'Check the highlighted fields.', { cqcLocationId: ['This organisation is already on your register'] });
    await tx.councilProvider.create({ data: { councilId, providerId: provider.id, statusChangedAt: now, statusReason: 'Added to the register' } });
    await tx.providerStatusChange.create({
      data: { councilId, providerId: provider.id, status: 'ACTIVE', reason: 'Added to the register', changedById: actor.userId, at: now },
    });
    await recordAudit(tx, actor, { action: 'provider.registered', entityType: 'Provider', entityId: provider.id, ip, details: { existing: Boolean(known) } });
    return { providerId: provider.id, existing: Boolean(known) };
  });
}

/** How many organisations are on the council's register. */
export async function countCouncilProviders(prisma: PrismaClient, actor: TCouncilActor): Promise<number> {
  return prisma.councilProvider.count({ where: { councilId: actor.councilId } });
}

/** The council's register by name, all of it or a page at a time. */
export async function listCouncilProviders(prisma: PrismaClient, actor: TCouncilActor, page?: { skip: number; take: number }) {
  const rows = await prisma.councilProvider.findMany({
    where: { councilId: actor.councilId },
    orderBy: [{ provider: { name: 'asc' } }, { providerId: 'asc' }],
    ...(page ? { skip: page.skip, take: page.take } : {}),
    select: {
      status: true,
      statusReason: true,
      provider: {
        select: {
          id: true,
          name: true,
          cqcLocationId: true,
          cqcRating: true,
          cqcRatedOn: true,
          doubleHanded: true,
          skills: true,
          phone: true,
          email: true,
          _count: { select: { contracts: { where: { councilId: actor.councilId } }, users: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    ...r.provider,
    status: r.status,
    statusReason: r.statusReason,
    contracts: r.provider._count.contracts,
    users: r.provider._count.users,
  }));
}
