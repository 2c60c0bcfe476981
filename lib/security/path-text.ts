import { controlCharacterErrors } from '@/lib/errors/field-errors';

/**
 * A page's path segment as the text it stands for (a contract's or package's reference), or null
 * when it can name nothing: a % that does not start an escape, or a control character such as NUL,
 * which no reference holds (and PostgreSQL cannot even compare). Pages answer null with "not found".
 */
export function pathText(segment: string): string | null {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return Object.keys(controlCharacterErrors(text)).length > 0 ? null : text;
}
