'use client';

import { ErrorSummary, problemsOf, SubmitButton, useActionForm } from '@/components/form';
import { updateProviderAction } from '../actions';
import { ProviderFields, type TProviderValues } from '../provider-fields';

export function EditProviderForm({ providerId, values }: { providerId: string; values: TProviderValues }) {
  const { pending, errors, message, status, summary, onSubmit } = useActionForm(updateProviderAction, {
    prepare: (sent) => sent.set('providerId', providerId),
    saved: 'Saved.',
    refresh: true,
  });
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
