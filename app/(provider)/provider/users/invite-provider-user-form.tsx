'use client';

import { useState, useTransition } from 'react';
import { inviteProviderUserAction } from './actions';

export function InviteProviderUserForm() {
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const result = await inviteProviderUserAction({
        name: String(data.get('name') ?? ''),
        email: String(data.get('email') ?? ''),
        manager: data.get('manager') === 'on',
      });
      if (result.ok) {
        setErrors({});
        setStatus(`Invitation sent to ${String(data.get('email'))}.`);
        form.reset();
      } else {
        setErrors({ name: result.fieldErrors?.name?.[0], email: result.fieldErrors?.email?.[0] });
        setStatus(result.fieldErrors ? null : result.message);
      }
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Invite someone</h2>
      <div className="flex flex-wrap items-start gap-3">
        {(['name', 'email'] as const).map((k) => (
          <div key={k}>
            <label htmlFor={`invite-${k}`} className="block text-sm font-medium">
              {k === 'name' ? 'Name' : 'Email address'}
            </label>
            {errors[k] ? (
              <p id={`invite-${k}-error`} className="text-sm font-medium text-red-800">
                {errors[k]}
              </p>
            ) : null}
            <input
              id={`invite-${k}`}
              name={k}
              type={k === 'email' ? 'email' : 'text'}
              aria-invalid={errors[k] ? true : undefined}
              aria-describedby={errors[k] ? `invite-${k}-error` : undefined}
              className="mt-1 rounded border border-slate-500 px-2 py-1"
            />
          </div>
        ))}
        <label className="mt-6 inline-flex items-center gap-1 text-sm">
          <input type="checkbox" name="manager" /> Can manage users
        </label>
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        Send invitation
      </button>
      <p aria-live="polite" className="text-sm">
        {status}
      </p>
    </form>
  );
}
