'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useFocusSummary, problemsOf, type TFieldErrors } from '@/components/form';
import type { TActionResult } from '@/lib/action/define-action';

/**
 * What every geography form does on submit: send the form's data to its action, show field errors
 * with a focused error summary, or say what was saved and reload the page's tables.
 */
export function useGeographyForm(prefix: string, action: (data: FormData) => Promise<TActionResult<unknown>>, saved: string) {
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
    start(async () => {
      const result = await action(data);
      if (result.ok) {
        setErrors({});
        setMessage(null);
        setStatus(saved);
        if (!data.get(`${prefix}Id`)) form.reset();
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.fieldErrors ? null : result.message);
        setStatus(null);
        focusSummary();
      }
    });
  }
  // A list's errors ("districts.0") belong to its field.
  const problems = problemsOf(errors, (key) => `${prefix}-${key.split('.')[0]}`);
  const fieldErrors: TFieldErrors = Object.fromEntries(Object.entries(errors).map(([key, value]) => [key.split('.')[0], value]));
  return { pending, errors: fieldErrors, problems, message, status, summary, onSubmit };
}
