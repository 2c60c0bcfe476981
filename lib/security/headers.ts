// Response headers every page and route handler sends: OWASP ASVS 5.0 V3.4 (browser security
// mechanism headers), which the NHS DSPT's technical controls point to. Pure functions, so the
// exact header values are unit-tested; proxy.ts only applies them.

const NONCE_BYTES = 16;

/** A fresh script nonce for one response: 16 random bytes, base64 (24 characters). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy for one response. Scripts run only when they carry this
 * response's nonce (Next.js puts it on its own scripts when it finds it in the request's CSP),
 * or when a nonced script loads them ('strict-dynamic'). Styles allow 'unsafe-inline' because
 * Next.js and Tailwind inject style attributes and tags without a nonce.
 */
export function buildContentSecurityPolicy(nonce: string, { dev }: { dev: boolean }): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Next's dev server evaluates code for error overlays and fast refresh; production never does.
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    // ASVS 5.0 3.4.3 asks for base-uri 'none': the app never uses a <base> element.
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The headers that do not change per response. */
export function securityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    // Two years, subdomains, preload-list ready. Only in production: over plain http on a
    // developer's machine the header is ignored, and on https localhost it would stick for years.
    ...(production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload' } : {}),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    // frame-ancestors 'none' in the CSP does the same for current browsers; this covers old ones.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
