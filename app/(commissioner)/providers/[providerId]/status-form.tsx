'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { reinstateProviderAction, suspendProviderAction } from '../actions';
import { ErrorSummary } from '@/components/error-summary';

type TErrors = { reason?: string; confirm?: string };

/** Suspend (or reinstate) a provider: a reason is required, and suspending must be confirmed. */
export function StatusForm({ providerId, providerName, status }: { providerId: string; providerName: string; status: 'ACTIVE' | 'SUSPENDED' }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<TErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const suspending = status === 'ACTIVE';

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const reason = String(data.get('reason') ?? '');
    const found: TErrors = {};
    if (suspending && data.get('confirm') !== 'on')
      found.confirm = `Confirm that ${providerName} will get no new offers and its offers out now will be withdrawn`;
    if (reason.trim().length < 5) found.reason = 'Give the reason in a few words, such as "CQC rated Inadequate on 20 Nov 2026"';
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setMessage(null);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    start(async () => {
      const result = suspending ? await suspendProviderAction({ providerId, reason }) : await reinstateProviderAction({ providerId, reason });
      if (result.ok) {
        setErrors({});
        setMessage(
          suspending && result.data
            ? `${providerName} is suspended. ${result.data.withdrawn} open offer${result.data.withdrawn === 1 ? ' was' : 's were'} withdrawn.`
            : `${providerName} is active again.`,
        );
        router.refresh();
      } else {
        setErrors({ reason: result.fieldErrors?.reason?.[0] });
        setMessage(result.fieldErrors ? null : result.message);
        requestAnimationFrame(() => summary.current?.focus());
      }
    });
  }

  const list = Object.entries(errors).filter(([, v]) => v) as [keyof TErrors, string][];
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="status-heading">
      <h2 id="status-heading" className="text-lg font-semibold">
        {suspending ? 'Suspend this provider' : 'Reinstate this provider'}
      </h2>
      <div ref={summary} tabIndex={-1} aria-live="assertive">
        <ErrorSummary problems={list.map(([field, text]) => ({ href: `#status-${field}`, text }))} />
      </div>
      <p className="text-sm text-slate-700">
        {suspending
          ? 'A suspended provider gets no new offers from your council, and its open offers are withdrawn at once. The packages it delivers stay with it until you re-place them.'
          : 'A reinstated provider can be offered new work again. Packages already re-placed stay with their new providers.'}
      </p>
      <div>
        <label htmlFor="status-reason" className="block font-medium">
          Reason
        </label>
        <p id="status-reason-hint" className="text-sm text-slate-600">
          {suspending
            ? 'For example a CQC Inadequate rating or a contract default. It is kept in the audit trail.'
            : 'For example the outcome of a re-inspection.'}
        </p>
        {errors.reason ? (
          <p id="status-reason-error" className="text-sm font-medium text-red-800">
            <span className="sr-only">Error: </span>
            {errors.reason}
          </p>
        ) : null}
        <textarea
          id="status-reason"
          name="reason"
          rows={3}
          maxLength={500}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={`status-reason-hint${errors.reason ? ' status-reason-error' : ''}`}
          className={`mt-1 w-full max-w-xl rounded border px-2 py-1 ${errors.reason ? 'border-2 border-red-700' : 'border-slate-500'}`}
        />
      </div>
      {suspending ? (
        <div>
          {errors.confirm ? (
            <p id="status-confirm-error" className="text-sm font-medium text-red-800">
              <span className="sr-only">Error: </span>
              {errors.confirm}
            </p>
          ) : null}
          <label className="flex items-start gap-2">
            <input
              id="status-confirm"
              name="confirm"
              type="checkbox"
              className="mt-1 h-4 w-4"
              aria-invalid={errors.confirm ? true : undefined}
              aria-describedby={errors.confirm ? 'status-confirm-error' : undefined}
            />
            <span>I understand that {providerName} will get no new offers and that its offers out now will be withdrawn.</span>
          </label>
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={`rounded px-3 py-1.5 text-white disabled:opacity-60 ${suspending ? 'bg-red-800' : 'bg-brand-700'}`}>
        {pending ? 'Saving…' : suspending ? 'Suspend provider' : 'Reinstate provider'}
      </button>
      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>
    </form>
  );
}
