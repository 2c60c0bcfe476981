import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { atMostTwoDecimals } from '@/lib/domain/carer-hours';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';

const pounds = (what: string) =>
  z
    .number({ error: `Enter the ${what} in pounds` })
    .min(0, { error: `The ${what} cannot be negative` })
    .max(100_000_000, { error: `The ${what} must be £100,000,000 or less` })
    .refine(atMostTwoDecimals, { error: `Enter the ${what} in pounds and pence` });

export const ZApprovalLimitSchema = z.object({
  userId: z.uuid({ error: 'Choose a user' }),
  /** Pounds a year; null takes the user's approval away. */
  yearlyLimit: pounds('yearly limit').nullable(),
});

export const ZApprovalRulesSchema = z
  .object({
    newPackageApproval: z.boolean({ error: 'Say whether new packages need approval' }),
    newPackageApprovalThreshold: pounds('threshold').nullable(),
  })
  .refine((r) => !r.newPackageApproval || r.newPackageApprovalThreshold !== null, {
    path: ['newPackageApprovalThreshold'],
    message: 'Enter the yearly cost above which a new package needs approval',
  });

/** An admin gives a broker or BEST user an approval limit (pounds a year), or takes it away. */
export async function setApprovalLimit(prisma: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZApprovalLimitSchema>): Promise<void> {
  const { councilId } = actor;
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const { userId, yearlyLimit } = parseOrThrow(ZApprovalLimitSchema, input);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, councilId, role: { in: ['BROKER', 'BEST'] } }, select: { id: true } });
    if (!user) throw new AppError('NOT_FOUND', 'That user is not a broker or BEST member of this council.', { userId: ['Choose a broker or BEST user'] });
    const before = await tx.approvalLimit.findUnique({ where: { councilId_userId: { councilId, userId } }, select: { yearlyLimit: true } });
    if (yearlyLimit === null) await tx.approvalLimit.deleteMany({ where: { councilId, userId } });
    else
      await tx.approvalLimit.upsert({
        where: { councilId_userId: { councilId, userId } },
        create: { councilId, userId, yearlyLimit, updatedById: actor.userId },
        update: { yearlyLimit, updatedById: actor.userId },
      });
    await recordAudit(tx, actor, {
      councilId,
      action: 'approval.limit-set',
      entityType: 'User',
      entityId: userId,
      details: { before: before ? Number(before.yearlyLimit) : null, after: yearlyLimit },
    });
  });
}

/** An admin says whether new packages need approval before posting, and above what yearly cost. */
export async function setApprovalRules(prisma: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZApprovalRulesSchema>): Promise<void> {
  const { councilId } = actor;
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const rules = parseOrThrow(ZApprovalRulesSchema, input);
  await prisma.$transaction(async (tx) => {
    // The row also holds the package-reference counter: a first row starts it after the council's
    // highest reference, as updateCouncilSettings does.
    await tx.$executeRaw`
      INSERT INTO "CouncilSetting" ("councilId", "packageSeq", "updatedAt")
      VALUES (${councilId}::uuid, (
        SELECT COALESCE(max(substring("reference" from '(\\d+)$')::int), 0) FROM "Package" WHERE "councilId" = ${councilId}::uuid
      ), now())
      ON CONFLICT ("councilId") DO NOTHING`;
    await tx.councilSetting.update({ where: { councilId }, data: rules });
    await recordAudit(tx, actor, { councilId, action: 'approval.rules-set', entityType: 'CouncilSetting', entityId: councilId, details: rules });
  });
}
