// A server action answers a failed submit with `{ ok: false, fieldErrors }`: each field's path
// (as the schema names it, e.g. "amounts.LOCALITY") to its messages. Forms keep that map, or one
// already cut to the first message per field, and the fields read their own error from it.

export type TFieldErrors = Record<string, string | readonly string[] | undefined>;

/** The message to show for one field: the first, if any. */
export function errorOf(errors: TFieldErrors | undefined, key: string): string | undefined {
  const value = errors?.[key];
  return (typeof value === 'string' ? value : value?.[0]) || undefined;
}

/** The error summary's list: one link per field with a problem, to the field's id. */
export function problemsOf(errors: TFieldErrors | undefined, idOf: (key: string) => string): { href: string; text: string }[] {
  return Object.keys(errors ?? {}).flatMap((key) => {
    const text = errorOf(errors, key);
    return text ? [{ href: `#${idOf(key)}`, text }] : [];
  });
}

/** The attribute value tying a control to its hint and error, or nothing when it has neither. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}
