import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

const HOMES = [
  { email: 'broker@bradford.example', path: '/broker', heading: 'Packages waiting for a provider' },
  { email: 'best@bradford.example', path: '/duty', heading: 'Duty board' },
  { email: 'provider@homefirst.example', path: '/provider', heading: /^Offers for / },
  { email: 'commissioner@bradford.example', path: '/market', heading: 'Bradford District: home-support market' },
  { email: 'admin@bradford.example', path: '/admin/users', heading: 'Users' },
  { email: 'platform@homefirst.example', path: '/platform/councils', heading: 'Councils on this platform' },
];

for (const home of HOMES) {
  test(`${home.email} signs in and lands on their home`, async ({ page }) => {
    await signIn(page, home.email);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(home.heading);
  });
}

test('a wrong password gets one generic message and no session', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('broker@bradford.example');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Those details did not work');
  await page.goto('/broker');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a provider cannot open a broker, duty, market or admin page by URL', async ({ page }) => {
  await signIn(page, 'provider@homefirst.example');
  for (const path of ['/broker', '/duty', '/market', '/admin/users', '/admin/audit', '/platform/councils']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/no-access$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to that page');
  }
});

test('an administrator must set up two-step sign-in before anything else, and then needs the code', async ({ page, context }) => {
  await signIn(page, 'admin@kirkholme.example');
  await expect(page).toHaveURL(/\/admin\/users$/);
  await context.clearCookies();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('admin@kirkholme.example');
  await page.getByLabel('Password').fill((await import('./support/demo')).demoPassword());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Code from your authenticator app')).toBeVisible();
  await page.getByLabel('Code from your authenticator app').fill('000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Those details did not work');
});

test("a broker opens a waiting package and sees the person's record; a provider cannot", async ({ page, browser }) => {
  await signIn(page, 'broker@bradford.example');
  const first = page
    .getByRole('table', { name: /Packages waiting/ })
    .locator('tbody tr')
    .first()
    .getByRole('link');
  const reference = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/packages/${reference}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
  await expect(page.getByText('NHS number')).toBeVisible();

  const provider = await browser.newPage();
  await signIn(provider, 'provider@homefirst.example');
  await provider.goto(`/packages/${reference}`);
  await expect(provider).toHaveURL(/\/no-access$/);
  await provider.close();
});

test('signing out ends the session on the server: a copy of its cookie no longer works', async ({ page, browser }) => {
  await signIn(page, 'broker@bradford.example');
  const cookies = await page.context().cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const replay = await copy.newPage();
  await replay.goto('/broker');
  await expect(replay).toHaveURL(/\/sign-in$/);
  await copy.close();
});

test("a council's administrator sees only their own council's staff", async ({ page }) => {
  await signIn(page, 'admin@bradford.example');
  await expect(page.getByRole('table', { name: 'Council users' })).toContainText('broker@bradford.example');
  await expect(page.getByRole('table', { name: 'Council users' })).not.toContainText('kirkholme.example');
  await expect(page.getByRole('table', { name: 'Council users' })).not.toContainText('provider@homefirst.example');
});

test('a forged x-middleware-subrequest header does not get past authorisation', async ({ request }) => {
  for (const value of ['proxy:proxy:proxy:proxy:proxy', 'middleware:middleware:middleware:middleware:middleware']) {
    const api = await request.get('/api/v1/market', { headers: { 'x-middleware-subrequest': value } });
    expect(api.status()).toBe(401);
    expect(await api.text()).not.toContain('"people"');
    const page = await request.get('/admin/users', { headers: { 'x-middleware-subrequest': value }, maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers().location).toMatch(/\/sign-in$/);
  }
});
