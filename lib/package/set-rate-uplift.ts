import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { statusIn, UNPLACED_STATUSES } from '@/lib/domain/package-status';

export const ZRateUpliftSchema = z.object({
  packageId: z.uuid({ error: 'Choose a package' }),
  /** Pounds an hour added to every offer made from now on; 0 removes the uplift. */
  uplift: z
    .number({ error: 'Enter the uplift in pounds an hour, like 1.50' })
    .min(0, { error: 'The uplift cannot be negative' })
    .max(20, { error: 'The uplift must be £20 an hour or less' })
    .refine((n) => Math.round(n * 100) === n * 100, { error: 'Enter the uplift in pounds and pence, like 1.50' }),
});

export type TRateUplift = z.input<typeof ZRateUpliftSchema>;

/**
 * A broker raises the hourly rate offered for a package that is hard to place (review problem 3:
 * escalation with a rate uplift). It applies to the offers of the next round; offers already out
 * keep the rate they were made at.
 */
export async function setRateUplift(prisma: PrismaClient, actor: TCouncilActor, input: TRateUplift, now: Date = new Date()): Promise<void> {
  const { councilId } = actor;
  const parsed = ZRateUpliftSchema.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION', undefined, { uplift: parsed.error.issues.map((i) => i.message) });
  const { packageId, uplift } = parsed.data;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.package.updateMany({
      where: { councilId, id: packageId, status: statusIn(UNPLACED_STATUSES) },
      data: { rateUplift: uplift === 0 ? null : uplift, updatedAt: now },
    });
    if (count === 0) {
      const exists = await tx.package.findFirst({ where: { councilId, id: packageId }, select: { id: true } });
      throw exists
        ? new AppError('CONFLICT', 'A rate uplift can only be set before the package is placed.')
        : new AppError('NOT_FOUND', 'That package could not be found.');
    }
    await recordAudit(tx, actor, { councilId, action: 'package.rate-uplift', entityType: 'Package', entityId: packageId, details: { uplift } });
  });
}
