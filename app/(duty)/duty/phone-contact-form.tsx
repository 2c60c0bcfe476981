'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { PHONE_OUTCOMES } from '@/lib/domain/enums';
import { PHONE_OUTCOME_LABEL } from '@/lib/domain/labels';
import { Radios, Select, SubmitButton, Textarea } from '@/components/form';
import { ProviderContact } from '@/components/provider-contact';
import { recordPhoneContactAction } from './actions';

type Target = { providerId: string; name: string; phone: string | null; email: string | null; group: 'OFFERED' | 'STEP' | 'OTHER' };

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
  const [chosen, setChosen] = useState('');
  const target = targets.find((t) => t.providerId === chosen);
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
        setChosen('');
        router.refresh();
      } else {
        setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
        setStatus(result.fieldErrors ? 'Check the call details.' : result.message);
      }
    });
  };
  const groups = (['OFFERED', 'STEP', 'OTHER'] as const).map((g) => [g, targets.filter((t) => t.group === g)] as const).filter(([, list]) => list.length > 0);

  return (
    <details className="rounded border border-slate-300 bg-white">
      <summary className="cursor-pointer px-3 py-2 font-medium">
        Record a call<span className="sr-only"> about {reference}</span>
      </summary>
      <form ref={form} onSubmit={submit} noValidate className="space-y-2 px-3 pb-3">
        <Select
          id={field('providerId')}
          name="providerId"
          label="Provider rung"
          value={chosen}
          onChange={(event) => setChosen(event.currentTarget.value)}
          errors={errors}
          compact
          inputClassName="w-full"
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
        </Select>
        {target ? (
          <p className="text-sm" data-testid="call-target-contact">
            {target.phone || target.email ? 'Office: ' : `No office phone or email is recorded for ${target.name}.`}
            <ProviderContact phone={target.phone} email={target.email} name={target.name} className="inline-flex" />
          </p>
        ) : null}
        <Radios
          id={field('outcome')}
          name="outcome"
          legend="What they said"
          options={PHONE_OUTCOMES.map((o) => ({ value: o, label: PHONE_OUTCOME_LABEL[o] }))}
          errors={errors}
          compact
          optionsClassName="mt-1 grid gap-1 sm:grid-cols-2"
        />
        <Textarea id={field('notes')} name="notes" label="Notes (optional unless “something else”)" errors={errors} compact />
        <SubmitButton pending={pending} pendingLabel="Saving…" variant="secondary">
          Save call
        </SubmitButton>
        <p role="status" aria-live="polite" className="text-sm">
          {status}
        </p>
      </form>
    </details>
  );
}
