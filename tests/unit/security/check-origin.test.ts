import { afterEach, describe, expect, it, vi } from 'vitest';
import { appOrigins, isSameOrigin } from '@/lib/security/check-origin';

const APP = 'https://brokerage.example.gov.uk';

function request(method: string, headers: Record<string, string>, url = `${APP}/api/v1/offers`) {
  return { method, url, headers: new Headers(headers) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('isSameOrigin', () => {
  it("lets a POST from the app's own pages through", () => {
    expect(isSameOrigin(request('POST', { origin: APP }))).toBe(true);
    expect(isSameOrigin(request('DELETE', { origin: APP }))).toBe(true);
  });

  it('refuses a POST from another site', () => {
    expect(isSameOrigin(request('POST', { origin: 'https://evil.example' }))).toBe(false);
    // Same host, other scheme or port: a different origin.
    expect(isSameOrigin(request('POST', { origin: 'http://brokerage.example.gov.uk' }))).toBe(false);
    expect(isSameOrigin(request('PUT', { origin: `${APP}:8443` }))).toBe(false);
    // A look-alike host.
    expect(isSameOrigin(request('PATCH', { origin: `${APP}.evil.example` }))).toBe(false);
  });

  it('refuses an opaque origin, as sent from sandboxed frames, even with a good Referer', () => {
    expect(isSameOrigin(request('POST', { origin: 'null', referer: `${APP}/offers` }))).toBe(false);
    expect(isSameOrigin(request('POST', { origin: '', referer: `${APP}/offers` }))).toBe(false);
    // Nor can an allow-list entry with no origin of its own (a file: URL) let opaque origins in.
    expect(isSameOrigin(request('POST', { referer: 'file:///home/me/forged.html' }), ['file:///srv/homefirst'])).toBe(false);
  });

  it('uses the Referer origin when the browser sent no Origin', () => {
    expect(isSameOrigin(request('POST', { referer: `${APP}/packages/42?tab=offers` }))).toBe(true);
    expect(isSameOrigin(request('POST', { referer: 'https://evil.example/brokerage.example.gov.uk' }))).toBe(false);
    expect(isSameOrigin(request('POST', { referer: 'not a url' }))).toBe(false);
  });

  it('refuses a state-changing request with neither Origin nor Referer', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(isSameOrigin(request(method, {}))).toBe(false);
    }
  });

  it('always lets safe methods through, whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(isSameOrigin(request(method, { origin: 'https://evil.example' }))).toBe(true);
      expect(isSameOrigin(request(method, {}))).toBe(true);
    }
  });

  it('treats the method case-insensitively, so "post" is not a safe method', () => {
    expect(isSameOrigin(request('post', { origin: 'https://evil.example' }))).toBe(false);
  });

  it('compares origins in canonical form', () => {
    expect(isSameOrigin(request('POST', { origin: 'https://Brokerage.Example.GOV.uk:443' }))).toBe(true);
  });

  it('accepts the Host the browser used when the server knows itself as localhost', () => {
    // `next start` gives route handlers http://localhost:<port>/… whatever host was asked for.
    const url = 'http://localhost:3210/api/v1/offers';
    expect(isSameOrigin(request('POST', { host: '127.0.0.1:3210', origin: 'http://127.0.0.1:3210' }, url))).toBe(true);
    expect(isSameOrigin(request('POST', { host: '127.0.0.1:3210', origin: 'http://127.0.0.1:3211' }, url))).toBe(false);
  });

  it('accepts origins listed in APP_ORIGINS, and no others', () => {
    vi.stubEnv('APP_ORIGINS', 'https://care.kirkholme.gov.uk, https://brokerage.bradford.gov.uk');
    const internal = 'http://localhost:3000/api/v1/offers';
    expect(isSameOrigin(request('POST', { origin: 'https://care.kirkholme.gov.uk' }, internal))).toBe(true);
    expect(isSameOrigin(request('POST', { origin: 'https://brokerage.bradford.gov.uk' }, internal))).toBe(true);
    expect(isSameOrigin(request('POST', { origin: 'https://evil.example' }, internal))).toBe(false);
  });

  it('takes an explicit allow-list in place of APP_ORIGINS', () => {
    vi.stubEnv('APP_ORIGINS', 'https://care.kirkholme.gov.uk');
    const internal = 'http://localhost:3000/api/v1/offers';
    expect(isSameOrigin(request('POST', { origin: 'https://partner.example' }, internal), ['https://partner.example'])).toBe(true);
    expect(isSameOrigin(request('POST', { origin: 'https://care.kirkholme.gov.uk' }, internal), ['https://partner.example'])).toBe(false);
  });

  describe('behind a reverse proxy', () => {
    const internal = 'http://localhost:3000/api/v1/offers';
    const forwarded = { host: 'localhost:3000', 'x-forwarded-host': 'brokerage.example.gov.uk', 'x-forwarded-proto': 'https', origin: APP };

    it('ignores X-Forwarded-Host and -Proto unless TRUST_PROXY=1', () => {
      expect(isSameOrigin(request('POST', forwarded, internal))).toBe(false);
      vi.stubEnv('TRUST_PROXY', 'true');
      expect(isSameOrigin(request('POST', forwarded, internal))).toBe(false);
    });

    it('believes them when TRUST_PROXY=1', () => {
      vi.stubEnv('TRUST_PROXY', '1');
      expect(isSameOrigin(request('POST', forwarded, internal))).toBe(true);
      // The first hop is the one the browser used.
      const chained = { ...forwarded, 'x-forwarded-host': 'brokerage.example.gov.uk, internal-lb:8080', 'x-forwarded-proto': 'https,http' };
      expect(isSameOrigin(request('POST', chained, internal))).toBe(true);
      // Still no way in for another site.
      expect(isSameOrigin(request('POST', { ...forwarded, origin: 'https://evil.example' }, internal))).toBe(false);
    });

    it('does not let a forged X-Forwarded-Host vouch for another site', () => {
      const forged = { host: 'brokerage.example.gov.uk', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', origin: 'https://evil.example' };
      expect(isSameOrigin(request('POST', forged))).toBe(false);
    });
  });
});

describe('appOrigins', () => {
  it('reads a comma-separated list and skips blanks', () => {
    expect(appOrigins({ APP_ORIGINS: ' https://a.example ,, https://b.example ' })).toEqual(['https://a.example', 'https://b.example']);
    expect(appOrigins({})).toEqual([]);
  });
});
