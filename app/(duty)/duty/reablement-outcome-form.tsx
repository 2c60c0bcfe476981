'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { REABLEMENT_OUTCOMES, type ReablementOutcome } from '@/lib/domain/enums';
import { REABLEMENT_OUTCOME_LABEL } from '@/lib/domain/labels';
import { DateInput, ErrorSummary, focusSummary, problemsOf, Radios, SubmitButton, Textarea } from '@/components/form';
import { recordReablementOutcomeAction } from './actions';

/** Asks how reablement ended and ends it: the placement and its lines stop on the last day. */
export function ReablementOutcomeForm({
  packageId,
  reference,
  endsOn,
  firstDay,
}: {
  packageId: string;
  reference: string;
  endsOn: string;
  firstDay: string | null;
}) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const field = (name: string) => `${id}-${name}`;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    start(async () => {
      const result = await recordReablementOutcomeAction({
        packageId,
        outcome: String(data.get('outcome') ?? '') as ReablementOutcome,
        note: String(data.get('note') ?? '') || undefined,
        endDate: String(data.get('endDate') ?? '') || undefined,
      });
      if (result.ok) {
        router.push(`/duty?ended=${encodeURIComponent(result.data.reference)}`);
        return;
      }
      setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
      setMessage(result.fieldErrors ? null : result.message);
      focusSummary(summary);
    });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label={`Outcome of reablement ${reference}`}>
      <ErrorSummary ref={summary} message={message} problems={problemsOf(errors, field)} />
      <Radios
        id={field('outcome')}
        name="outcome"
        legend="How did reablement end?"
        options={REABLEMENT_OUTCOMES.map((o) => ({ value: o, label: REABLEMENT_OUTCOME_LABEL[o] }))}
        errors={errors}
        compact
      />
      <DateInput
        id={field('endDate')}
        name="endDate"
        label="Last day of reablement"
        defaultValue={endsOn}
        min={firstDay ?? undefined}
        max={endsOn}
        errors={errors}
        compact
      />
      <Textarea id={field('note')} name="note" label="Note (needed for “something else”)" errors={errors} compact />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Record outcome and end reablement
      </SubmitButton>
    </form>
  );
}
