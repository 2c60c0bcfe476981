'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Checkboxes, DateInput, ErrorSummary, MoneyInput, problemsOf, Radios, Select, SubmitButton, Textarea, TextInput } from '@/components/form';
import { ZCreateContractSchema, ZVaryContractSchema } from '@/lib/contract/contract-schema';
import { CONTRACT_TYPES, type TContractType } from '@/lib/domain/contract';
import { CONTRACT_TYPE_LABEL } from '@/lib/domain/labels';
import { createContractAction, varyContractAction } from './actions';

type TChoices = {
  providers: { id: string; name: string; suspended: boolean }[];
  localities: { id: string; name: string }[];
  hospitals: { id: string; name: string }[];
  stepAreas: { id: string; name: string; localityIds: string[] }[];
};

/** What a variation starts from: the contract as it is. */
export type TContractFormValues = {
  contractId: string;
  reference: string;
  providerName: string;
  type: TContractType;
  hospitalId: string | null;
  localityIds: string[];
  targetShares: Record<string, number>;
  validFrom: string;
  validTo: string | null;
};

type TErrors = Record<string, string | undefined>;

const FIELD_IDS: Record<string, string> = {
  reference: 'contract-reference',
  providerId: 'contract-provider',
  type: 'contract-type',
  hospitalId: 'contract-hospital',
  personNhsNumber: 'contract-person',
  stepAreaId: 'contract-step-area',
  localityIds: 'contract-localities',
  targetShares: 'contract-shares',
  hourlyRate: 'contract-rate',
  validFrom: 'contract-from',
  validTo: 'contract-to',
  reason: 'contract-reason',
};

/** Each field's first message, under its top-level name ("targetShares.<id>" is the shares field). */
function firstByField(fieldErrors: Record<string, readonly string[] | string | undefined> | undefined): TErrors {
  const out: TErrors = {};
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    const field = path.split('.')[0];
    const message = typeof messages === 'string' ? messages : messages?.[0];
    if (message && !out[field]) out[field] = message;
  }
  return out;
}

const toNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(/[£,\s]/g, '')));

/**
 * Registers a contract, or varies one (`initial`): what it covers and when. A STEP contract may
 * take its localities from a STEP area; localities shared by target get a share each.
 */
export function ContractForm({ choices, initial }: { choices: TChoices; initial?: TContractFormValues }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<TErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const varying = initial !== undefined;
  const [type, setType] = useState<TContractType>(initial?.type ?? 'LOCALITY');
  const [localityIds, setLocalityIds] = useState<string[]>(initial?.localityIds ?? []);
  const [stepAreaId, setStepAreaId] = useState('');
  const [shares, setShares] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(initial?.targetShares ?? {}).map(([id, share]) => [id, String(share)])),
  );
  const localityName = new Map(choices.localities.map((l) => [l.id, l.name]));

  function fail(found: TErrors, text: string | null = null) {
    setErrors(found);
    setMessage(text);
    requestAnimationFrame(() => summary.current?.focus());
  }

  function chooseStepArea(id: string) {
    setStepAreaId(id);
    const area = choices.stepAreas.find((a) => a.id === id);
    if (area) setLocalityIds((ids) => [...new Set([...ids, ...area.localityIds])]);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const targetShares: Record<string, number> = {};
    for (const id of localityIds) if ((shares[id] ?? '').trim() !== '') targetShares[id] = toNumber(shares[id]);
    const common = {
      reference: text('reference'),
      hospitalId: type === 'DISCHARGE' ? text('hospitalId') || null : null,
      localityIds,
      validFrom: text('validFrom'),
      validTo: text('validTo') || null,
      targetShares,
    };
    if (varying) {
      const input = { ...common, contractId: initial.contractId, reason: text('reason') };
      const parsed = ZVaryContractSchema.safeParse(input);
      if (!parsed.success) return fail(firstByField(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))));
      start(async () => {
        const result = await varyContractAction(input);
        if (!result.ok) return fail(firstByField(result.fieldErrors), result.fieldErrors ? null : result.message);
        router.push(`/contracts/${encodeURIComponent(result.data.reference)}?saved=varied`);
      });
      return;
    }
    const input = {
      ...common,
      providerId: text('providerId'),
      type,
      personNhsNumber: type === 'ISF' ? text('personNhsNumber') || null : null,
      stepAreaId: type === 'STEP' ? stepAreaId || null : null,
      hourlyRate: toNumber(text('hourlyRate')),
    };
    const parsed = ZCreateContractSchema.safeParse(input);
    if (!parsed.success) return fail(firstByField(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))));
    start(async () => {
      const result = await createContractAction(input);
      if (!result.ok) return fail(firstByField(result.fieldErrors), result.fieldErrors ? null : result.message);
      router.push(`/contracts/${encodeURIComponent(result.data.reference)}?saved=created`);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5" aria-label={varying ? `Vary contract ${initial.reference}` : 'Register a contract'}>
      <ErrorSummary ref={summary} level={2} message={message} problems={problemsOf(errors, (field) => FIELD_IDS[field] ?? field)} />
      <TextInput
        id="contract-reference"
        name="reference"
        label="Reference"
        hint="The council’s reference for the contract, for example LOC-2027-14. No other contract may have it."
        defaultValue={initial?.reference}
        maxLength={40}
        autoComplete="off"
        errors={errors}
        errorKey="reference"
        inputClassName="w-full max-w-xs"
      />
      {varying ? (
        <p>
          <span className="font-medium">Provider and type:</span> {initial.providerName}, {CONTRACT_TYPE_LABEL[initial.type]}. Another provider or type is a new
          contract.
        </p>
      ) : (
        <>
          <Select
            id="contract-provider"
            name="providerId"
            label="Provider"
            hint="From your council’s register."
            errors={errors}
            errorKey="providerId"
            defaultValue=""
          >
            <option value="">Choose a provider</option>
            {choices.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.suspended ? ' (suspended)' : ''}
              </option>
            ))}
          </Select>
          <Radios
            id="contract-type"
            name="type"
            legend="Type"
            value={type}
            onChange={(v) => setType(v as TContractType)}
            errors={errors}
            errorKey="type"
            options={CONTRACT_TYPES.map((t) => ({ value: t, label: CONTRACT_TYPE_LABEL[t] }))}
            optionsClassName="grid gap-1 sm:grid-cols-2"
          />
        </>
      )}
      {type === 'DISCHARGE' ? (
        <Select
          id="contract-hospital"
          name="hospitalId"
          label="Hospital"
          hint="A discharge contract takes the discharges from one hospital."
          errors={errors}
          errorKey="hospitalId"
          defaultValue={initial?.hospitalId ?? ''}
        >
          <option value="">Choose the hospital</option>
          {choices.hospitals.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </Select>
      ) : null}
      {type === 'ISF' && !varying ? (
        <TextInput
          id="contract-person"
          name="personNhsNumber"
          label="Person’s NHS number"
          hint="An individual service fund is for one person, who must already be in your council’s records. 10 digits."
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          errors={errors}
          errorKey="personNhsNumber"
          inputClassName="w-40"
        />
      ) : null}
      {type === 'STEP' && !varying && choices.stepAreas.length > 0 ? (
        <Select
          id="contract-step-area"
          name="stepAreaId"
          label="STEP area (optional)"
          hint="Choosing an area ticks its localities below; you can still change them."
          value={stepAreaId}
          onChange={(e) => chooseStepArea(e.target.value)}
          errors={errors}
          errorKey="stepAreaId"
        >
          <option value="">No STEP area</option>
          {choices.stepAreas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      ) : null}
      {choices.localities.length === 0 ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-3">Your council has no localities yet. An administrator sets them up under Geography.</p>
      ) : (
        <Checkboxes
          id="contract-localities"
          legend="Localities covered"
          values={localityIds}
          onChange={setLocalityIds}
          errors={errors}
          errorKey="localityIds"
          options={choices.localities.map((l) => ({ value: l.id, label: l.name }))}
          optionsClassName="grid gap-1 sm:grid-cols-2"
        />
      )}
      {localityIds.length > 0 ? (
        <fieldset id="contract-shares" tabIndex={-1} className="space-y-2" aria-describedby="contract-shares-hint">
          <legend className="font-medium">Target shares (optional)</legend>
          <p id="contract-shares-hint" className="text-sm text-slate-600">
            Where this provider shares a locality with other holders, the share of the locality’s commissioned hours it should carry, for example 70 or 30. The
            shares of one locality’s holders cannot add up to more than 100%. Leave blank when the locality is not shared by target.
          </p>
          {errors.targetShares ? (
            <p id="contract-shares-error" className="text-sm font-medium text-red-800">
              <span className="sr-only">Error: </span>
              {errors.targetShares}
            </p>
          ) : null}
          <div className="grid gap-2 sm:grid-cols-2">
            {localityIds.map((id) => (
              <TextInput
                key={id}
                id={`contract-share-${id}`}
                label={`${localityName.get(id) ?? 'Locality'} (%)`}
                value={shares[id] ?? ''}
                onChange={(e) => setShares((s) => ({ ...s, [id]: e.target.value }))}
                inputMode="decimal"
                autoComplete="off"
                compact
                inputClassName="w-24"
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      {varying ? null : (
        <MoneyInput
          id="contract-rate"
          name="hourlyRate"
          label="Hourly rate (£)"
          hint="The rate it starts at, for example 21.50. A later rate is added from a date on the contract’s page."
          errors={errors}
          errorKey="hourlyRate"
          inputClassName="w-32"
        />
      )}
      <div className="flex flex-wrap gap-4">
        <DateInput id="contract-from" name="validFrom" label="First day" defaultValue={initial?.validFrom} errors={errors} errorKey="validFrom" />
        <DateInput
          id="contract-to"
          name="validTo"
          label="Last day (optional)"
          hint="Leave blank for no end date."
          defaultValue={initial?.validTo ?? ''}
          errors={errors}
          errorKey="validTo"
        />
      </div>
      {varying ? (
        <Textarea
          id="contract-reason"
          name="reason"
          label="Reason for the variation"
          hint="Kept in the contract’s history."
          rows={2}
          maxLength={500}
          errors={errors}
          errorKey="reason"
          inputClassName="w-full"
        />
      ) : null}
      <SubmitButton pending={pending} pendingLabel="Saving…" large>
        {varying ? 'Save variation' : 'Register contract'}
      </SubmitButton>
    </form>
  );
}
