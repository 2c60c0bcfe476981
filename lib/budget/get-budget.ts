import 'server-only';
import type { Prisma, PrismaClient } from '@prisma/client';
import type { TBudget } from './budget-schema';
import { CONTRACT_TYPES } from '@/lib/domain/contract';

type Db = PrismaClient | Prisma.TransactionClient;

/** A council's budget for one financial year: pounds by contract type, null where none is entered. */
export async function getBudget(db: Db, councilId: string, financialYear: number): Promise<TBudget> {
  const rows = await db.budget.findMany({ where: { councilId, financialYear }, select: { contractType: true, amount: true } });
  const byType = new Map(rows.map((r) => [r.contractType, Number(r.amount)]));
  return { financialYear, amounts: Object.fromEntries(CONTRACT_TYPES.map((t) => [t, byType.get(t) ?? null])) as TBudget['amounts'] };
}

/** The financial years the council has any budget for, newest first. */
export async function getBudgetYears(db: Db, councilId: string): Promise<number[]> {
  const rows = await db.budget.groupBy({ by: ['financialYear'], where: { councilId }, orderBy: { financialYear: 'desc' } });
  return rows.map((r) => r.financialYear);
}
