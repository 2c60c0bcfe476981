'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { postPackageAction } from '../actions';

export function PostButton({ packageId, version }: { packageId: string; version: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await postPackageAction({ packageId, expectedVersion: version });
            if (result.ok) router.refresh();
            else setMessage(result.message);
          })
        }
        className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? 'Posting…' : 'Post this package'}
      </button>
      <p aria-live="polite" role="status" className="text-sm font-medium text-red-800">
        {message}
      </p>
    </div>
  );
}
