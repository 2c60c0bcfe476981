import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { financialYearLabel, periodByFinancialYear } from '@/lib/budget/financial-year';
import type { TDashboardFilters } from './filters';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { spendByContractTypeDuring } from './market-keys';

// Spend against the budget an admin enters, for the period "from" to "to" (London days,
// inclusive). Spend is the contract-types section's weekly spend (hours a week × hourly rate of
// each placed line) over the days each line is in force in the period: weekly spend × days / 7.
// A financial year's budget counts for the share of its days that fall in the period, so a
// period across 31 March takes a part of each year. A contract type has a budget for the period
// only when every financial year the period touches has an amount for it; the total compares
// all spend with the sum of the budgets there are. Spend is read from the rollup by kind the
// database keeps (market-keys.ts), not from the lines.

export async function getSpendAgainstBudget(prisma: PrismaClient, councilId: string, filters: TDashboardFilters) {
  const { from, to } = filters;
  const years = periodByFinancialYear(from, to);
  const [spendOf, budgets] = await Promise.all([
    spendByContractTypeDuring(prisma, councilId, filters),
    prisma.budget.findMany({
      where: { councilId, financialYear: { in: years.map((y) => y.year) } },
      select: { financialYear: true, contractType: true, amount: true },
    }),
  ]);
  const amountOf = new Map(budgets.map((b) => [`${b.financialYear}:${b.contractType}`, Number(b.amount)]));
  const out = CONTRACT_TYPES.map((type) => {
    const parts = years.map((y) => {
      const amount = amountOf.get(`${y.year}:${type}`);
      return amount === undefined ? null : (amount * y.days) / y.yearDays;
    });
    const budget = parts.every((p) => p !== null) ? parts.reduce<number>((s, p) => s + (p ?? 0), 0) : null;
    const spend = spendOf.get(type) ?? 0;
    return { type, spend, budget, variance: budget === null ? null : spend - budget, used: budget ? spend / budget : null };
  });
  const spend = out.reduce((s, r) => s + r.spend, 0);
  const budgeted = out.filter((r) => r.budget !== null);
  const budget = budgeted.length ? budgeted.reduce((s, r) => s + (r.budget ?? 0), 0) : null;
  const yearsWithBudget = new Set(budgets.map((b) => b.financialYear));
  return {
    from,
    to,
    years: years.map((y) => ({ ...y, label: financialYearLabel(y.year), hasBudget: yearsWithBudget.has(y.year) })),
    rows: out,
    spend,
    budget,
    variance: budget === null ? null : spend - budget,
    used: budget ? spend / budget : null,
  };
}
