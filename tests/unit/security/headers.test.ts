import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, createNonce, securityHeaders } from '@/lib/security/headers';

/** The policy as directive name → sources, so tests read like the header. */
function parse(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('Content-Security-Policy', () => {
  const nonce = 'cmFuZG9tLW5vbmNlLXZhbHVl';

  it('lets scripts run only with this response nonce in production, with no eval and no inline', () => {
    const csp = parse(buildContentSecurityPolicy(nonce, { dev: false }));
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it('adds unsafe-eval only in development, which the dev server needs', () => {
    const csp = parse(buildContentSecurityPolicy(nonce, { dev: true }));
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'unsafe-eval'"]);
  });

  it('sets every other directive the same in development and production', () => {
    for (const dev of [false, true]) {
      const csp = parse(buildContentSecurityPolicy(nonce, { dev }));
      expect(Object.fromEntries([...csp].filter(([name]) => name !== 'script-src'))).toEqual({
        'default-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      });
    }
  });

  it('is one header line Next.js can read the nonce from', () => {
    const csp = buildContentSecurityPolicy(nonce, { dev: false });
    expect(csp).not.toMatch(/[\r\n]/);
    // The pattern Next.js uses to find the nonce in the request's policy.
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src'));
    const found = scriptSrc
      ?.split(/\s+/)
      .map((s) => s.match(/^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/)?.[1])
      .find(Boolean);
    expect(found).toBe(nonce);
  });
});

describe('nonce', () => {
  it('is 16 random bytes in base64', () => {
    for (let i = 0; i < 100; i++) {
      const nonce = createNonce();
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
  });

  it('is different for every response', () => {
    const nonces = new Set(Array.from({ length: 10_000 }, createNonce));
    expect(nonces.size).toBe(10_000);
  });
});

describe('security headers', () => {
  it('sends every header in production, HSTS included', () => {
    expect(securityHeaders({ production: true })).toEqual({
      'Strict-Transport-Security': 'max-age=63072000; includeSubDomains; preload',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
  });

  it('leaves HSTS out in development and keeps the rest', () => {
    const dev = securityHeaders({ production: false });
    expect(dev).not.toHaveProperty('Strict-Transport-Security');
    const { 'Strict-Transport-Security': _hsts, ...rest } = securityHeaders({ production: true });
    expect(dev).toEqual(rest);
  });
});
