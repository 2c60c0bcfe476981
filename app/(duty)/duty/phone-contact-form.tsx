'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';
import { PHONE_OUTCOMES } from '@/lib/domain/enums';
import { PHONE_OUTCOME_LABEL } from '@/lib/domain/labels';
import { Radios, Select, SubmitButton, Textarea } from '@/components/form';
import { ProviderContact } from '@/components/provider-contact';
import { shortLondon } from '@/lib/time/london';
import { offerAfterCallAction, recordPhoneContactAction } from './actions';

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
  // A provider that has just said yes: one tap offers it the package.
  const [agreed, setAgreed] = useState<{ providerId: string; name: string } | null>(null);
  const [offerStatus, setOfferStatus] = useState<{ ok: boolean; text: string } | null>(null);
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
        const providerId = String(data.get('providerId') ?? '');
        const said = targets.find((t) => t.providerId === providerId);
        setAgreed(data.get('outcome') === 'AGREED' && said ? { providerId, name: said.name } : null);
        setOfferStatus(null);
        form.current?.reset();
        setChosen('');
        router.refresh();
      } else {
        setErrors(Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
        setStatus(result.fieldErrors ? 'Check the call details.' : result.message);
      }
    });
  };
  const offerNow = (who: { providerId: string; name: string }) =>
    start(async () => {
      const result = await offerAfterCallAction({ packageId, providerId: who.providerId });
      if (result.ok) {
        setOfferStatus({ ok: true, text: `Offered to ${who.name} until ${shortLondon(new Date(result.data.deadline), new Date())}. They can accept it now.` });
        setAgreed(null);
        router.refresh();
      } else setOfferStatus({ ok: false, text: result.fieldErrors?.providerId?.[0] ?? result.message });
    });
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
        {agreed ? (
          <button
            type="button"
            onClick={() => offerNow(agreed)}
            disabled={pending}
            className="min-h-11 w-full rounded bg-brand-700 px-3 py-2 font-medium text-white disabled:opacity-60 md:w-auto"
          >
            Offer {reference} to {agreed.name} now
          </button>
        ) : null}
        {offerStatus ? (
          <p role={offerStatus.ok ? 'status' : 'alert'} className={`text-sm ${offerStatus.ok ? '' : 'font-medium text-red-800'}`}>
            {offerStatus.text}
          </p>
        ) : null}
      </form>
    </details>
  );
}
