'use client';

import { useRef, useState, useTransition } from 'react';
import { CONTRACT_TYPES } from '@/lib/dashboard/labels';
import { CONTRACT_TYPE_LABEL } from '@/lib/format';
import { setBudgetAction } from './actions';
import { ErrorSummary } from '@/components/error-summary';

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
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const summary = useRef<HTMLDivElement>(null);
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
      setTimeout(() => summary.current?.focus(), 0);
    });
  }

  const problems = Object.entries(errors).flatMap(([field, messages]) => (messages ?? []).map((message) => ({ field, message })));
  const fieldId = (t: TType) => `budget-${t}`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="budget-form-heading">
      <h2 id="budget-form-heading" className="text-lg font-semibold">
        Budget for {label}
      </h2>
      <ErrorSummary
        ref={summary}
        problems={problems.map((p) => ({
          href: `#${p.field.startsWith('amounts.') ? fieldId(p.field.slice(8) as TType) : 'budget-form-heading'}`,
          text: p.message,
        }))}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        {CONTRACT_TYPES.map((t) => {
          const error = errors[`amounts.${t}`]?.[0];
          return (
            <div key={t}>
              <label htmlFor={fieldId(t)} className="block font-medium">
                {CONTRACT_TYPE_LABEL[t]} (£ for the year)
              </label>
              {error ? (
                <p id={`${fieldId(t)}-error`} className="text-sm font-medium text-red-800">
                  <span className="sr-only">Error: </span>
                  {error}
                </p>
              ) : null}
              <input
                id={fieldId(t)}
                name={t}
                inputMode="decimal"
                autoComplete="off"
                value={values[t]}
                onChange={(e) => setValues({ ...values, [t]: e.target.value })}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${fieldId(t)}-error` : undefined}
                className={`mt-1 w-48 rounded border px-2 py-1 tabular-nums ${error ? 'border-2 border-red-700' : 'border-slate-500'}`}
              />
            </div>
          );
        })}
      </div>
      <p className="font-medium tabular-nums" data-testid="budget-total">
        Total for {label}: {pounds.format(total)}
      </p>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        Save budget
      </button>
      <p aria-live="polite" role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}
