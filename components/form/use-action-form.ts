'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { TActionResult } from '@/lib/action/define-action';
import { actionOutcome, type TAfterSave } from './action-outcome';
import type { TFieldErrors } from './field-errors';
import { useFocusSummary } from './use-focus-summary';

/**
 * A form that sends its data to a server action: on submit it sends the form's fields (with what
 * `prepare` adds), then shows the fields' errors with a focused error summary, or the status line
 * `after.saved` says (emptying the form and reloading the page as `after` asks).
 */
export function useActionForm<T>(action: (data: FormData) => Promise<TActionResult<T>>, after: TAfterSave<T> & { prepare?: (sent: FormData) => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [summary, focusSummary] = useFocusSummary();
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    after.prepare?.(data);
    start(async () => {
      const outcome = actionOutcome(await action(data), data, after);
      setErrors(outcome.errors);
      setMessage(outcome.message);
      setStatus(outcome.status);
      if (outcome.reset) form.reset();
      if (outcome.refresh) router.refresh();
      if (outcome.focusSummary) focusSummary();
    });
  }
  return { pending, errors, message, status, summary, onSubmit };
}
