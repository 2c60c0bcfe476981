'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { REABLEMENT_OUTCOME_LABEL, REABLEMENT_OUTCOMES, type TReablementOutcomeValue } from '@/lib/reablement/outcomes';
import { recordReablementOutcomeAction } from './actions';
import { ErrorSummary } from '@/components/error-summary';

/** Asks how reablement ended and ends it: the placement and its lines stop on the last day. */
export function ReablementOutcomeForm({
  packageId,
  reference,
  endsOn,
  firstDay,
}: {
  packageId: string;
  reference: string;
  endsOn: string;
  firstDay: string | null;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const field = (name: string) => `${id}-${name}`;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    start(async () => {
      const result = await recordReablementOutcomeAction({
        packageId,
        outcome: String(data.get('outcome') ?? '') as TReablementOutcomeValue,
        note: String(data.get('note') ?? '') || undefined,
        endDate: String(data.get('endDate') ?? '') || undefined,
      });
      if (result.ok) {
        router.push(`/duty?ended=${encodeURIComponent(result.data.reference)}`);
        return;
      }
      setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
      setMessage(result.fieldErrors ? null : result.message);
      setTimeout(() => summary.current?.focus(), 0);
    });
  };
  const error = (name: string) =>
    errors[name] ? (
      <p id={`${field(name)}-error`} className="text-sm font-medium text-red-800">
        <span className="sr-only">Error: </span>
        {errors[name]}
      </p>
    ) : null;
  const describedBy = (name: string) => (errors[name] ? `${field(name)}-error` : undefined);
  const list = Object.entries(errors);

  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label={`Outcome of reablement ${reference}`}>
      <div aria-live="assertive">
        <ErrorSummary ref={summary} message={message} problems={list.map(([name, text]) => ({ href: `#${field(name)}`, text }))} />
      </div>
      <fieldset id={field('outcome')} tabIndex={-1} aria-describedby={describedBy('outcome')}>
        <legend className="text-sm font-medium">How did reablement end?</legend>
        {error('outcome')}
        {REABLEMENT_OUTCOMES.map((o) => (
          <label key={o} className="flex items-center gap-2 text-sm">
            <input type="radio" name="outcome" value={o} className="h-6 w-6" /> {REABLEMENT_OUTCOME_LABEL[o]}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor={field('endDate')} className="block text-sm font-medium">
          Last day of reablement
        </label>
        {error('endDate')}
        <input
          id={field('endDate')}
          name="endDate"
          type="date"
          defaultValue={endsOn}
          min={firstDay ?? undefined}
          max={endsOn}
          aria-invalid={errors.endDate ? true : undefined}
          aria-describedby={describedBy('endDate')}
          className={`mt-1 rounded border px-2 py-1 ${errors.endDate ? 'border-2 border-red-700' : 'border-slate-500'}`}
        />
      </div>
      <div>
        <label htmlFor={field('note')} className="block text-sm font-medium">
          Note (needed for “something else”)
        </label>
        {error('note')}
        <textarea
          id={field('note')}
          name="note"
          rows={2}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describedBy('note')}
          className={`mt-1 w-full rounded border px-2 py-1 ${errors.note ? 'border-2 border-red-700' : 'border-slate-500'}`}
        />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white disabled:opacity-60">
        {pending ? 'Saving…' : 'Record outcome and end reablement'}
      </button>
    </form>
  );
}
