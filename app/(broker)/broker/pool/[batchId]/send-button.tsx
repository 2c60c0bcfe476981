'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { countOf } from '@/lib/format';
import { sendWaitingPoolAction } from '../actions';

type TSentItems = Extract<Awaited<ReturnType<typeof sendWaitingPoolAction>>, { ok: true }>['data']['items'];

const SKIPPED: Partial<Record<TSentItems[number]['outcome'], string>> = {
  CHANGED: 'changed or placed since the plan',
  ALREADY_OFFERED: 'the provider already had the offer',
  PROVIDER_NOT_ACTIVE: 'the provider has been suspended',
};

/** What sending did, in words: how many went, and each skipped package by reference with why. */
function sentText(items: TSentItems): string {
  const offered = items.filter((i) => i.outcome === 'OFFERED').length;
  const skipped = Object.entries(SKIPPED).flatMap(([outcome, why]) => {
    const refs = items.filter((i) => i.outcome === outcome).map((i) => i.reference);
    return refs.length ? [`Not sent, ${why}: ${refs.join(', ')}.`] : [];
  });
  return [`Sent ${countOf(offered, 'offer')}.`, ...skipped].join(' ');
}

/** Sends the plan's offers once, after the broker confirms; stays in place once sent to say what went. */
export function SendPoolButton({ batchId, planned, sent }: { batchId: string; planned: number; sent: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      {confirming ? (
        <div role="group" aria-labelledby="send-confirm" className="space-y-3 rounded-lg border-2 border-brand-700 bg-white p-4">
          <p id="send-confirm" className="font-medium">
            Offer {countOf(planned, 'package')} to the providers in the plan? Each offer joins the package’s round with the usual time to answer. A package
            changed since the plan is not sent.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const result = await sendWaitingPoolAction({ batchId });
                  setMessage(result.ok ? sentText(result.data.items) : result.message);
                  setConfirming(false);
                  router.refresh();
                })
              }
              className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
            >
              {pending ? 'Sending…' : 'Yes, send the offers'}
            </button>
            <button type="button" disabled={pending} onClick={() => setConfirming(false)} className="min-h-11 rounded border border-slate-500 px-4 py-2">
              Cancel
            </button>
          </div>
        </div>
      ) : sent || message ? null : (
        <button type="button" onClick={() => setConfirming(true)} className="min-h-11 w-full rounded bg-brand-700 px-4 py-2 font-medium text-white sm:w-auto">
          Send {countOf(planned, 'offer')}
        </button>
      )}
      <p role="status" aria-live="polite" className="font-medium" data-testid="pool-sent">
        {message}
      </p>
    </div>
  );
}
