'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { REABLEMENT_OUTCOMES, type ReablementOutcome } from '@/lib/domain/enums';
import { REABLEMENT_OUTCOME_LABEL } from '@/lib/domain/labels';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { DateInput, ErrorSummary, problemsOf, Radios, SubmitButton, useFocusSummary, Textarea } from '@/components/form';
import { ZReablementOutcomeSchema } from '@/lib/reablement/reablement-outcome-schema';
import { formatShortWeekday } from '@/lib/time/london';
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
  const [summary, focusSummary] = useFocusSummary();
  const field = (name: string) => `${id}-${name}`;

  // The checked answer waits here while the duty officer confirms it: ending reablement cannot be undone.
  const [asked, setAsked] = useState<{ packageId: string; outcome: ReablementOutcome; note?: string; endDate?: string } | null>(null);

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      packageId,
      outcome: String(data.get('outcome') ?? '') as ReablementOutcome,
      note: String(data.get('note') ?? '') || undefined,
      endDate: String(data.get('endDate') ?? '') || undefined,
    };
    const checked = ZReablementOutcomeSchema.safeParse(input);
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) found[String(issue.path[0])] ??= issue.message;
      setErrors(found);
      setMessage(null);
      focusSummary();
      return;
    }
    setErrors({});
    setMessage(null);
    setAsked(input);
  };

  const confirm = () => {
    if (!asked) return;
    start(async () => {
      const result = await recordReablementOutcomeAction(asked);
      if (result.ok) {
        router.push(`/duty?ended=${encodeURIComponent(result.data.reference)}`);
        return;
      }
      setAsked(null);
      setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
      setMessage(result.fieldErrors ? null : result.message);
      focusSummary();
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
      <ConfirmDialog
        open={asked !== null}
        title={`End reablement ${reference}: last day ${formatShortWeekday(asked?.endDate ?? endsOn)}?`}
        confirmLabel="Yes, end reablement"
        pending={pending}
        onConfirm={confirm}
        onCancel={() => setAsked(null)}
      >
        {asked ? <p>Outcome: {REABLEMENT_OUTCOME_LABEL[asked.outcome].toLowerCase()}.</p> : null}
        <p>The placement and its service lines stop after that day. This cannot be undone.</p>
      </ConfirmDialog>
    </form>
  );
}
