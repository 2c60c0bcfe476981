'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Checkboxes, ErrorSummary, problemsOf, Select, SubmitButton, Textarea, TextInput, useFocusSummary } from '@/components/form';
import { BANDS } from '@/lib/domain/carer-hours';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { BAND_LABEL, CONTRACT_TYPE_LABEL, PATHWAY_LABEL } from '@/lib/domain/labels';
import { PATHWAYS } from '@/lib/placement/constants';
import { CHANGE_KIND_LABEL, CHANGE_KINDS, ZSaveWhatIfSchema, type TChange, type TChangeInput, type TChangeKind } from '@/lib/whatif/changes';
import type { TWhatIfChoices } from '@/lib/whatif/get-what-ifs';
import { saveWhatIfAction } from './actions';

type THolder = { providerId: string; share: string };
type TDraft = {
  key: number;
  kind: TChangeKind;
  pathway: string;
  localityIds: string[];
  percent: string;
  providerId: string;
  contractId: string;
  localityId: string;
  holders: THolder[];
  hourlyRate: string;
  bands: string[];
  contractType: string;
};
type TErrors = Record<string, string>;

const HINT: Record<TChangeKind, string> = {
  DEMAND_GROWTH: 'Copies of packages already in that pathway and place are added, as many as the growth says (the review projects +28% by 2035).',
  PROVIDER_FAILS: 'The provider is suspended, its spare capacity goes, and all the care it gives goes back to the market.',
  CONTRACT_ENDS: 'The care under the contract goes back to the market; the provider keeps its carers as spare capacity.',
  LOCALITY_RELET:
    'The locality’s current locality contracts stop covering it, their care there goes back to the market, and their carers there move to the new holders by share (for example 70 and 30).',
  CAPACITY: 'Spare capacity already declared changes by a percentage: positive adds, negative removes (−100 removes all).',
  RATE_UPLIFT: 'Every contract of the type, and the care in place under it, is paid the new rate.',
};

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(/[%£,\s]/g, '')));

function blank(kind: TChangeKind, key: number): TDraft {
  return {
    key,
    kind,
    pathway: 'LONG_TERM',
    localityIds: [],
    percent: '',
    providerId: '',
    contractId: '',
    localityId: '',
    holders: [
      { providerId: '', share: '70' },
      { providerId: '', share: '30' },
    ],
    hourlyRate: '',
    bands: [],
    contractType: '',
  };
}

function fromChange(c: TChange, key: number): TDraft {
  const d = blank(c.kind, key);
  switch (c.kind) {
    case 'DEMAND_GROWTH':
      return { ...d, pathway: c.pathway, localityIds: c.localityIds, percent: String(c.percent) };
    case 'PROVIDER_FAILS':
      return { ...d, providerId: c.providerId };
    case 'CONTRACT_ENDS':
      return { ...d, contractId: c.contractId };
    case 'LOCALITY_RELET':
      return {
        ...d,
        localityId: c.localityId,
        hourlyRate: c.hourlyRate.toFixed(2),
        holders: c.holders.map((h) => ({ providerId: h.providerId, share: String(h.share) })),
      };
    case 'CAPACITY':
      return { ...d, localityIds: c.localityIds, bands: c.bands, providerId: c.providerId ?? '', percent: String(c.percent) };
    case 'RATE_UPLIFT':
      return { ...d, contractType: c.contractType ?? '', percent: String(c.percent) };
  }
}

function toInput(d: TDraft): TChangeInput {
  switch (d.kind) {
    case 'DEMAND_GROWTH':
      return { kind: d.kind, pathway: d.pathway as 'LONG_TERM', localityIds: d.localityIds, percent: num(d.percent) };
    case 'PROVIDER_FAILS':
      return { kind: d.kind, providerId: d.providerId };
    case 'CONTRACT_ENDS':
      return { kind: d.kind, contractId: d.contractId };
    case 'LOCALITY_RELET':
      return {
        kind: d.kind,
        localityId: d.localityId,
        hourlyRate: num(d.hourlyRate),
        holders: d.holders.filter((h) => h.providerId !== '' || h.share.trim() !== '').map((h) => ({ providerId: h.providerId, share: num(h.share) })),
      };
    case 'CAPACITY':
      return { kind: d.kind, localityIds: d.localityIds, bands: d.bands as 'MORNING'[], providerId: d.providerId || null, percent: num(d.percent) };
    case 'RATE_UPLIFT':
      return { kind: d.kind, contractType: (d.contractType || null) as 'LOCALITY' | null, percent: num(d.percent) };
  }
}

/** A select's options: the empty choice first, named `first`, then each record by name. */
const optionsOf = (first: string, records: { id: string; name: string }[]) => (
  <>
    <option value="">{first}</option>
    {records.map((r) => (
      <option key={r.id} value={r.id}>
        {r.name}
      </option>
    ))}
  </>
);

/** A field error's key as the form shows it: one error for a list of localities or bands, under the list. */
const formKey = (path: string) => path.replace(/\.(localityIds|bands)\.\d+$/, '.$1');
/** The element a field error links to. */
const idOf = (key: string) =>
  key === 'name'
    ? 'whatif-name'
    : key === 'description'
      ? 'whatif-description'
      : key === 'changes'
        ? 'whatif-add-kind'
        : key.replace(/^changes\./, 'change-').replaceAll('.', '-');

export function ScenarioForm({
  choices,
  initial,
}: {
  choices: TWhatIfChoices;
  initial?: { id: string; name: string; description: string; changes: TChange[] };
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [summary, focusSummary] = useFocusSummary();
  const [errors, setErrors] = useState<TErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<TDraft[]>(() => (initial?.changes ?? []).map((c, i) => fromChange(c, i)));
  const [nextKey, setNextKey] = useState(initial?.changes.length ?? 0);
  const [addKind, setAddKind] = useState<TChangeKind>('DEMAND_GROWTH');

  const update = (i: number, patch: Partial<TDraft>) => setDrafts((ds) => ds.map((d, k) => (k === i ? { ...d, ...patch } : d)));

  function fail(found: Record<string, string[] | string | undefined>, text: string | null = null) {
    const out: TErrors = {};
    for (const [k, v] of Object.entries(found)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first) out[formKey(k)] ??= first;
    }
    setErrors(out);
    setMessage(text);
    focusSummary();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { id: initial?.id, name: String(data.get('name') ?? ''), description: String(data.get('description') ?? ''), changes: drafts.map(toInput) };
    const parsed = ZSaveWhatIfSchema.safeParse(input);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.join('.')] ??= issue.message;
      return fail(found);
    }
    start(async () => {
      const result = await saveWhatIfAction(input);
      if (!result.ok) return fail(result.fieldErrors ?? {}, result.fieldErrors ? null : result.message);
      router.push(`/what-if/${result.data.id}`);
    });
  }

  const field = (i: number, f: string) => ({ id: `change-${i}-${f.replaceAll('.', '-')}`, errors, errorKey: `changes.${i}.${f}` });
  const localityOptions = choices.localities.map((l) => ({ value: l.id, label: l.name }));
  const localitiesField = (i: number, d: TDraft) => (
    <Checkboxes
      {...field(i, 'localityIds')}
      legend="Localities"
      hint="Leave all unticked for every locality."
      options={localityOptions}
      values={d.localityIds}
      onChange={(v) => update(i, { localityIds: v })}
      optionsClassName="grid max-h-64 gap-1 overflow-y-auto rounded border border-slate-200 p-2 sm:grid-cols-2"
    />
  );
  /** A number typed in a box: a `signed` one takes a minus typed as "−" too, and keeps the full keyboard on a phone for it. */
  const numberField = (i: number, d: TDraft, key: 'percent' | 'hourlyRate', label: string, hint: string, signed = false) => (
    <TextInput
      {...field(i, key)}
      label={label}
      hint={hint}
      inputMode={signed ? undefined : 'decimal'}
      autoComplete="off"
      inputClassName="w-28"
      value={d[key]}
      onChange={(e) => update(i, { [key]: signed ? e.target.value.replace('−', '-') : e.target.value })}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6" aria-label="What-if scenario">
      <ErrorSummary ref={summary} level={2} message={message} problems={problemsOf(errors, idOf)} />
      <TextInput
        id="whatif-name"
        name="name"
        label="Name"
        hint="Others in your council see it by this name."
        defaultValue={initial?.name}
        errors={errors}
        errorKey="name"
        inputClassName="w-full"
        autoComplete="off"
      />
      <Textarea
        id="whatif-description"
        name="description"
        label="Description (optional)"
        defaultValue={initial?.description}
        errors={errors}
        errorKey="description"
      />

      <section aria-labelledby="changes-heading" className="space-y-4">
        <h2 id="changes-heading" className="text-xl font-semibold">
          Changes to today’s market
        </h2>
        {drafts.length === 0 ? <p className="text-slate-700">No changes yet. Add the first below.</p> : null}
        <ol className="space-y-4">
          {drafts.map((d, i) => (
            <li key={d.key} className="space-y-3 rounded-lg border border-slate-300 bg-white p-4" aria-labelledby={`change-${i}-heading`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 id={`change-${i}-heading`} className="font-semibold">
                  {i + 1}. {CHANGE_KIND_LABEL[d.kind]}
                </h3>
                <button type="button" className="min-h-11 text-sm underline sm:min-h-0" onClick={() => setDrafts((ds) => ds.filter((_, k) => k !== i))}>
                  Remove change {i + 1}
                </button>
              </div>
              <p className="text-sm text-slate-700">{HINT[d.kind]}</p>
              {d.kind === 'DEMAND_GROWTH' ? (
                <>
                  <Select {...field(i, 'pathway')} label="Pathway" value={d.pathway} onChange={(e) => update(i, { pathway: e.target.value })}>
                    {PATHWAYS.map((p) => (
                      <option key={p} value={p}>
                        {PATHWAY_LABEL[p]}
                      </option>
                    ))}
                  </Select>
                  {localitiesField(i, d)}
                  {numberField(i, d, 'percent', 'Growth (%)', 'For example 28')}
                </>
              ) : null}
              {d.kind === 'PROVIDER_FAILS' ? (
                <Select
                  {...field(i, 'providerId')}
                  label="Provider"
                  value={d.providerId}
                  onChange={(e) => update(i, { providerId: e.target.value })}
                  inputClassName="w-full"
                >
                  {optionsOf('Choose a provider', choices.providers)}
                </Select>
              ) : null}
              {d.kind === 'CONTRACT_ENDS' ? (
                <Select
                  {...field(i, 'contractId')}
                  label="Contract in force"
                  value={d.contractId}
                  onChange={(e) => update(i, { contractId: e.target.value })}
                  inputClassName="w-full"
                >
                  {optionsOf('Choose a contract', choices.contracts)}
                </Select>
              ) : null}
              {d.kind === 'LOCALITY_RELET' ? (
                <>
                  <Select {...field(i, 'localityId')} label="Locality" value={d.localityId} onChange={(e) => update(i, { localityId: e.target.value })}>
                    {optionsOf('Choose a locality', choices.localities)}
                  </Select>
                  <fieldset id={`change-${i}-holders`} tabIndex={-1} className="space-y-2">
                    <legend className="font-medium">New holders and their shares</legend>
                    <p className="text-sm text-slate-600">One holder at 100%, or a shared locality such as 70 and 30. Leave the second holder empty for one.</p>
                    {errors[`changes.${i}.holders`] ? <p className="text-sm font-medium text-red-800">{errors[`changes.${i}.holders`]}</p> : null}
                    {d.holders.map((h, k) => (
                      <div key={k} className="flex flex-wrap items-end gap-3">
                        <Select
                          {...field(i, `holders.${k}.providerId`)}
                          label={`Holder ${k + 1}`}
                          value={h.providerId}
                          onChange={(e) => update(i, { holders: d.holders.map((x, j) => (j === k ? { ...x, providerId: e.target.value } : x)) })}
                          inputClassName="w-full max-w-sm"
                        >
                          {optionsOf('Choose a provider', choices.providers)}
                        </Select>
                        <TextInput
                          {...field(i, `holders.${k}.share`)}
                          label={`Holder ${k + 1} share (%)`}
                          inputMode="decimal"
                          autoComplete="off"
                          inputClassName="w-24"
                          value={h.share}
                          onChange={(e) => update(i, { holders: d.holders.map((x, j) => (j === k ? { ...x, share: e.target.value } : x)) })}
                        />
                      </div>
                    ))}
                  </fieldset>
                  {numberField(i, d, 'hourlyRate', 'New contracts’ hourly rate (£)', 'For example 23.50')}
                </>
              ) : null}
              {d.kind === 'CAPACITY' ? (
                <>
                  {localitiesField(i, d)}
                  <Checkboxes
                    {...field(i, 'bands')}
                    legend="Times of day"
                    hint="Leave all unticked for the whole day."
                    options={BANDS.map((b) => ({ value: b, label: BAND_LABEL[b] }))}
                    values={d.bands}
                    onChange={(v) => update(i, { bands: v })}
                  />
                  <Select
                    {...field(i, 'providerId')}
                    label="Provider (optional)"
                    value={d.providerId}
                    onChange={(e) => update(i, { providerId: e.target.value })}
                    inputClassName="w-full"
                  >
                    {optionsOf('Every provider', choices.providers)}
                  </Select>
                  {numberField(i, d, 'percent', 'Change (%)', 'For example 10 to add a tenth, or -25 to remove a quarter', true)}
                </>
              ) : null}
              {d.kind === 'RATE_UPLIFT' ? (
                <>
                  <Select {...field(i, 'contractType')} label="Contracts" value={d.contractType} onChange={(e) => update(i, { contractType: e.target.value })}>
                    <option value="">Every contract</option>
                    {CONTRACT_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {CONTRACT_TYPE_LABEL[t]}
                      </option>
                    ))}
                  </Select>
                  {numberField(i, d, 'percent', 'Uplift (%)', 'For example 7.2, or -2 for a cut', true)}
                </>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap items-end gap-3 rounded-lg border border-dashed border-slate-400 p-4">
          <Select
            id="whatif-add-kind"
            label="Add a change"
            errors={errors}
            errorKey="changes"
            value={addKind}
            onChange={(e) => setAddKind(e.target.value as TChangeKind)}
          >
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {CHANGE_KIND_LABEL[k]}
              </option>
            ))}
          </Select>
          <button
            type="button"
            className="min-h-11 rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 sm:min-h-0"
            onClick={() => {
              setDrafts((ds) => [...ds, blank(addKind, nextKey)]);
              setNextKey((k) => k + 1);
            }}
          >
            Add this change
          </button>
        </div>
      </section>
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save scenario
      </SubmitButton>
    </form>
  );
}
