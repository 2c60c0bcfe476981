'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Checkbox, ErrorSummary, problemsOf, SubmitButton, Textarea } from '@/components/form';
import { reinstateProviderAction, suspendProviderAction } from '../actions';

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

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="status-heading">
      <h2 id="status-heading" className="text-lg font-semibold">
        {suspending ? 'Suspend this provider' : 'Reinstate this provider'}
      </h2>
      <ErrorSummary ref={summary} problems={problemsOf(errors, (field) => `status-${field}`)} />
      <p className="text-sm text-slate-700">
        {suspending
          ? 'A suspended provider gets no new offers from your council, and its open offers are withdrawn at once. The packages it delivers stay with it until you re-place them.'
          : 'A reinstated provider can be offered new work again. Packages already re-placed stay with their new providers.'}
      </p>
      <Textarea
        id="status-reason"
        name="reason"
        label="Reason"
        hint={
          suspending
            ? 'For example a CQC Inadequate rating or a contract default. It is kept in the audit trail.'
            : 'For example the outcome of a re-inspection.'
        }
        rows={3}
        maxLength={500}
        errors={errors}
        inputClassName="w-full max-w-xl"
      />
      {suspending ? (
        <Checkbox
          id="status-confirm"
          name="confirm"
          label={`I understand that ${providerName} will get no new offers and that its offers out now will be withdrawn.`}
          error={errors.confirm}
        />
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Saving…" variant={suspending ? 'danger' : 'primary'}>
        {suspending ? 'Suspend provider' : 'Reinstate provider'}
      </SubmitButton>
      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>
    </form>
  );
}
