'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { PHONE_OUTCOME_LABEL, PHONE_OUTCOMES } from '@/lib/duty/phone-outcomes';
import { recordPhoneContactAction } from './actions';

type Target = { providerId: string; name: string; group: 'OFFERED' | 'STEP' | 'OTHER' };

const GROUP_LABEL: Record<Target['group'], string> = {
  OFFERED: 'Offered this package',
  STEP: 'STEP and discharge providers covering the area',
  OTHER: 'Other providers covering the area',
};

/** Records a phone call to a provider about the package: who, what they said, notes. */
export function PhoneContactForm({ packageId, reference, targets }: { packageId: string; reference: string; targets: Target[] }) {
  const router = useRouter();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const field = (name: string) => `${id}-${name}`;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    start(async () => {
      const result = await recordPhoneContactAction({
        packageId,
        providerId: String(data.get('providerId') ?? ''),
        outcome: String(data.get('outcome') ?? '') as (typeof PHONE_OUTCOMES)[number],
        notes: String(data.get('notes') ?? '') || undefined,
      });
      if (result.ok) {
        setErrors({});
        setStatus('Call recorded.');
        form.current?.reset();
        router.refresh();
      } else {
        setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
        setStatus(result.fieldErrors ? 'Check the call details.' : result.message);
      }
    });
  };
  const error = (name: string) =>
    errors[name] ? (
      <p id={`${field(name)}-error`} className="text-sm font-medium text-red-800">
        <span className="sr-only">Error: </span>
        {errors[name]}
      </p>
    ) : null;
  const groups = (['OFFERED', 'STEP', 'OTHER'] as const).map((g) => [g, targets.filter((t) => t.group === g)] as const).filter(([, list]) => list.length > 0);

  return (
    <details className="rounded border border-slate-300 bg-white">
      <summary className="cursor-pointer px-3 py-2 font-medium">
        Record a call<span className="sr-only"> about {reference}</span>
      </summary>
      <form ref={form} onSubmit={submit} noValidate className="space-y-2 px-3 pb-3">
        <div>
          <label htmlFor={field('providerId')} className="block text-sm font-medium">
            Provider rung
          </label>
          {error('providerId')}
          <select
            id={field('providerId')}
            name="providerId"
            defaultValue=""
            aria-invalid={errors.providerId ? true : undefined}
            aria-describedby={errors.providerId ? `${field('providerId')}-error` : undefined}
            className={`mt-1 w-full rounded border bg-white px-2 py-1 ${errors.providerId ? 'border-2 border-red-700' : 'border-slate-500'}`}
          >
            <option value="">Choose the provider</option>
            {groups.map(([g, list]) => (
              <optgroup key={g} label={GROUP_LABEL[g]}>
                {list.map((t) => (
                  <option key={t.providerId} value={t.providerId}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <fieldset aria-describedby={errors.outcome ? `${field('outcome')}-error` : undefined}>
          <legend className="text-sm font-medium">What they said</legend>
          {error('outcome')}
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {PHONE_OUTCOMES.map((o) => (
              <label key={o} className="inline-flex items-center gap-2 text-sm">
                <input type="radio" name="outcome" value={o} /> {PHONE_OUTCOME_LABEL[o]}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={field('notes')} className="block text-sm font-medium">
            Notes (optional unless “something else”)
          </label>
          {error('notes')}
          <textarea
            id={field('notes')}
            name="notes"
            rows={2}
            aria-invalid={errors.notes ? true : undefined}
            aria-describedby={errors.notes ? `${field('notes')}-error` : undefined}
            className={`mt-1 w-full rounded border px-2 py-1 ${errors.notes ? 'border-2 border-red-700' : 'border-slate-500'}`}
          />
        </div>
        <button type="submit" disabled={pending} className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-800 disabled:opacity-60">
          {pending ? 'Saving…' : 'Save call'}
        </button>
        <p role="status" aria-live="polite" className="text-sm">
          {status}
        </p>
      </form>
    </details>
  );
}
