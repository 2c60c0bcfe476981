'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { sendReplacementOffersAction } from '../../../actions';

/** Sends the plan's offers once: the server refuses a batch that has already gone. */
export function SendButton({ batchId, packages, providerName }: { batchId: string; packages: number; providerName: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded bg-brand-700 px-3 py-1.5 text-white">
        Send offers
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby="send-confirm" className="space-y-2 rounded-lg border-2 border-brand-700 bg-white p-4">
      <p id="send-confirm" className="font-medium">
        Send offers for {packages} package{packages === 1 ? '' : 's'}? {providerName}&apos;s placements end today and its service lines end yesterday; each
        package is offered to the provider in the plan, or to the wider market where the plan has none.
      </p>
      <div className="flex gap-3">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const result = await sendReplacementOffersAction({ batchId });
              if (result.ok) {
                const { offered, rebrokered, skipped } = result.data;
                setMessage(
                  `Sent: ${offered} offered to the planned provider, ${rebrokered} to the wider market${skipped ? `, ${skipped} had already moved on` : ''}.`,
                );
                setConfirming(false);
                router.refresh();
              } else setMessage(result.message);
            })
          }
          className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60"
        >
          {pending ? 'Sending…' : 'Yes, send offers'}
        </button>
        <button type="button" disabled={pending} onClick={() => setConfirming(false)} className="rounded border border-slate-500 px-3 py-1.5">
          Cancel
        </button>
      </div>
      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>
    </div>
  );
}
