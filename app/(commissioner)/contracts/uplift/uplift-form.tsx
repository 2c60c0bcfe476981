'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { DateInput, ErrorSummary, problemsOf, Select, SubmitButton, TextInput } from '@/components/form';
import { Cell, DataTable, Row, RowHeader } from '@/components/table';
import { ZUpliftSchema, type TUpliftInput } from '@/lib/contract/contract-schema';
import { CONTRACT_TYPES } from '@/lib/domain/contract';
import { CONTRACT_TYPE_LABEL } from '@/lib/domain/labels';
import { formatPounds } from '@/lib/format';
import { applyUpliftAction, previewUpliftAction } from '../actions';

type TErrors = Record<string, string | undefined>;
type TPreview = {
  input: TUpliftInput;
  lines: { contractId: string; reference: string; providerName: string; from: number; to: number }[];
  alreadyRated: { reference: string }[];
};

/** Preview first, then apply exactly what was previewed (the server refuses if the register changed). */
export function UpliftForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<TErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [preview, setPreview] = useState<TPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);

  function fail(found: TErrors, text: string | null = null) {
    setErrors(found);
    setMessage(text);
    requestAnimationFrame(() => summary.current?.focus());
  }

  function onPreview(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      type: String(data.get('type') ?? '') as TUpliftInput['type'],
      percent: Number(String(data.get('percent') ?? '').replace(/[%\s]/g, '') || Number.NaN),
      validFrom: String(data.get('validFrom') ?? ''),
    };
    const parsed = ZUpliftSchema.safeParse(input);
    if (!parsed.success) {
      const found: TErrors = {};
      for (const i of parsed.error.issues) found[String(i.path[0])] ??= i.message;
      return fail(found);
    }
    setDone(null);
    start(async () => {
      const result = await previewUpliftAction(input);
      if (!result.ok) {
        const found: TErrors = {};
        for (const [k, v] of Object.entries(result.fieldErrors ?? {})) found[k] = v[0];
        return fail(found, result.fieldErrors ? null : result.message);
      }
      setErrors({});
      setMessage(null);
      setPreview({ input, ...result.data });
    });
  }

  function apply() {
    if (!preview) return;
    start(async () => {
      const result = await applyUpliftAction({ ...preview.input, expectedContracts: preview.lines.length });
      setConfirming(false);
      if (!result.ok) return fail({}, result.message);
      setDone(`${result.data.contracts} contracts have their new rate from ${preview.input.validFrom}.`);
      setPreview(null);
      router.refresh();
    });
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onPreview} noValidate className="max-w-2xl space-y-4" aria-label="Uplift">
        <ErrorSummary ref={summary} level={2} message={message} problems={problemsOf(errors, (f) => `uplift-${f}`)} />
        <Select id="uplift-type" name="type" label="Contract type" errors={errors} errorKey="type" defaultValue="LOCALITY">
          {CONTRACT_TYPES.map((t) => (
            <option key={t} value={t}>
              {CONTRACT_TYPE_LABEL[t]}
            </option>
          ))}
        </Select>
        <div className="flex flex-wrap gap-4">
          <TextInput
            id="uplift-percent"
            name="percent"
            label="Uplift (%)"
            hint="For example 7.2"
            inputMode="decimal"
            autoComplete="off"
            errors={errors}
            errorKey="percent"
            inputClassName="w-24"
          />
          <DateInput id="uplift-validFrom" name="validFrom" label="From" hint="Usually 1 April" errors={errors} errorKey="validFrom" />
        </div>
        <SubmitButton pending={pending && !preview} pendingLabel="Working…">
          Preview the uplift
        </SubmitButton>
      </form>
      <p role="status" aria-live="polite">
        {done}
      </p>
      {preview ? (
        <section aria-labelledby="preview-heading" className="space-y-3">
          <h2 id="preview-heading" className="text-xl font-semibold">
            {preview.lines.length} {CONTRACT_TYPE_LABEL[preview.input.type].toLowerCase()} contract{preview.lines.length === 1 ? '' : 's'} would change from{' '}
            {preview.input.validFrom}
          </h2>
          {preview.alreadyRated.length > 0 ? (
            <p className="text-sm">Already with a rate from that day, left as they are: {preview.alreadyRated.map((a) => a.reference).join(', ')}.</p>
          ) : null}
          {preview.lines.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-4">No contract of that type is in force on that day without a rate from it already.</p>
          ) : (
            <>
              <DataTable
                caption="Contracts and their old and new rates"
                columns={['Contract', 'Provider', { label: 'Rate now', numeric: true }, { label: 'New rate', numeric: true }]}
                testId="uplift-preview"
              >
                {preview.lines.map((l) => (
                  <Row key={l.contractId}>
                    <RowHeader>{l.reference}</RowHeader>
                    <Cell>{l.providerName}</Cell>
                    <Cell numeric>{formatPounds(l.from)}</Cell>
                    <Cell numeric>{formatPounds(l.to)}</Cell>
                  </Row>
                ))}
              </DataTable>
              <button type="button" onClick={() => setConfirming(true)} className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white sm:min-h-0">
                Apply the uplift
              </button>
              <ConfirmDialog
                open={confirming}
                title={`Apply ${preview.input.percent}% to ${preview.lines.length} contracts?`}
                confirmLabel="Yes, apply it"
                pending={pending}
                onCancel={() => setConfirming(false)}
                onConfirm={apply}
              >
                <p>Each gets its new rate from {preview.input.validFrom}. Offers made before that day keep the old rate.</p>
              </ConfirmDialog>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
