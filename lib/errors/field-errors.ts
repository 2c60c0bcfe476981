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

/** Deeper than any form or API body goes: a body nested further is refused, not walked. */
const MAX_DEPTH = 32;

/**
 * Fields holding a control character no person types (NUL and the like: PostgreSQL cannot store
 * NUL in text at all), under their paths, as field errors; tabs and line breaks are fine. Input
 * nested deeper than any form or API body goes is refused at the depth it went too far.
 */
export function controlCharacterErrors(input: unknown, path: (string | number)[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (path.length > MAX_DEPTH) {
    out[path.slice(0, MAX_DEPTH).join('.')] = ['This is nested too deeply: send the fields as documented'];
  } else if (typeof input === 'string') {
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(input)) out[path.join('.') || 'form'] = ['Remove the control character from this field'];
  } else if (Array.isArray(input)) {
    input.forEach((item, i) => Object.assign(out, controlCharacterErrors(item, [...path, i])));
  } else if (input !== null && typeof input === 'object') {
    for (const [key, value] of Object.entries(input)) Object.assign(out, controlCharacterErrors(value, [...path, key]));
  }
  return out;
}
