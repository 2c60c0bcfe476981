'use client';

import { useState, useTransition } from 'react';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { CONTRACT_TYPE_LABEL } from '@/lib/domain/labels';
import { ErrorSummary, MoneyInput, problemsOf, SubmitButton, useFocusSummary, type TFieldErrors } from '@/components/form';
import { setBudgetAction } from './actions';

type TType = (typeof CONTRACT_TYPES)[number];

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });

function parseAmount(text: string): number | null {
  const n = Number(text.replace(/[£,\s]/g, ''));
  return text.trim() === '' || !Number.isFinite(n) ? null : n;
}

export function BudgetForm({ financialYear, label, current }: { financialYear: number; label: string; current: Record<TType, number | null> }) {
  const [values, setValues] = useState<Record<TType, string>>(
    () => Object.fromEntries(CONTRACT_TYPES.map((t) => [t, current[t] === null ? '' : current[t].toFixed(2)])) as Record<TType, string>,
  );
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [summary, focusSummary] = useFocusSummary();
  const total = CONTRACT_TYPES.reduce((s, t) => s + (parseAmount(values[t]) ?? 0), 0);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start(async () => {
      const result = await setBudgetAction({ financialYear, amounts: values });
      if (result.ok) {
        setErrors({});
        setStatus(`Saved the ${label} budget.`);
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setStatus(result.fieldErrors ? null : result.message);
      focusSummary();
    });
  }

  const fieldId = (t: TType) => `budget-${t}`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="budget-form-heading">
      <h2 id="budget-form-heading" className="text-lg font-semibold">
        Budget for {label}
      </h2>
      <ErrorSummary ref={summary} problems={problemsOf(errors, (k) => (k.startsWith('amounts.') ? fieldId(k.slice(8) as TType) : 'budget-form-heading'))} />
      <div className="grid gap-3 sm:grid-cols-2">
        {CONTRACT_TYPES.map((t) => (
          <MoneyInput
            key={t}
            id={fieldId(t)}
            name={t}
            label={`${CONTRACT_TYPE_LABEL[t]} (£ for the year)`}
            value={values[t]}
            onChange={(e) => setValues({ ...values, [t]: e.target.value })}
            errors={errors}
            errorKey={`amounts.${t}`}
            inputClassName="w-48"
          />
        ))}
      </div>
      <p className="font-medium tabular-nums" data-testid="budget-total">
        Total for {label}: {pounds.format(total)}
      </p>
      <SubmitButton pending={pending}>Save budget</SubmitButton>
      <p aria-live="polite" role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}
