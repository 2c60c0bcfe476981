'use client';

import { useState, useTransition } from 'react';
import { updateCouncilSettingsAction } from './actions';

const FIELDS = [
  ['offerMinutesHospitalDischarge', 'HOSPITAL_DISCHARGE', 'Hospital discharge'],
  ['offerMinutesReablement', 'REABLEMENT', 'Reablement'],
  ['offerMinutesLongTerm', 'LONG_TERM', 'Long-term'],
] as const;

export function SettingsForm({ current }: { current: Record<'HOSPITAL_DISCHARGE' | 'REABLEMENT' | 'LONG_TERM', number> }) {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState<string | null>(null);
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => Number(form.get(name));
    start(async () => {
      const result = await updateCouncilSettingsAction({
        offerMinutesHospitalDischarge: value('offerMinutesHospitalDischarge'),
        offerMinutesReablement: value('offerMinutesReablement'),
        offerMinutesLongTerm: value('offerMinutesLongTerm'),
      });
      setErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setStatus(result.ok ? 'Saved. New rounds of offers use these deadlines.' : result.message);
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      {FIELDS.map(([name, pathway, label]) => (
        <div key={name}>
          <label htmlFor={name} className="block font-medium">
            {label}: minutes to answer an offer
          </label>
          {errors[name]?.[0] ? (
            <p id={`${name}-error`} className="text-sm font-medium text-red-800">
              <span className="sr-only">Error: </span>
              {errors[name]?.[0]}
            </p>
          ) : null}
          <input
            id={name}
            name={name}
            type="number"
            min={5}
            max={10080}
            step={5}
            defaultValue={current[pathway]}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={errors[name] ? `${name}-error` : undefined}
            className={`mt-1 w-32 rounded border px-2 py-1 ${errors[name] ? 'border-2 border-red-700' : 'border-slate-500'}`}
          />
        </div>
      ))}
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
        Save settings
      </button>
      <p aria-live="polite" role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}
