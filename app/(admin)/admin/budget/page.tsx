import type { Metadata } from 'next';
import { requirePageActor } from '@/lib/auth/require-page-actor';
import { financialYearLabel, financialYearOf } from '@/lib/budget/financial-year';
import { getBudget, getBudgetYears } from '@/lib/budget/get-budget';
import { londonDate } from '@/lib/time/london';
import { BudgetForm } from './budget-form';
import { Select, SubmitButton } from '@/components/form';

export const metadata: Metadata = { title: 'Budget' };
export const dynamic = 'force-dynamic';

export default async function BudgetPage({ searchParams }: { searchParams: Promise<{ year?: string | string[] }> }) {
  const { actor, db } = await requirePageActor('budget:manage');
  const { councilId } = actor;
  const current = financialYearOf(londonDate(new Date()));
  const asked = Number([(await searchParams).year].flat()[0]);
  const year = Number.isInteger(asked) && asked >= current - 10 && asked <= current + 5 ? asked : current;
  const [budget, entered] = await Promise.all([getBudget(db, councilId, year), getBudgetYears(db, councilId)]);
  const years = Array.from({ length: 16 }, (_, i) => current + 5 - i);
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Home-care budget</h1>
      <p className="text-slate-700">
        What the council plans to spend on external home care in each financial year (1 April to 31 March), by contract type. The dashboards compare spend with
        it. Leave a contract type empty if it has no budget.
      </p>
      <form
        method="get"
        action="/admin/budget"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Choose a financial year"
      >
        <Select id="year" name="year" label="Financial year" defaultValue={year} compact>
          {years.map((y) => (
            <option key={y} value={y}>
              {financialYearLabel(y)}
              {entered.includes(y) ? ' (budget entered)' : ''}
            </option>
          ))}
        </Select>
        <SubmitButton variant="secondary">Show year</SubmitButton>
      </form>
      <BudgetForm key={year} financialYear={year} label={financialYearLabel(year)} current={budget.amounts} />
    </section>
  );
}
