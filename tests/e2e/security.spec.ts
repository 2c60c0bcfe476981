import { expect, test, type APIResponse } from '@playwright/test';
import { signIn } from './support/demo';

const NONCE_SOURCE = /'nonce-([A-Za-z0-9+/]{22}==)'/;

/** Asserts the headers every page response carries, and returns the response's script nonce. */
function expectSecurityHeaders(response: APIResponse): string {
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  const nonce = csp.match(NONCE_SOURCE)?.[1];
  expect(nonce, `no script nonce in CSP: ${csp}`).toBeDefined();
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  // The app runs as a production build here: no eval, no inline scripts.
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
  return nonce as string;
}

test('pages carry the security headers, with a fresh nonce that Next puts on every script', async ({ request }) => {
  const first = await request.get('/');
  expect(first.status()).toBe(200);
  const nonce = expectSecurityHeaders(first);

  // Next read the nonce from the policy and put it on each script it rendered; a script without
  // it would be blocked in the browser.
  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);

  const second = await request.get('/');
  expect(expectSecurityHeaders(second)).not.toBe(nonce);

  // Pages that do not exist are answered under the same policy.
  const missing = await request.get('/no-such-page');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing);
});

test('the production server refuses TRACE with 405 under the same headers', async ({ request }) => {
  const traced = await request.fetch('/broker', { method: 'TRACE' });
  expect(traced.status()).toBe(405);
  expect(traced.headers()['x-frame-options']).toBe('DENY');
});

test('a signed-in page asked for as a prefetch carries the security headers too', async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  const response = await page.request.get('/broker', { headers: { purpose: 'prefetch' } });
  expect(response.status()).toBe(200);
  expectSecurityHeaders(response);
});

test('the app works under the policy: nothing is blocked and Next runs in the browser', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  // Runs before the page's own scripts, outside the page's policy, so it sees every violation.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });

  // Not the home link's own URL, so following that link below is a real navigation.
  await page.goto('/?from=security-check');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // React hydrated the header: it only does so when Next's scripts were allowed to run.
  const homeLink = page.getByRole('link', { name: 'HomeFirst Brokerage' });
  await expect.poll(() => homeLink.evaluate((a) => Object.keys(a).some((key) => key.startsWith('__reactFiber'))), { timeout: 15_000 }).toBe(true);

  // A client-side navigation: Next's router fetches the next page's data and swaps it in, so a
  // value left on window survives. With its scripts blocked the link would reload the page.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const routerFetch = page
    .waitForRequest((request) => request.headers()['rsc'] === '1' && !request.headers()['next-router-prefetch'], { timeout: 15_000 })
    .then(
      () => true,
      () => false,
    );
  await homeLink.click();
  const fetched = await routerFetch;
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
  expect(fetched, "Next's router fetched the page").toBe(true);
  expect(await page.evaluate(() => (window as Window & { sameDocument?: boolean }).sameDocument), 'no full reload').toBe(true);
});

test('a forged x-middleware-subrequest header does not skip the proxy (CVE-2025-29927)', async ({ request }) => {
  const forged = [
    'proxy',
    'proxy:proxy:proxy:proxy:proxy',
    'src/proxy:src/proxy:src/proxy:src/proxy:src/proxy',
    'middleware',
    'middleware:middleware:middleware:middleware:middleware',
    'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
    'pages/_middleware',
  ];
  for (const value of forged) {
    await test.step(value, async () => {
      const response = await request.get('/', { headers: { 'x-middleware-subrequest': value }, maxRedirects: 0 });
      expect(response.status()).toBeLessThan(400);
      expectSecurityHeaders(response);
    });
  }
});
