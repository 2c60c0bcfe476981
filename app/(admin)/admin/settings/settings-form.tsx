'use client';

import { useState, useTransition } from 'react';
import { SubmitButton, TextInput, type TFieldErrors } from '@/components/form';
import { updateCouncilSettingsAction } from './actions';

const FIELDS = [
  ['offerMinutesHospitalDischarge', 'HOSPITAL_DISCHARGE', 'Hospital discharge'],
  ['offerMinutesReablement', 'REABLEMENT', 'Reablement'],
  ['offerMinutesLongTerm', 'LONG_TERM', 'Long-term'],
] as const;

export function SettingsForm({ current }: { current: Record<'HOSPITAL_DISCHARGE' | 'REABLEMENT' | 'LONG_TERM', number> }) {
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<TFieldErrors>({});
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
        <TextInput
          key={name}
          id={name}
          name={name}
          type="number"
          label={`${label}: minutes to answer an offer`}
          min={5}
          max={10080}
          step={5}
          defaultValue={current[pathway]}
          errors={errors}
          inputClassName="w-32"
        />
      ))}
      <SubmitButton pending={pending}>Save settings</SubmitButton>
      <p aria-live="polite" role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}
