'use client';

import { useState, useTransition } from 'react';
import { Radios, SubmitButton } from '@/components/form';
import { setEmailFrequencyAction } from './actions';

type TFrequency = 'INSTANT' | 'DIGEST';

const CHOICES: { value: TFrequency; label: string; hint: string }[] = [
  { value: 'INSTANT', label: 'As they happen', hint: 'One email for each notification.' },
  { value: 'DIGEST', label: 'Daily digest', hint: 'One email at 7am listing what arrived since the last one.' },
];

export function EmailFrequencyForm({ current }: { current: TFrequency }) {
  const [choice, setChoice] = useState<TFrequency>(current);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await setEmailFrequencyAction({ emailFrequency: choice });
          setMessage(result.ok ? { ok: true, text: 'Saved.' } : { ok: false, text: result.fieldErrors?.emailFrequency?.[0] ?? result.message });
        });
      }}
    >
      <Radios
        id="email"
        name="emailFrequency"
        legend="Notification emails"
        options={CHOICES}
        value={choice}
        onChange={(v) => setChoice(v as TFrequency)}
        optionsClassName="mt-2 space-y-2"
      />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save email choice
      </SubmitButton>
      <p aria-live="polite" role="status" className={message?.ok ? 'text-green-800' : 'text-red-800'}>
        {message?.text}
      </p>
    </form>
  );
}
