'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { ErrorSummary, SubmitButton, useFocusSummary, TextInput } from '@/components/form';

const FAILED =
  'Those details did not work. Check your email address, password and code, and try again. After several failed attempts you will need to wait before trying again.';

export function SignInForm({ sso }: { sso: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [summary, focusSummary] = useFocusSummary();
  const codeInput = useRef<HTMLInputElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      code: String(form.get('code') ?? ''),
    });
    setBusy(false);
    if (result?.ok && !result.error) {
      router.replace('/');
      router.refresh();
      return;
    }
    if (result?.error === 'MFA_REQUIRED') {
      setNeedCode(true);
      setTimeout(() => codeInput.current?.focus(), 0);
      return;
    }
    setError(FAILED);
    focusSummary();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <ErrorSummary ref={summary} level={2} message={error} problems={[]} />
      <TextInput id="email" name="email" type="email" label="Email address" autoComplete="username" required inputClassName="w-full py-2" />
      <TextInput id="password" name="password" type="password" label="Password" autoComplete="current-password" required inputClassName="w-full py-2" />
      {needCode ? (
        <TextInput
          ref={codeInput}
          id="code"
          name="code"
          label="Code from your authenticator app"
          hint="The 6-digit code shown in the app now."
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          required
          inputClassName="w-40 py-2 tracking-widest"
        />
      ) : null}
      <SubmitButton pending={busy} pendingLabel="Signing in…" large>
        {needCode ? 'Continue' : 'Sign in'}
      </SubmitButton>
      <p>
        <Link href="/reset-password" className="underline">
          Forgotten your password?
        </Link>
      </p>
      {sso ? (
        <p>
          <button type="button" onClick={() => signIn('oidc', { callbackUrl: '/' })} className="underline">
            Sign in with {sso}
          </button>
        </p>
      ) : null}
    </form>
  );
}
