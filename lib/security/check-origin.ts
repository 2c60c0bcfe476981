// Cross-site request forgery check for route handlers that accept cookies (ASVS 5.0 3.5.1):
// a state-changing request must come from a page of this app. Browsers always send Origin on
// cross-origin POSTs, and a page cannot forge it.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type RequestLike = { method: string; headers: Headers; url: string };

/** An origin in canonical form (lower-case host, no default port), or null if it is not one. */
function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The first value of a header that proxies may send as a comma-separated list. */
function firstValue(headers: Headers, name: string): string | null {
  return headers.get(name)?.split(',')[0]?.trim() || null;
}

/** APP_ORIGINS: the origins users reach the app on, comma-separated (e.g. behind a proxy). */
export function appOrigins(env: Record<string, string | undefined> = process.env): string[] {
  return (env.APP_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/** The origins this request may legitimately come from. */
function expectedOrigins(request: RequestLike, allowedOrigins: string[]): Set<string> {
  const url = new URL(request.url);
  const expected = new Set<string>([url.origin]);
  // `next start` builds request.url from its own hostname (localhost), not the Host the browser
  // used. A page cannot set Host on a request to us, so it names our origin as the browser saw it.
  const host = request.headers.get('host');
  if (host) add(expected, `${url.protocol}//${host}`);
  // Only a proxy we run may say which host and scheme the browser used; anyone else could set these.
  if (process.env.TRUST_PROXY === '1') {
    const forwardedHost = firstValue(request.headers, 'x-forwarded-host');
    const forwardedProto = firstValue(request.headers, 'x-forwarded-proto');
    if (forwardedHost) add(expected, `${forwardedProto ?? url.protocol.replace(':', '')}://${forwardedHost}`);
  }
  for (const origin of allowedOrigins) add(expected, origin);
  return expected;
}

function add(set: Set<string>, value: string) {
  const origin = originOf(value);
  if (origin) set.add(origin);
}

/**
 * True when the request may go ahead: safe methods always; anything else only when its Origin
 * (or, if a browser left Origin out, the Referer's origin) is this app's own origin or one of
 * `allowedOrigins` (by default env APP_ORIGINS). No Origin and no Referer on a state-changing
 * request is refused: every browser that could carry our cookies sends one of them.
 */
export function isSameOrigin(request: RequestLike, allowedOrigins: string[] = appOrigins()): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  const origin = request.headers.get('origin');
  const referer = request.headers.get('referer');
  const claimed = origin !== null ? originOf(origin) : referer !== null ? originOf(referer) : null;
  if (claimed === null) return false;
  return expectedOrigins(request, allowedOrigins).has(claimed);
}
