'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { formatLondonTime } from '@/lib/time/london';
import { pushPackageAction } from './actions';

const names = (list: string[]) => (list.length <= 2 ? list.join(' and ') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`);

/** One action: post (if a draft) and offer to the STEP and discharge providers now. */
export function PushButton({ packageId, reference, draft }: { packageId: string; reference: string; draft: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const push = () =>
    start(async () => {
      const result = await pushPackageAction({ packageId });
      if (!result.ok) {
        setMessage({ ok: false, text: result.message });
        return;
      }
      const r = result.data;
      const parts = [
        r.posted ? `Posted: ${r.postedOffers} offer${r.postedOffers === 1 ? '' : 's'} in round 1.` : null,
        r.offered.length ? `Offered to ${names(r.offered)} until ${formatLondonTime(new Date(r.deadline!))}.` : null,
        r.reminded.length ? `Reminded ${names(r.reminded)}.` : null,
        !r.offered.length && !r.reminded.length
          ? r.posted
            ? 'No other STEP or discharge provider can take it now.'
            : 'No STEP or discharge provider has been offered it afresh: each one that can take it already has an offer (reminders go out after 10 minutes), has declined, or has no capacity. Phone providers and record the calls.'
          : null,
      ];
      setMessage({ ok: true, text: parts.filter(Boolean).join(' ') });
      router.refresh();
    });
  return (
    <div className="space-y-1">
      <button
        type="button"
        onClick={push}
        disabled={pending}
        className="w-full rounded bg-brand-700 px-3 py-2 font-medium text-white disabled:opacity-60 md:w-auto"
      >
        {pending ? 'Pushing…' : draft ? 'Post and push' : 'Push now'}
        <span className="sr-only"> {reference} to STEP and discharge providers</span>
      </button>
      <p role="status" aria-live="polite" className={`text-sm ${message?.ok === false ? 'font-medium text-red-800' : ''}`}>
        {message?.text}
      </p>
    </div>
  );
}
