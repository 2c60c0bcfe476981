'use client';

import { useActionForm, problemsOf, type TFieldErrors } from '@/components/form';
import type { TActionResult } from '@/lib/action/define-action';

/**
 * What every geography form does on submit: send the form's data to its action, show field errors
 * with a focused error summary, or say what was saved and reload the page's tables (emptying the
 * form when it added something rather than changed it).
 */
export function useGeographyForm(prefix: string, action: (data: FormData) => Promise<TActionResult<unknown>>, saved: string) {
  const { errors, ...form } = useActionForm(action, { saved, reset: (sent) => !sent.get(`${prefix}Id`), refresh: true });
  // A list's errors ("districts.0") belong to its field.
  const problems = problemsOf(errors, (key) => `${prefix}-${key.split('.')[0]}`);
  const fieldErrors: TFieldErrors = Object.fromEntries(Object.entries(errors).map(([key, value]) => [key.split('.')[0], value]));
  return { ...form, errors: fieldErrors, problems };
}
