'use client';

import { useState, useTransition } from 'react';
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
      <fieldset className="space-y-2">
        <legend className="font-medium">Notification emails</legend>
        {CHOICES.map((c) => (
          <div key={c.value} className="flex items-start gap-2">
            <input
              id={`email-${c.value}`}
              type="radio"
              name="emailFrequency"
              value={c.value}
              checked={choice === c.value}
              onChange={() => setChoice(c.value)}
              aria-describedby={`email-${c.value}-hint`}
              className="mt-1 h-5 w-5"
            />
            <label htmlFor={`email-${c.value}`}>
              {c.label}
              <span id={`email-${c.value}-hint`} className="block text-sm text-slate-700">
                {c.hint}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" disabled={pending} className="rounded bg-slate-900 px-3 py-2 text-white disabled:opacity-60">
        {pending ? 'Saving…' : 'Save email choice'}
      </button>
      <p aria-live="polite" role="status" className={message?.ok ? 'text-green-800' : 'text-red-800'}>
        {message?.text}
      </p>
    </form>
  );
}
