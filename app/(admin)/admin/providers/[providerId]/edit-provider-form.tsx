'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ErrorSummary, useFocusSummary, problemsOf, SubmitButton, type TFieldErrors } from '@/components/form';
import { updateProviderAction } from '../actions';
import { ProviderFields, type TProviderValues } from '../provider-fields';

export function EditProviderForm({ providerId, values }: { providerId: string; values: TProviderValues }) {
  const router = useRouter();
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [summary, focusSummary] = useFocusSummary();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    data.set('providerId', providerId);
    start(async () => {
      const result = await updateProviderAction(data);
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setStatus('Saved.');
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.message);
        setStatus(null);
        focusSummary();
      }
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="edit-heading">
      <h2 id="edit-heading" className="text-lg font-semibold">
        Organisation details
      </h2>
      <p className="text-sm text-slate-700">Every council this organisation works for sees these details. A changed rating is kept in its rating history.</p>
      <ErrorSummary ref={summary} problems={problemsOf(errors, (key) => `edit-${key.split('.')[0]}`)} message={message} />
      <ProviderFields prefix="edit" errors={errors} values={values} />
      <SubmitButton pending={pending}>Save details</SubmitButton>
      <p aria-live="polite" role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}
