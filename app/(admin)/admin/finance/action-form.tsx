'use client';

import { useActionState, type ReactNode } from 'react';
import { ErrorSummary, SubmitButton } from '@/components/form';

type TResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** A small finance form: posts its fields to a server action and shows what went wrong, naming the field. */
export function ActionForm({
  action,
  label,
  pendingLabel,
  done,
  children,
  variant = 'primary',
}: {
  action: (input: FormData) => Promise<TResult>;
  label: string;
  pendingLabel: string;
  done?: string;
  children?: ReactNode;
  variant?: 'primary' | 'secondary';
}) {
  const [state, submit, pending] = useActionState(async (_: TResult | null, form: FormData) => action(form), null);
  const problems =
    state && !state.ok ? Object.entries(state.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((text) => ({ href: `#${field}`, text }))) : [];
  return (
    <form action={submit} className="space-y-2" noValidate>
      <ErrorSummary problems={problems} message={state && !state.ok && problems.length === 0 ? state.message : null} />
      {children}
      <SubmitButton pending={pending} pendingLabel={pendingLabel} variant={variant}>
        {label}
      </SubmitButton>
      {state?.ok && done ? <p role="status">{done}</p> : null}
    </form>
  );
}
