import type { z } from 'zod';
import { AppError } from './app-error';

/** Each message under the full path of its field ("visits.2.minutes"), so nested forms can show it in place. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join('.') || 'form'] ??= []).push(issue.message);
  return out;
}

/** The parsed input, or an AppError('VALIDATION') naming each field's problem under its path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION', undefined, fieldErrorsOf(parsed.error));
  return parsed.data;
}
