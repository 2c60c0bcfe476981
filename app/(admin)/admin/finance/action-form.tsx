'use client';

import { createContext, useActionState, useContext, useEffect, useRef, type ReactNode } from 'react';
import { DateInput, ErrorSummary, SubmitButton, TextInput, type TFieldErrors } from '@/components/form';

type TResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** The field errors of the ActionForm a field sits in, so each shows its own beside it. */
const FieldErrors = createContext<TFieldErrors | undefined>(undefined);

/** A date field of an ActionForm: its label, hint and, after a failed submit, its error beside it. */
export function ActionDateField({ id, label, hint }: { id: string; label: string; hint?: string }) {
  const errors = useContext(FieldErrors);
  return <DateInput id={id} name={id} label={label} hint={hint} errors={errors} />;
}

/** A text field of an ActionForm, its error beside it; `name` is the form data key when the id differs. */
export function ActionTextField({ id, name, label, compact }: { id: string; name: string; label: string; compact?: boolean }) {
  const errors = useContext(FieldErrors);
  return <TextInput id={id} name={name} label={label} errors={errors} compact={compact} />;
}

/** A small finance form: posts its fields to a server action and shows what went wrong, naming the field. */
export function ActionForm({
  action,
  label,
  pendingLabel,
  done,
  children,
  variant = 'primary',
  ids = {},
}: {
  action: (input: FormData) => Promise<TResult>;
  label: string;
  pendingLabel: string;
  done?: string;
  children?: ReactNode;
  variant?: 'primary' | 'secondary';
  /** The id of a field whose id is not its name, so the summary links to it. */
  ids?: Record<string, string>;
}) {
  const [state, submit, pending] = useActionState(async (_: TResult | null, form: FormData) => action(form), null);
  const summary = useRef<HTMLDivElement>(null);
  const failed = state && !state.ok ? state : null;
  // After a failed submit, focus moves to the summary so it is read out and the links are next.
  useEffect(() => {
    if (failed) summary.current?.focus();
  }, [failed]);
  const problems = failed
    ? Object.entries(failed.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((text) => ({ href: `#${ids[field] ?? field}`, text })))
    : [];
  return (
    <form action={submit} className="space-y-2" noValidate>
      <ErrorSummary ref={summary} problems={problems} message={failed && problems.length === 0 ? failed.message : null} />
      <FieldErrors value={failed?.fieldErrors}>{children}</FieldErrors>
      <SubmitButton pending={pending} pendingLabel={pendingLabel} variant={variant}>
        {label}
      </SubmitButton>
      {state?.ok && done ? <p role="status">{done}</p> : null}
    </form>
  );
}
