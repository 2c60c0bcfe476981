'use client';

import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useId, useRef, useState, useTransition, type ReactNode } from 'react';
import type { TActionResult } from '@/lib/action/define-action';
import { ErrorSummary as Summary, problemsOf } from '@/components/form';

// What every form on the package page shares: run a server action, show its field errors in
// place and in a summary (GOV.UK pattern), and on success say what happened and refresh the page
// (the timeline, the lines, the status). The success message lives above the forms, so it stays
// when the form that sent it disappears because the package moved on.

const Done = createContext<(message: string | null) => void>(() => undefined);

export function Operations({ children }: { children: ReactNode }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <Done.Provider value={setDone}>
      <div role="status" aria-live="polite" data-testid="operation-done">
        {done ? (
          <p className="border-l-4 border-green-700 bg-green-50 p-3 font-medium text-green-900">
            <span aria-hidden="true">✓ </span>
            {done}
          </p>
        ) : null}
      </div>
      {children}
    </Done.Provider>
  );
}

export type TOperation = {
  pending: boolean;
  errors: Record<string, string>;
  message: string | null;
  /** How many submits have failed: the summary takes focus each time it goes up. */
  failures: number;
  run: <T>(call: () => Promise<TActionResult<T>>, onSuccess: (data: T) => string) => void;
  clear: () => void;
};

export function useOperation(): TOperation {
  const router = useRouter();
  const setDone = useContext(Done);
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  return {
    pending,
    errors,
    message,
    failures,
    clear: () => {
      setErrors({});
      setMessage(null);
    },
    run: (call, onSuccess) =>
      start(async () => {
        const result = await call();
        if (result.ok) {
          setErrors({});
          setMessage(null);
          setDone(onSuccess(result.data));
          router.refresh();
          return;
        }
        const flat = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k, v[0]]));
        setErrors(flat);
        setMessage(Object.keys(flat).length ? null : result.message);
        setDone(null);
        setFailures((n) => n + 1);
      }),
  };
}

/** The error summary at the top of a form; `idOf` turns an error's path into its field's id. */
export function ErrorSummary({ op, idOf }: { op: TOperation; idOf: (path: string) => string }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (op.failures > 0) summary.current?.focus();
  }, [op.failures]);
  return <Summary ref={summary} message={op.message} problems={problemsOf(op.errors, idOf)} />;
}

/**
 * The second step of a destructive change: says what will happen and asks again. Focus moves to
 * it, and "go back" returns to the form unchanged.
 */
export function Confirm({
  title,
  children,
  confirmLabel,
  pending,
  onConfirm,
  onBack,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div role="group" aria-labelledby={id} className="space-y-2 border-l-4 border-amber-600 bg-amber-50 p-3">
      <h3 id={id} tabIndex={-1} ref={heading} className="font-semibold">
        {title}
      </h3>
      <div className="text-sm">{children}</div>
      <div className="flex flex-wrap gap-3">
        <button type="button" disabled={pending} onClick={onConfirm} className="rounded bg-red-700 px-4 py-2 font-medium text-white disabled:opacity-60">
          {pending ? 'Working…' : confirmLabel}
        </button>
        <button type="button" disabled={pending} onClick={onBack} className="rounded border border-slate-500 px-4 py-2">
          No, go back
        </button>
      </div>
    </div>
  );
}

export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
