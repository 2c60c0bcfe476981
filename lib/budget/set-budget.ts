import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { ZBudgetSchema, type TBudget, type TBudgetInput } from './budget-schema';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { getBudget } from './get-budget';

/**
 * An admin sets their council's budget for one financial year: each contract type's amount is
 * upserted, and a type left empty has its amount removed. One audit event holds before and after.
 */
export async function setBudget(prisma: PrismaClient, actor: TCouncilActor, input: TBudgetInput): Promise<TBudget> {
  const { councilId } = actor;
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN');
  const { financialYear, amounts } = parseOrThrow(ZBudgetSchema, input);
  return prisma.$transaction(async (tx) => {
    const before = await getBudget(tx, councilId, financialYear);
    for (const contractType of CONTRACT_TYPES) {
      const amount = amounts[contractType];
      const key = { councilId_financialYear_contractType: { councilId, financialYear, contractType } };
      if (amount === null) await tx.budget.deleteMany({ where: { councilId, financialYear, contractType } });
      else
        await tx.budget.upsert({
          where: key,
          create: { councilId, financialYear, contractType, amount, updatedById: actor.userId },
          update: { amount, updatedById: actor.userId },
        });
    }
    await recordAudit(tx, actor, {
      councilId,
      action: 'budget.set',
      entityType: 'Budget',
      entityId: `${councilId}:${financialYear}`,
      details: { financialYear, before: before.amounts, after: amounts } satisfies Prisma.InputJsonValue,
    });
    return getBudget(tx, councilId, financialYear);
  });
}
