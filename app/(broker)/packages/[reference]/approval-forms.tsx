'use client';

import { useState } from 'react';
import { VisitsEditor, type TVisitRow } from '@/components/care-editors';
import { DateInput, Radios, SubmitButton, Textarea } from '@/components/form';
import { approvePackageAction, decideChangeRequestAction } from '../change-requests/actions';
import { formatPoundsAndPence } from '@/lib/format';
import { formatDay } from '@/lib/time/london';
import { ErrorSummary, useOperation } from './operation-kit';

type TDecision = 'APPROVED' | 'APPROVED_IN_PART' | 'REFUSED' | 'NEEDS_ASSESSMENT';

const FIELD_ID: Record<string, string> = {
  decision: 'decision',
  note: 'decision-note',
  lastDay: 'decision-lastDay',
  changeRequestId: 'decision',
  visits: 'visits-error',
};

/**
 * A broker's or BEST's decision on a provider's change request: approve it, approve part of it
 * (the visits agreed and why), refuse it (with a reason) or hold it until the person is assessed.
 * An approved increase may be temporary, with a last day. Above the decider's limit an approval is
 * passed to the next higher limit instead.
 */
export function DecideChangeRequestForm({
  changeRequestId,
  asked,
  increase,
  canApprove,
  startDate,
}: {
  changeRequestId: string;
  /** The visits the provider asked for: approving in part starts from them. */
  asked: TVisitRow[];
  increase: boolean;
  canApprove: boolean;
  startDate: string;
}) {
  const op = useOperation();
  const [decision, setDecision] = useState<TDecision | ''>('');
  const [note, setNote] = useState('');
  const [lastDay, setLastDay] = useState('');
  const [visits, setVisits] = useState(asked);
  const approving = decision === 'APPROVED' || decision === 'APPROVED_IN_PART';
  const submit = () =>
    op.run(
      () =>
        decideChangeRequestAction({
          changeRequestId,
          decision: decision as TDecision,
          ...(note.trim() ? { note } : {}),
          ...(decision === 'APPROVED_IN_PART' ? { visits } : {}),
          ...(approving && lastDay ? { lastDay } : {}),
        }),
      (data) =>
        data.outcome === 'REFERRED'
          ? `This increase costs ${formatPoundsAndPence(data.yearlyCost)} a year, above your approval limit: it has been passed to ${data.referredTo.join(', ') || 'the approvers with a higher limit'}. Nothing changes until one of them approves it.`
          : data.outcome === 'APPROVED' || data.outcome === 'APPROVED_IN_PART'
            ? `Decision saved: the change applies from ${formatDay(startDate)}. The provider has been told.`
            : 'Decision saved. The provider has been told.',
    );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-3"
    >
      <ErrorSummary op={op} idOf={(path) => FIELD_ID[path] ?? path} />
      <Radios
        id="decision"
        name="decision"
        legend="Your decision"
        hint={
          increase && !canApprove
            ? 'This increase is above your approval limit: approving passes it to someone with a higher limit.'
            : 'Approving applies the change from the day the provider asked for.'
        }
        options={[
          { value: 'APPROVED', label: 'Approve' },
          { value: 'APPROVED_IN_PART', label: 'Approve in part' },
          { value: 'REFUSED', label: 'Refuse' },
          { value: 'NEEDS_ASSESSMENT', label: 'Needs an assessment first' },
        ]}
        value={decision}
        onChange={(v) => setDecision(v as TDecision)}
        errors={op.errors}
      />
      {decision === 'APPROVED_IN_PART' ? <VisitsEditor visits={visits} setVisits={setVisits} errors={op.errors} /> : null}
      <Textarea
        id="decision-note"
        name="note"
        label={decision === 'REFUSED' ? 'Why it is refused' : decision === 'APPROVED_IN_PART' ? 'What was agreed and why' : 'Note to the provider (optional)'}
        hint="The provider sees this with the decision."
        rows={3}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        errors={op.errors}
        errorKey="note"
      />
      {approving && increase ? (
        <DateInput
          id="decision-lastDay"
          name="lastDay"
          label="Last day of the increase (optional)"
          hint="For a temporary increase: the day after it, the care goes back to what it was. The provider is reminded three days before."
          min={startDate}
          value={lastDay}
          onChange={(e) => setLastDay(e.target.value)}
          errors={op.errors}
          errorKey="lastDay"
        />
      ) : null}
      <SubmitButton pending={op.pending} pendingLabel="Saving…" large>
        Save the decision
      </SubmitButton>
    </form>
  );
}

/** Approves a new package for posting, or passes it up when its cost is above the approver's limit. */
export function ApprovePackageForm({ packageId, yearlyCost, canApprove }: { packageId: string; yearlyCost: number; canApprove: boolean }) {
  const op = useOperation();
  const [note, setNote] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        op.run(
          () => approvePackageAction({ packageId, ...(note.trim() ? { note } : {}) }),
          (data) =>
            data.outcome === 'REFERRED'
              ? `Above your approval limit: passed to ${data.referredTo.join(', ') || 'the approvers with a higher limit'}.`
              : `Approved at ${formatPoundsAndPence(data.yearlyCost)} a year. It can now be posted.`,
        );
      }}
      className="space-y-3"
    >
      <ErrorSummary op={op} idOf={(path) => (path === 'note' ? 'approve-note' : path)} />
      <Textarea id="approve-note" name="note" label="Note (optional)" rows={2} value={note} onChange={(e) => setNote(e.target.value)} errors={op.errors} />
      <SubmitButton pending={op.pending} pendingLabel="Saving…">
        {canApprove ? `Approve at ${formatPoundsAndPence(yearlyCost)} a year` : 'Pass to a higher limit for approval'}
      </SubmitButton>
    </form>
  );
}
