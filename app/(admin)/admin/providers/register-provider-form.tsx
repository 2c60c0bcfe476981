'use client';

import { ErrorSummary, problemsOf, SubmitButton, useActionForm } from '@/components/form';
import { registerProviderAction } from './actions';
import { ProviderFields } from './provider-fields';

export function RegisterProviderForm() {
  const { pending, errors, message, status, summary, onSubmit } = useActionForm(registerProviderAction, {
    saved: ({ existing }) => (existing ? 'Added to your register (the organisation was already on the platform).' : 'Added to your register.'),
    reset: true,
  });
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
