'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { signOutEverywhereAction } from './actions';

export function SignOutEverywhere() {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className="rounded border border-slate-500 px-3 py-2"
        onClick={async () => {
          const result = await signOutEverywhereAction({});
          if (result.ok) await signOut({ callbackUrl: '/sign-in' });
          else setMessage(result.message);
        }}
      >
        Sign out on every device
      </button>
      <p aria-live="polite" className="mt-2 text-red-800">
        {message}
      </p>
    </div>
  );
}
