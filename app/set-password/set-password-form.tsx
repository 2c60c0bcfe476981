'use client';

import Link from 'next/link';
import { useState } from 'react';
import { setPasswordAction } from './actions';
import { ErrorSummary } from '@/components/error-summary';

type Errors = Partial<Record<'password' | 'confirm', string>>;

export function SetPasswordForm({ token, purpose }: { token: string; purpose: 'INVITE' | 'PASSWORD_RESET' }) {
  const [errors, setErrors] = useState<Errors>({});
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
    setErrors({ password: result.fieldErrors?.password?.[0], confirm: result.fieldErrors?.confirm?.[0] });
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
  const field = (name: keyof Errors, label: string, hint?: string) => (
    <div>
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p id={`${name}-error`} className="font-medium text-red-800">
          <span className="sr-only">Error: </span>
          {errors[name]}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        type="password"
        autoComplete="new-password"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint ? `${name}-hint` : '', errors[name] ? `${name}-error` : ''].join(' ').trim() || undefined}
        className={`mt-1 w-full rounded border px-2 py-2 ${errors[name] ? 'border-2 border-red-700' : 'border-slate-500'}`}
      />
    </div>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <div aria-live="assertive">
        <ErrorSummary level={2} message={message} problems={[]} />
      </div>
      {field('password', 'New password', 'At least 12 characters. A few unrelated words make a strong one.')}
      {field('confirm', 'Type it again')}
      <button type="submit" disabled={busy} className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60">
        {busy ? 'Saving…' : 'Set password'}
      </button>
    </form>
  );
}
