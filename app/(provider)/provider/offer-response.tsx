'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Radios, SubmitButton, Textarea, type TFieldErrors } from '@/components/form';
import { formatHoursBrief } from '@/lib/format';
import { formatShortWeekday } from '@/lib/time/london';
import { acceptOfferAction, declineOfferAction } from './actions';
import { DECLINE_REASONS } from '@/lib/domain/enums';
import { DECLINE_REASON_LABEL } from '@/lib/domain/labels';

const REASONS = DECLINE_REASONS.map((value) => ({ value, label: DECLINE_REASON_LABEL[value] }));

/** The question asked before accepting: "Accept BDC-003830: 7 h a week from Sat 5 Dec?" */
function acceptQuestion(reference: string, hours: number, startDate: string | null): string {
  return `Accept ${reference}: ${formatHoursBrief(hours)} h a week${startDate ? ` from ${formatShortWeekday(startDate)}` : ''}?`;
}

export function OfferResponse({ offerId, reference, hours, startDate }: { offerId: string; reference: string; hours: number; startDate: string | null }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<TFieldErrors>({});

  const accept = () =>
    start(async () => {
      const result = await acceptOfferAction({ offerId });
      if (result.ok) router.push(`/provider/placements/${result.data.placementId}`);
      else {
        setConfirming(false);
        setMessage(result.message);
      }
    });

  function decline(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set('offerId', offerId);
    start(async () => {
      const result = await declineOfferAction(form);
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
        <button
          type="button"
          onClick={() => setConfirming(true)}
          disabled={pending}
          className="min-h-11 rounded bg-green-800 px-3 py-1.5 font-medium text-white disabled:opacity-60 sm:min-h-0"
        >
          Accept<span className="sr-only"> {reference}</span>
        </button>
        <button
          type="button"
          onClick={() => setDeclining((d) => !d)}
          aria-expanded={declining}
          disabled={pending}
          className="min-h-11 rounded border border-slate-500 px-3 py-1.5 sm:min-h-0"
        >
          Decline<span className="sr-only"> {reference}</span>
        </button>
      </div>
      {declining ? (
        <form onSubmit={decline} noValidate className="space-y-2 rounded border border-slate-300 p-3">
          <Radios
            id={`reason-${offerId}`}
            name="reason"
            legend={`Why are you declining ${reference}?`}
            options={REASONS}
            required
            errors={errors}
            compact
            optionsClassName="flex flex-wrap gap-x-4"
          />
          <Textarea id={`text-${offerId}`} name="text" label="More detail (needed for another reason)" errors={errors} compact />
          <SubmitButton pending={pending}>Send decline</SubmitButton>
        </form>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={acceptQuestion(reference, hours, startDate)}
        confirmLabel="Yes, accept"
        pending={pending}
        onConfirm={accept}
        onCancel={() => setConfirming(false)}
      >
        <p>You commit to delivering these visits from that day. The person’s details are shown once you accept.</p>
      </ConfirmDialog>
      <p aria-live="polite" role="status" className="text-sm font-medium">
        {message}
      </p>
    </div>
  );
}
