import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { flagInadequate } from '@/lib/cqc/import-cqc-ratings';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { withNotices } from '@/lib/notification/notify';
import { londonDate } from '@/lib/time/london';
import { ZUpdateProviderSchema, type TUpdateProvider } from './provider-schema';

/**
 * Changes an organisation's details on the register of a council it is registered with. A rating
 * typed here that differs from the one held (or its date) joins the rating history as REGISTER and
 * becomes current; newly Inadequate, it is flagged for review like one from CQC's file.
 */
export async function updateProvider(prisma: PrismaClient, actor: TCouncilActor, input: TUpdateProvider, ip: string | null = null, now = new Date()) {
  const { councilId } = actor;
  const { providerId, cqcRating, cqcRatedOn, ...details } = parseOrThrow(ZUpdateProviderSchema, input);
  await withNotices(prisma, async (tx) => {
    const current = await tx.provider.findFirst({
      where: { id: providerId, councils: { some: { councilId } } },
      select: { name: true, cqcLocationId: true, cqcRating: true, cqcRatedOn: true, phone: true, email: true, skills: true, doubleHanded: true },
    });
    if (!current) throw new AppError('NOT_FOUND', 'That provider is not on your register.');
    if (details.cqcLocationId !== current.cqcLocationId) {
      const taken = await tx.provider.findUnique({ where: { cqcLocationId: details.cqcLocationId }, select: { id: true } });
      if (taken) throw new AppError('VALIDATION', 'Check the highlighted fields.', { cqcLocationId: ['Another organisation has this CQC location ID'] });
    }
    const ratedOn = new Date(`${cqcRatedOn ?? (current.cqcRatedOn ? current.cqcRatedOn.toISOString().slice(0, 10) : londonDate(now))}T00:00:00Z`);
    const rated = cqcRating !== current.cqcRating || current.cqcRatedOn?.getTime() !== ratedOn.getTime();
    await tx.provider.update({
      where: { id: providerId },
      data: { ...details, phone: details.phone ?? null, email: details.email ?? null, ...(rated ? { cqcRating, cqcRatedOn: ratedOn } : {}) },
    });
    if (rated) {
      await tx.providerRating.createMany({ data: [{ providerId, rating: cqcRating, ratedOn, source: 'REGISTER' }], skipDuplicates: true });
      if (cqcRating === 'INADEQUATE' && current.cqcRating !== 'INADEQUATE') await flagInadequate(tx, { id: providerId, name: details.name }, ratedOn, now);
    }
    const changed = Object.fromEntries(
      Object.entries({ ...details, ...(rated ? { cqcRating, cqcRatedOn: ratedOn.toISOString().slice(0, 10) } : {}) }).filter(
        ([key, value]) => JSON.stringify(value ?? null) !== JSON.stringify((current as Record<string, unknown>)[key] ?? null),
      ),
    );
    await recordAudit(tx, actor, { action: 'provider.updated', entityType: 'Provider', entityId: providerId, ip, details: { changed: Object.keys(changed) } });
  });
}

/** Marks a provider's review flag as dealt with, for the actor's council. */
export async function markProviderReviewed(prisma: PrismaClient, actor: TCouncilActor, input: { providerId: string }, ip: string | null = null) {
  const { councilId } = actor;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.councilProvider.updateMany({
      where: { councilId, providerId: input.providerId, reviewFlaggedAt: { not: null } },
      data: { reviewFlaggedAt: null, reviewReason: null },
    });
    if (count === 0) throw new AppError('CONFLICT', 'This provider has no review waiting.');
    await recordAudit(tx, actor, { action: 'provider.reviewed', entityType: 'Provider', entityId: input.providerId, ip });
  });
}
