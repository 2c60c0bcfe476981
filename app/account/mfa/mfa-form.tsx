'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SubmitButton, TextInput } from '@/components/form';
import { confirmMfaAction } from '../actions';

export function MfaForm() {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const result = await confirmMfaAction({ code: String(new FormData(event.currentTarget).get('code') ?? '') });
    setBusy(false);
    if (result.ok) {
      router.replace('/');
      router.refresh();
    } else {
      setError(result.fieldErrors?.code?.[0] ?? result.message);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <TextInput
        id="code"
        name="code"
        label="Code from your authenticator app"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        error={error}
        announce
        inputClassName="w-40 py-2 tracking-widest"
      />
      <SubmitButton pending={busy} pendingLabel="Checking…" large>
        Turn on two-step sign-in
      </SubmitButton>
    </form>
  );
}
