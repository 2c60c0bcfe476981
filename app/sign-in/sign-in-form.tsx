'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { ErrorSummary } from '@/components/error-summary';

const FAILED =
  'Those details did not work. Check your email address, password and code, and try again. After several failed attempts you will need to wait before trying again.';

export function SignInForm({ sso }: { sso: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [needCode, setNeedCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
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
    setTimeout(() => summary.current?.focus(), 0);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <div aria-live="assertive">
        <ErrorSummary ref={summary} level={2} message={error} problems={[]} />
      </div>
      <div>
        <label htmlFor="email" className="block font-medium">
          Email address
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required className="mt-1 w-full rounded border border-slate-500 px-2 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-slate-500 px-2 py-2"
        />
      </div>
      {needCode ? (
        <div>
          <label htmlFor="code" className="block font-medium">
            Code from your authenticator app
          </label>
          <p id="code-hint" className="text-sm text-slate-600">
            The 6-digit code shown in the app now.
          </p>
          <input
            ref={codeInput}
            id="code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            aria-describedby="code-hint"
            required
            className="mt-1 w-40 rounded border border-slate-500 px-2 py-2 tracking-widest"
          />
        </div>
      ) : null}
      <button type="submit" disabled={busy} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
        {busy ? 'Signing in…' : needCode ? 'Continue' : 'Sign in'}
      </button>
      <p>
        <a href="/reset-password" className="underline">
          Forgotten your password?
        </a>
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
