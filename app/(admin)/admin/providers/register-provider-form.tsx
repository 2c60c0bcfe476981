'use client';

import { useState, useTransition } from 'react';
import { registerProviderAction } from './actions';

const FIELDS = [
  ['name', 'Organisation name', 'text'],
  ['cqcLocationId', 'CQC location ID', 'text'],
  ['cqcRatedOn', 'Date of CQC rating', 'date'],
  ['skills', 'Skills (comma-separated, e.g. DEMENTIA, PEG_FEEDING)', 'text'],
] as const;

export function RegisterProviderForm() {
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [pending, start] = useTransition();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    start(async () => {
      const result = await registerProviderAction({
        name: String(data.get('name') ?? ''),
        cqcLocationId: String(data.get('cqcLocationId') ?? ''),
        cqcRating: String(data.get('cqcRating') ?? '') as 'GOOD',
        cqcRatedOn: String(data.get('cqcRatedOn') ?? ''),
        doubleHanded: data.get('doubleHanded') === 'on',
        skills: String(data.get('skills') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      if (result.ok) {
        setErrors({});
        setStatus(result.data.existing ? 'Added to your register (the organisation was already on the platform).' : 'Added to your register.');
        form.reset();
      } else {
        const f = result.fieldErrors ?? {};
        setErrors(Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v?.[0]])));
        setStatus(result.fieldErrors ? 'Check the highlighted fields.' : result.message);
      }
    });
  }
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold">Add an organisation to the register</summary>
      <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3">
        <div className="flex flex-wrap gap-3">
          {FIELDS.map(([name, label, type]) => (
            <div key={name}>
              <label htmlFor={`provider-${name}`} className="block text-sm font-medium">
                {label}
              </label>
              {errors[name] ? (
                <p id={`provider-${name}-error`} className="text-sm font-medium text-red-800">
                  {errors[name]}
                </p>
              ) : null}
              <input
                id={`provider-${name}`}
                name={name}
                type={type}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={errors[name] ? `provider-${name}-error` : undefined}
                className="mt-1 rounded border border-slate-500 px-2 py-1"
              />
            </div>
          ))}
          <div>
            <label htmlFor="provider-cqcRating" className="block text-sm font-medium">
              CQC rating
            </label>
            {errors.cqcRating ? <p className="text-sm font-medium text-red-800">{errors.cqcRating}</p> : null}
            <select id="provider-cqcRating" name="cqcRating" defaultValue="GOOD" className="mt-1 rounded border border-slate-500 bg-white px-2 py-1">
              <option value="OUTSTANDING">Outstanding</option>
              <option value="GOOD">Good</option>
              <option value="REQUIRES_IMPROVEMENT">Requires improvement</option>
              <option value="INADEQUATE">Inadequate</option>
              <option value="NOT_RATED">Not yet rated</option>
            </select>
          </div>
          <label className="mt-6 inline-flex items-center gap-1 text-sm">
            <input type="checkbox" name="doubleHanded" /> Can staff two-carer visits
          </label>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
          Add to register
        </button>
        <p aria-live="polite" className="text-sm">
          {status}
        </p>
      </form>
    </details>
  );
}
