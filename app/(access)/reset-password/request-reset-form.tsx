'use client';

import { useState } from 'react';
import { SubmitButton, TextInput } from '@/components/form';
import { requestResetAction } from '../set-password/actions';

export function RequestResetForm() {
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const result = await requestResetAction({ email: String(new FormData(event.currentTarget).get('email') ?? '') });
    setBusy(false);
    if (result.ok) setSent(true);
    else setError(result.fieldErrors?.email?.[0] ?? result.message);
  }
  if (sent)
    return (
      <p role="status" className="mt-4">
        If that address has an account, a link is on its way. Check your email.
      </p>
    );
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <TextInput id="email" name="email" type="email" label="Email address" autoComplete="username" error={error} announce inputClassName="w-full py-2" />
      <SubmitButton pending={busy} large>
        Send the link
      </SubmitButton>
    </form>
  );
}
