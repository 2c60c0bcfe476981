'use client';

import { ErrorSummary, problemsOf, SubmitButton, TextInput, useActionForm } from '@/components/form';
import { createCouncilAction } from './actions';

/** Adds a council and invites its first administrator, who sets the council up from there. */
export function CreateCouncilForm() {
  const { pending, errors, message, status, summary, onSubmit } = useActionForm(createCouncilAction, {
    saved: (_, sent) => `${String(sent.get('name'))} is added. ${String(sent.get('adminEmail'))} has been emailed a link to set a password.`,
    reset: true,
    refresh: true,
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="add-council">
      <h2 id="add-council" className="text-lg font-semibold">
        Add a council
      </h2>
      <ErrorSummary ref={summary} problems={problemsOf(errors, (key) => `council-${key}`)} message={message} />
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
        <TextInput id="council-code" name="code" label="Code" hint="2 to 6 letters, like KHC" errors={errors} inputClassName="w-full" />
        <TextInput id="council-name" name="name" label="Council name" errors={errors} inputClassName="w-full" />
      </div>
      <fieldset className="space-y-3">
        <legend className="font-medium">Its first administrator</legend>
        <p className="text-sm text-slate-700">They are emailed a link to set a password, then set up the council&apos;s geography and invite its staff.</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextInput id="council-adminName" name="adminName" label="Name" autoComplete="off" errors={errors} inputClassName="w-full" />
          <TextInput id="council-adminEmail" name="adminEmail" type="email" label="Email address" autoComplete="off" errors={errors} inputClassName="w-full" />
        </div>
      </fieldset>
      <SubmitButton pending={pending}>Add council</SubmitButton>
      <p role="status" aria-live="polite" className="text-sm">
        {status}
      </p>
    </form>
  );
}
