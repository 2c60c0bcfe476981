'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { confirmMfaAction } from '../actions';

export function MfaForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
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
      <div>
        <label htmlFor="code" className="block font-medium">
          Code from your authenticator app
        </label>
        {error ? (
          <p id="code-error" role="alert" className="font-medium text-red-800">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <input
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'code-error' : undefined}
          className={`mt-1 w-40 rounded border px-2 py-2 tracking-widest ${error ? 'border-red-700 border-2' : 'border-slate-500'}`}
        />
      </div>
      <button type="submit" disabled={busy} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60">
        {busy ? 'Checking…' : 'Turn on two-step sign-in'}
      </button>
    </form>
  );
}
