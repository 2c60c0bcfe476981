'use client';

import { useState } from 'react';
import { PHONE_OUTCOMES } from '@/lib/domain/enums';
import { PHONE_OUTCOME_LABEL } from '@/lib/domain/labels';
import { Radios, Select, SubmitButton, Textarea } from '@/components/form';
import { ProviderContact } from '@/components/provider-contact';
import { recordCallAction } from './actions';
import { ErrorSummary, Panel, useOperation } from './operation-kit';

type TCallTarget = { providerId: string; name: string; phone: string | null; email: string | null; offered: boolean };

/** Records a call to a provider about the package (who, what they said, notes); it joins the timeline. */
export function RecordCallForm({ packageId, targets }: { packageId: string; targets: TCallTarget[] }) {
  const op = useOperation();
  const [providerId, setProviderId] = useState('');
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const target = targets.find((t) => t.providerId === providerId);
  const groups = [
    ['Offered this package', targets.filter((t) => t.offered)],
    ['Others covering the area', targets.filter((t) => !t.offered)],
  ] as const;
  return (
    <Panel id="record-call" title="Record a call">
      <form
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          op.run(
            () => recordCallAction({ packageId, providerId, outcome: outcome as (typeof PHONE_OUTCOMES)[number], notes: notes || undefined }),
            () => {
              setProviderId('');
              setOutcome('');
              setNotes('');
              return `Call to ${target?.name ?? 'the provider'} recorded.`;
            },
          );
        }}
      >
        <ErrorSummary op={op} idOf={(path) => `call-${path}`} />
        <Select
          id="call-providerId"
          name="providerId"
          label="Provider rung"
          value={providerId}
          onChange={(e) => setProviderId(e.target.value)}
          errors={op.errors}
          inputClassName="w-full"
        >
          <option value="">Choose the provider</option>
          {groups.map(([label, list]) =>
            list.length ? (
              <optgroup key={label} label={label}>
                {list.map((t) => (
                  <option key={t.providerId} value={t.providerId}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </Select>
        {target ? (
          <p className="text-sm">
            {target.phone || target.email ? 'Office: ' : `No office phone or email is recorded for ${target.name}.`}
            <ProviderContact phone={target.phone} email={target.email} name={target.name} className="inline-flex" />
          </p>
        ) : null}
        <Radios
          id="call-outcome"
          name="outcome"
          legend="What they said"
          options={PHONE_OUTCOMES.map((o) => ({ value: o, label: PHONE_OUTCOME_LABEL[o] }))}
          value={outcome}
          onChange={setOutcome}
          errors={op.errors}
          compact
          optionsClassName="mt-1 grid gap-1 sm:grid-cols-2"
        />
        <Textarea
          id="call-notes"
          name="notes"
          label="Notes (optional unless “something else”)"
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          errors={op.errors}
        />
        <SubmitButton pending={op.pending} pendingLabel="Saving…" variant="secondary">
          Save call
        </SubmitButton>
      </form>
    </Panel>
  );
}
