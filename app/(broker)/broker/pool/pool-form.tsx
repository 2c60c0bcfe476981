'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { ErrorSummary, problemsOf, Select, useFocusSummary } from '@/components/form';
import { previewWaitingPoolAction } from './actions';

type TOption = { value: string; label: string };

/** Chooses the pool (a locality and/or a pathway) and asks for the optimiser's plan; the plan opens on its own page. */
export function PoolForm({ localities, pathways, locality, pathway }: { localities: TOption[]; pathways: TOption[]; locality: string; pathway: string }) {
  const router = useRouter();
  const id = useId();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [summary, focusSummary] = useFocusSummary();
  const field = (name: string) => `${id}-${name}`;
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { localityId: String(data.get('localityId') ?? ''), pathway: String(data.get('pathway') ?? '') };
    setErrors({});
    setMessage(null);
    start(async () => {
      const result = await previewWaitingPoolAction(input);
      if (result.ok) {
        router.push(`/broker/pool/${result.data.batchId}`);
        return;
      }
      setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
      setMessage(result.fieldErrors ? null : result.message);
      focusSummary();
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Plan the waiting pool" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <ErrorSummary ref={summary} message={message} problems={problemsOf(errors, field)} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Select
          id={field('localityId')}
          name="localityId"
          label="Locality"
          defaultValue={locality}
          errors={errors}
          errorKey="localityId"
          inputClassName="w-full"
        >
          <option value="">All localities</option>
          {localities.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </Select>
        <Select id={field('pathway')} name="pathway" label="Pathway" defaultValue={pathway} errors={errors} errorKey="pathway" inputClassName="w-full">
          <option value="">All pathways</option>
          {pathways.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-60 sm:w-auto"
      >
        {pending ? 'Working out a plan…' : 'Preview the plan'}
      </button>
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {pending ? 'Working out a plan. This can take up to 10 seconds.' : null}
      </p>
    </form>
  );
}
