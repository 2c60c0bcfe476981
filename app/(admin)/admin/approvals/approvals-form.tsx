'use client';

import { useState, useTransition } from 'react';
import { Checkbox, ErrorSummary, MoneyInput, problemsOf, SubmitButton, useActionForm } from '@/components/form';
import { formatPoundsAndPence } from '@/lib/format';
import { setApprovalLimitAction, setApprovalRulesAction } from './actions';

/** "£12,500", "12500.50", "" → pounds, or null for an empty box; anything else reaches the server as NaN and is named there. */
function pounds(text: string): number | null {
  const t = text.replace(/[£,\s]/g, '');
  return t === '' ? null : Number(t);
}

/** Whether new packages need approval before posting, and above what yearly cost. */
export function ApprovalRulesForm({ required, threshold }: { required: boolean; threshold: number | null }) {
  const { pending, errors, message, status, summary, onSubmit } = useActionForm(
    (form) =>
      setApprovalRulesAction({
        newPackageApproval: form.get('newPackageApproval') === 'on',
        newPackageApprovalThreshold: pounds(String(form.get('newPackageApprovalThreshold') ?? '')),
      }),
    { saved: 'Saved. Packages posted from now on follow these rules.' },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <ErrorSummary ref={summary} problems={problemsOf(errors, (key) => key)} message={message} />
      <Checkbox
        id="newPackageApproval"
        name="newPackageApproval"
        label="New packages above the threshold need approval before they are posted"
        defaultChecked={required}
      />
      <MoneyInput
        id="newPackageApprovalThreshold"
        name="newPackageApprovalThreshold"
        label="Threshold: yearly cost in pounds"
        hint="A package's cost before placement is its hours at the highest rate of the council's contracts, × 52."
        defaultValue={threshold === null ? '' : String(threshold)}
        errors={errors}
        inputClassName="w-40"
      />
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save the rules
      </SubmitButton>
      <p aria-live="polite" role="status" className="text-sm">
        {status}
      </p>
    </form>
  );
}

/** One broker's or BEST member's approval limit, in pounds a year; empty takes it away. */
export function ApprovalLimitForm({ userId, name, detail, limit }: { userId: string; name: string; detail: string; limit: number | null }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const id = `limit-${userId}`;
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = pounds(String(new FormData(event.currentTarget).get('yearlyLimit') ?? ''));
    start(async () => {
      const result = await setApprovalLimitAction({ userId, yearlyLimit: value });
      setError(result.ok ? null : (result.fieldErrors?.yearlyLimit?.[0] ?? result.fieldErrors?.userId?.[0] ?? result.message));
      setStatus(
        result.ok ? (value === null ? `${name} has no approval limit now.` : `${name} may now approve up to ${formatPoundsAndPence(value)} a year.`) : null,
      );
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
      <MoneyInput
        id={id}
        name="yearlyLimit"
        label={`${name}: limit a year in pounds`}
        hint={detail}
        defaultValue={limit === null ? '' : String(limit)}
        error={error ?? undefined}
        announce
        inputClassName="w-40"
      />
      <SubmitButton pending={pending} pendingLabel="Saving…" variant="secondary">
        Save<span className="sr-only"> the limit for {name}</span>
      </SubmitButton>
      <p aria-live="polite" role="status" className="basis-full text-sm">
        {status}
      </p>
    </form>
  );
}
