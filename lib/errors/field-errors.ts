import type { z } from 'zod';

/** Each message under the full path of its field ("visits.2.minutes"), so nested forms can show it in place. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join('.') || 'form'] ??= []).push(issue.message);
  return out;
}
