import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';

// Provider organisations are shared by every council they work for; a council keeps its own
// register of them (CouncilProvider). An administrator sees and adds to their own council's register.

export const CQC_RATINGS = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_RATED'] as const;

export const ZRegisterProviderSchema = z.object({
  name: z.string().trim().min(2, 'Enter the organisation’s name').max(160, 'Name must be 160 characters or fewer'),
  cqcLocationId: z
    .string()
    .trim()
    .regex(/^1-\d{6,12}$/, 'Enter the CQC location ID, like 1-123456789'),
  cqcRating: z.enum(CQC_RATINGS, 'Choose the CQC rating'),
  cqcRatedOn: z.iso
    .date('Enter the date of the rating, like 2026-03-31')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  doubleHanded: z.coerce.boolean().default(false),
  // A list, or the form's comma-separated text.
  skills: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z
      .array(
        z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z_]{2,40}$/, 'Skills are words like DEMENTIA'),
      )
      .default([]),
  ),
});
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
  return prisma.$transaction(async (tx) => {
    const known = await tx.provider.findUnique({ where: { cqcLocationId: input.cqcLocationId }, select: { id: true } });
    const provider =
      known ??
      (await tx.provider.create({
        data: {
          name: input.name,
          cqcLocationId: input.cqcLocationId,
          cqcRating: input.cqcRating,
          cqcRatedOn: input.cqcRatedOn ? new Date(`${input.cqcRatedOn}T00:00:00Z`) : null,
          doubleHanded: input.doubleHanded,
          skills: input.skills,
        },
        select: { id: true },
      }));
    const already = await tx.councilProvider.findUnique({ where: { councilId_providerId: { councilId, providerId: provider.id } } });
    if (already) throw new AppError('VALIDATION', 'Check the highlighted fields.', { cqcLocationId: ['This organisation is already on your register'] });
    await tx.councilProvider.create({ data: { councilId, providerId: provider.id } });
    await recordAudit(tx, actor, { action: 'provider.registered', entityType: 'Provider', entityId: provider.id, ip, details: { existing: Boolean(known) } });
    return { providerId: provider.id, existing: Boolean(known) };
  });
}

export async function listCouncilProviders(prisma: PrismaClient, actor: TCouncilActor) {
  const rows = await prisma.councilProvider.findMany({
    where: { councilId: actor.councilId },
    orderBy: { provider: { name: 'asc' } },
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
