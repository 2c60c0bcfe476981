'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ServiceLinesEditor, VisitsEditor, type TLineRow, type TVisitRow } from '@/components/care-editors';
import { DateInput, ErrorSummary, problemsOf, SubmitButton, Textarea, useFocusSummary, type TFieldErrors } from '@/components/form';
import type { SERVICE_TYPES } from '@/lib/package/package-schema';
import { formatDay } from '@/lib/time/london';
import { requestChangeAction } from './actions';

type TServiceType = (typeof SERVICE_TYPES)[number];

// Field ids for the error summary's links: the visits and lines editors use the schema's paths.
const FIELD_ID: Record<string, string> = { reason: 'change-reason', startDate: 'change-startDate', reference: 'change-reason' };

/**
 * A placed provider asks the council for more or less care: the visits the person should have
 * (and, when the package has several service lines, each line's hours), why, and the first day of
 * the changed care (today or later). Nothing changes until a broker approves it.
 */
export function ChangeRequestForm({
  reference,
  visits: initialVisits,
  lines: initialLines,
  today,
  tomorrow,
  waiting,
}: {
  reference: string;
  visits: TVisitRow[];
  lines: TLineRow[];
  today: string;
  tomorrow: string;
  /** A request is already waiting for a decision: only one at a time. */
  waiting: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [visits, setVisits] = useState(initialVisits);
  const [lines, setLines] = useState(initialLines);
  const [reason, setReason] = useState('');
  const [startDate, setStartDate] = useState(tomorrow);
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [summary, focusSummary] = useFocusSummary();
  // With one line the council works out its hours from the visits; with several, the provider says.
  const severalLines = initialLines.length > 1;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start(async () => {
      const result = await requestChangeAction({
        reference,
        reason,
        startDate,
        visits,
        serviceLines: severalLines ? lines.map((l) => ({ type: l.type as TServiceType, hoursPerWeek: l.hoursPerWeek })) : [],
      });
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setDone('Your request has been sent to the council. You will be told their decision here and in your notifications.');
        router.refresh();
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setMessage(result.fieldErrors ? null : result.message);
      setDone(null);
      focusSummary();
    });
  }

  return (
    <>
      <div role="status" aria-live="polite">
        {done ? <p className="border-l-4 border-green-700 bg-green-50 p-3 font-medium text-green-900">{done}</p> : null}
      </div>
      {waiting ? (
        <p className="text-sm">Your last request for this package is waiting for a decision. You can ask for another change once it is decided.</p>
      ) : (
        <details>
          <summary className="cursor-pointer font-medium text-brand-800 underline">Ask for more or less care</summary>
          <form noValidate onSubmit={onSubmit} className="mt-3 space-y-3">
            <p className="text-sm text-slate-700">
              Set the visits as they should be from the day the change starts: add, remove or change visits. The change can start today ({formatDay(today)}) or
              later, never before.
            </p>
            <ErrorSummary ref={summary} problems={problemsOf(errors, (key) => FIELD_ID[key] ?? key)} message={message} />
            <VisitsEditor visits={visits} setVisits={setVisits} errors={errors} />
            {severalLines ? <ServiceLinesEditor lines={lines} setLines={setLines} errors={errors} today={today} dates={false} /> : null}
            <Textarea
              id="change-reason"
              name="reason"
              label="Why the change is needed"
              hint="For example: they now need help to bed in the evening."
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              errors={errors}
              errorKey="reason"
            />
            <DateInput
              id="change-startDate"
              name="startDate"
              label="The change starts on"
              hint="Today or a later day."
              min={today}
              value={startDate}
              onChange={(e) => setStartDate(e.target.value)}
              errors={errors}
              errorKey="startDate"
            />
            <SubmitButton pending={pending} pendingLabel="Sending…" large>
              Send the request
            </SubmitButton>
          </form>
        </details>
      )}
    </>
  );
}
