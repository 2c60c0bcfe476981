'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { DateInput, ErrorSummary, MoneyInput, problemsOf, Select, SubmitButton, Textarea, TextInput } from '@/components/form';
import { ZAddContractRateSchema, ZEndContractSchema, ZPreviewRetenderSchema } from '@/lib/contract/contract-schema';
import { addContractRateAction, endContractAction, moveRetenderAction, previewRetenderAction } from '../actions';

type TErrors = Record<string, string | undefined>;
type TResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** The small forms on a contract's page share one shape: check with the action's schema, send, show errors by field or refresh. */
function useChangeForm(prefix: string) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<TErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const fail = (found: TErrors, text: string | null = null) => {
    setErrors(found);
    setMessage(text);
    setDone(null);
    requestAnimationFrame(() => summary.current?.focus());
  };
  const run = (send: () => Promise<TResult>, success: string) =>
    start(async () => {
      const result = await send();
      if (!result.ok) {
        const found: TErrors = {};
        for (const [k, v] of Object.entries(result.fieldErrors ?? {})) found[k] = v[0];
        return fail(found, result.fieldErrors ? null : result.message);
      }
      setErrors({});
      setMessage(null);
      setDone(success);
      router.refresh();
    });
  const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) => {
    const found: TErrors = {};
    for (const i of error.issues) found[String(i.path[0])] ??= i.message;
    fail(found);
  };
  const summaryEl = <ErrorSummary ref={summary} message={message} problems={problemsOf(errors, (f) => `${prefix}-${f}`)} />;
  const status = (
    <p role="status" aria-live="polite" className="text-sm">
      {done}
    </p>
  );
  return { pending, errors, run, issues, summaryEl, status };
}

const box = 'space-y-3 rounded-lg border border-slate-200 bg-white p-4';

/** A new rate from a day: added beside the old ones, never over them. */
export function RateForm({ contractId }: { contractId: string }) {
  const f = useChangeForm('rate');
  return (
    <form
      noValidate
      className={box}
      aria-labelledby="rate-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const input = {
          contractId,
          validFrom: String(data.get('validFrom') ?? ''),
          hourlyRate: Number(String(data.get('hourlyRate') ?? '').replace(/[£,\s]/g, '') || Number.NaN),
          reason: String(data.get('reason') ?? ''),
        };
        const parsed = ZAddContractRateSchema.safeParse(input);
        if (!parsed.success) return f.issues(parsed.error);
        f.run(() => addContractRateAction(input), `The new rate of £${input.hourlyRate.toFixed(2)} applies from ${input.validFrom}.`);
      }}
    >
      <h3 id="rate-heading" className="font-semibold">
        New rate from a date
      </h3>
      {f.summaryEl}
      <div className="flex flex-wrap gap-4">
        <DateInput id="rate-validFrom" name="validFrom" label="From" errors={f.errors} errorKey="validFrom" />
        <MoneyInput id="rate-hourlyRate" name="hourlyRate" label="Hourly rate (£)" errors={f.errors} errorKey="hourlyRate" inputClassName="w-32" />
      </div>
      <TextInput
        id="rate-reason"
        name="reason"
        label="Reason"
        hint="For example “Variation for night visits”."
        maxLength={200}
        errors={f.errors}
        errorKey="reason"
        inputClassName="w-full"
      />
      <SubmitButton pending={f.pending} pendingLabel="Saving…">
        Add rate
      </SubmitButton>
      {f.status}
    </form>
  );
}

/** Ends the contract after a last day, with a reason. */
export function EndForm({ contractId, reference }: { contractId: string; reference: string }) {
  const f = useChangeForm('end');
  return (
    <form
      noValidate
      className={box}
      aria-labelledby="end-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const input = { contractId, lastDay: String(data.get('lastDay') ?? ''), reason: String(data.get('reason') ?? '') };
        const parsed = ZEndContractSchema.safeParse(input);
        if (!parsed.success) return f.issues(parsed.error);
        f.run(() => endContractAction(input), `${reference} ends after ${input.lastDay}.`);
      }}
    >
      <h3 id="end-heading" className="font-semibold">
        End the contract
      </h3>
      <p className="text-sm text-slate-700">
        No package is offered under it after its last day. Packages placed under it stay with the provider until you re-tender them below.
      </p>
      {f.summaryEl}
      <DateInput id="end-lastDay" name="lastDay" label="Last day in force" errors={f.errors} errorKey="lastDay" />
      <Textarea id="end-reason" name="reason" label="Reason" rows={2} maxLength={500} errors={f.errors} errorKey="reason" inputClassName="w-full" />
      <SubmitButton pending={f.pending} pendingLabel="Saving…" variant="danger">
        End contract
      </SubmitButton>
      {f.status}
    </form>
  );
}

/** Plans moving the contract's packages to another provider's contract on a day. */
export function RetenderForm({ contractId, choices, packages }: { contractId: string; choices: { id: string; label: string }[]; packages: number }) {
  const f = useChangeForm('retender');
  return (
    <form
      noValidate
      className={box}
      aria-labelledby="retender-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const input = { contractId, incomingContractId: String(data.get('incomingContractId') ?? ''), moveOn: String(data.get('moveOn') ?? '') };
        const parsed = ZPreviewRetenderSchema.safeParse(input);
        if (!parsed.success) return f.issues(parsed.error);
        f.run(() => previewRetenderAction(input), 'The plan is ready: check it below, then move the packages on the day.');
      }}
    >
      <h3 id="retender-heading" className="font-semibold">
        Re-tender: plan the move of {packages} package{packages === 1 ? '' : 's'}
      </h3>
      <p className="text-sm text-slate-700">
        The optimiser plans which packages the incoming contract&apos;s provider can take under the placement rules (its declared capacity, skills, two-carer
        visits, each person&apos;s exclusions). Nothing moves until you move the plan, on or after the move date.
      </p>
      {f.summaryEl}
      {choices.length === 0 ? (
        <p className="text-sm">No other provider holds a contract covering these localities yet. Register the incoming contract first.</p>
      ) : (
        <>
          <Select
            id="retender-incomingContractId"
            name="incomingContractId"
            label="Incoming contract"
            errors={f.errors}
            errorKey="incomingContractId"
            defaultValue=""
          >
            <option value="">Choose the contract taking the packages</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </Select>
          <DateInput
            id="retender-moveOn"
            name="moveOn"
            label="Move date"
            hint="The old placements end and the new ones start at the start of this day."
            errors={f.errors}
            errorKey="moveOn"
          />
          <SubmitButton pending={f.pending} pendingLabel="Planning… this can take a few seconds">
            Plan the move
          </SubmitButton>
        </>
      )}
      {f.status}
    </form>
  );
}

/** Moves a planned re-tender, after asking once more. */
export function MoveButton({ batchId, packages, moveOn, incoming }: { batchId: string; packages: number; moveOn: string; incoming: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <button type="button" onClick={() => setOpen(true)} className="min-h-11 rounded bg-brand-700 px-3 py-1.5 font-medium text-white sm:min-h-0">
        Move {packages} package{packages === 1 ? '' : 's'}
      </button>
      <ConfirmDialog
        open={open}
        title={`Move ${packages} package${packages === 1 ? '' : 's'} to ${incoming}?`}
        confirmLabel="Yes, move them"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          start(async () => {
            const result = await moveRetenderAction({ batchId });
            setOpen(false);
            if (result.ok) {
              setMessage(`Moved ${result.data.moved}${result.data.skipped ? `; ${result.data.skipped} had already moved on and were left alone` : ''}.`);
              router.refresh();
            } else setMessage(result.message);
          })
        }
      >
        <p>
          The current placements end and the new ones start on {moveOn}. Both providers and the packages&apos; brokers are told. This cannot be undone here.
        </p>
      </ConfirmDialog>
      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>
    </div>
  );
}
