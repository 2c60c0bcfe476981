'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { previewReplacementAction } from '../actions';

/** Asks the optimiser for a plan; nothing is sent until the plan is confirmed on the next page. */
export function PreviewButton({ providerId }: { providerId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setMessage('Working out a plan. This can take up to 10 seconds.');
            const result = await previewReplacementAction({ providerId });
            if (result.ok) router.push(`/providers/${providerId}/replacements/${result.data.batchId}`);
            else setMessage(result.message);
          })
        }
        className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60"
      >
        {pending ? 'Planning…' : 'Preview re-placement'}
      </button>
      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>
    </div>
  );
}
