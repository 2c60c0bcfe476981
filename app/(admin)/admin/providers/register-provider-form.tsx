'use client';

import { useState, useTransition } from 'react';
import { ErrorSummary, useFocusSummary, problemsOf, SubmitButton, type TFieldErrors } from '@/components/form';
import { registerProviderAction } from './actions';
import { ProviderFields } from './provider-fields';

export function RegisterProviderForm() {
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [summary, focusSummary] = useFocusSummary();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const result = await registerProviderAction(data);
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setStatus(result.data.existing ? 'Added to your register (the organisation was already on the platform).' : 'Added to your register.');
        form.reset();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.message);
        setStatus(null);
        focusSummary();
      }
    });
  }
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">Add an organisation to the register</summary>
      <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
        <ErrorSummary ref={summary} problems={problemsOf(errors, (key) => `provider-${key.split('.')[0]}`)} message={message} />
        <ProviderFields prefix="provider" errors={errors} />
        <SubmitButton pending={pending}>Add to register</SubmitButton>
        <p aria-live="polite" role="status" className="text-sm">
          {status}
        </p>
      </form>
    </details>
  );
}
