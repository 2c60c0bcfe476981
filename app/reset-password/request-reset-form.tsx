'use client';

import { useState } from 'react';
import { requestResetAction } from '../set-password/actions';

export function RequestResetForm() {
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await requestResetAction({ email: String(new FormData(event.currentTarget).get('email') ?? '') });
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
      <div>
        <label htmlFor="email" className="block font-medium">
          Email address
        </label>
        {error ? (
          <p id="email-error" role="alert" className="font-medium text-red-800">
            <span className="sr-only">Error: </span>
            {error}
          </p>
        ) : null}
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'email-error' : undefined}
          className="mt-1 w-full rounded border border-slate-500 px-2 py-2"
        />
      </div>
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white">
        Send the link
      </button>
    </form>
  );
}
