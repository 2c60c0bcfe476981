'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ErrorSummary, SubmitButton, TextInput, type TFieldErrors } from '@/components/form';
import { setPasswordAction } from './actions';

export function SetPasswordForm({ token, purpose }: { token: string; purpose: 'INVITE' | 'PASSWORD_RESET' }) {
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const form = new FormData(event.currentTarget);
    const result = await setPasswordAction({ token, purpose, password: String(form.get('password') ?? ''), confirm: String(form.get('confirm') ?? '') });
    setBusy(false);
    if (result.ok) {
      setDone(true);
      return;
    }
    setErrors(result.fieldErrors ?? {});
    setMessage(result.message);
  }

  if (done) {
    return (
      <p role="status" className="mt-4">
        Your password is set.{' '}
        <Link href="/sign-in" className="underline">
          Sign in
        </Link>
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <ErrorSummary level={2} message={message} problems={[]} />
      <TextInput
        id="password"
        name="password"
        type="password"
        label="New password"
        hint="At least 12 characters. A few unrelated words make a strong one."
        autoComplete="new-password"
        errors={errors}
        inputClassName="w-full py-2"
      />
      <TextInput id="confirm" name="confirm" type="password" label="Type it again" autoComplete="new-password" errors={errors} inputClassName="w-full py-2" />
      <SubmitButton pending={busy} pendingLabel="Saving…" large>
        Set password
      </SubmitButton>
    </form>
  );
}
