'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { acceptOfferAction, declineOfferAction } from './actions';

const REASONS = [
  ['NO_CAPACITY', 'No carers free'],
  ['TIMES', 'Cannot meet the visit times'],
  ['AREA', 'Outside the areas we cover now'],
  ['SKILLS', 'Needs skills we do not have'],
  ['OTHER', 'Another reason'],
] as const;

export function OfferResponse({ offerId, reference }: { offerId: string; reference: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});

  const accept = () =>
    start(async () => {
      const result = await acceptOfferAction({ offerId });
      if (result.ok) router.push(`/provider/placements/${result.data.placementId}`);
      else setMessage(result.message);
    });

  function decline(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    start(async () => {
      const result = await declineOfferAction({
        offerId,
        reason: String(form.get('reason') ?? '') as 'OTHER',
        text: String(form.get('text') ?? '') || undefined,
      });
      if (result.ok) setMessage('Declined. Thank you for answering.');
      else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.message);
      }
    });
  }

  return (
    <div className="mt-3 space-y-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={accept} disabled={pending} className="rounded bg-green-800 px-3 py-1.5 font-medium text-white disabled:opacity-60">
          Accept<span className="sr-only"> {reference}</span>
        </button>
        <button
          type="button"
          onClick={() => setDeclining((d) => !d)}
          aria-expanded={declining}
          disabled={pending}
          className="rounded border border-slate-500 px-3 py-1.5"
        >
          Decline<span className="sr-only"> {reference}</span>
        </button>
      </div>
      {declining ? (
        <form onSubmit={decline} noValidate className="space-y-2 rounded border border-slate-300 p-3">
          <fieldset>
            <legend className="font-medium">Why are you declining {reference}?</legend>
            {errors.reason?.[0] ? <p className="text-sm font-medium text-red-800">{errors.reason[0]}</p> : null}
            {REASONS.map(([value, label]) => (
              <label key={value} className="mr-4 inline-flex items-center gap-1 text-sm">
                <input type="radio" name="reason" value={value} required /> {label}
              </label>
            ))}
          </fieldset>
          <div>
            <label htmlFor={`text-${offerId}`} className="block text-sm font-medium">
              More detail (needed for another reason)
            </label>
            {errors.text?.[0] ? (
              <p id={`text-${offerId}-error`} className="text-sm font-medium text-red-800">
                {errors.text[0]}
              </p>
            ) : null}
            <textarea
              id={`text-${offerId}`}
              name="text"
              rows={2}
              aria-describedby={errors.text?.[0] ? `text-${offerId}-error` : undefined}
              className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
            />
          </div>
          <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white">
            Send decline
          </button>
        </form>
      ) : null}
      <p aria-live="polite" role="status" className="text-sm font-medium">
        {message}
      </p>
    </div>
  );
}
