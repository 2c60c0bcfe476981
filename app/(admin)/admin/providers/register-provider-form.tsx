'use client';

import { useState, useTransition } from 'react';
import { Checkbox, DateInput, Select, SubmitButton, TextInput, type TFieldErrors } from '@/components/form';
import { registerProviderAction } from './actions';

export function RegisterProviderForm() {
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const result = await registerProviderAction(data);
      if (result.ok) {
        setErrors({});
        setStatus(result.data.existing ? 'Added to your register (the organisation was already on the platform).' : 'Added to your register.');
        form.reset();
      } else {
        setErrors(result.fieldErrors ?? {});
        setStatus(result.fieldErrors ? 'Check the highlighted fields.' : result.message);
      }
    });
  }
  const field = { errors, compact: true } as const;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">Add an organisation to the register</summary>
      <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
        <div className="flex flex-wrap gap-3">
          <TextInput {...field} id="provider-name" name="name" label="Organisation name" />
          <TextInput {...field} id="provider-cqcLocationId" name="cqcLocationId" label="CQC location ID" />
          <DateInput {...field} id="provider-cqcRatedOn" name="cqcRatedOn" label="Date of CQC rating" />
          <TextInput {...field} id="provider-skills" name="skills" label="Skills (comma-separated, e.g. DEMENTIA, PEG_FEEDING)" />
          <Select {...field} id="provider-cqcRating" name="cqcRating" label="CQC rating" defaultValue="GOOD">
            <option value="OUTSTANDING">Outstanding</option>
            <option value="GOOD">Good</option>
            <option value="REQUIRES_IMPROVEMENT">Requires improvement</option>
            <option value="INADEQUATE">Inadequate</option>
            <option value="NOT_RATED">Not yet rated</option>
          </Select>
          <Checkbox id="provider-doubleHanded" name="doubleHanded" label="Can staff two-carer visits" compact className="mt-6" />
        </div>
        <SubmitButton pending={pending}>Add to register</SubmitButton>
        <p aria-live="polite" className="text-sm">
          {status}
        </p>
      </form>
    </details>
  );
}
