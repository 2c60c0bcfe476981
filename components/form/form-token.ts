/**
 * A new one-time token for a form, sent as `formToken` with each write it makes: the server runs a
 * write once per token and input (lib/idempotency/once-per-key.ts), so a double click, a
 * resubmission or a retry after a lost answer gets the first answer rather than writing twice.
 * A random UUID (version 4), made with getRandomValues so it works outside a secure context too.
 */
export function newFormToken(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
