import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { currentMfaCode } from '../../../lib/auth/mfa';

// The e2e app's data folder (playwright.config.ts): the seed writes the demo password there.
const dataDir = path.resolve(`.data/e2e-${Number(process.env.E2E_PORT ?? 3210)}`);

export function demoPassword(): string {
  return (JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-logins.json'), 'utf8')) as { password: string }).password;
}

// MFA secrets that tests enrolled, by email, kept beside the e2e database so that later sign-ins
// (in any test file or worker) can give a code.
const secretsFile = path.join(dataDir, 'e2e-mfa-secrets.json');
const secrets = {
  get: (email: string): string | undefined =>
    fs.existsSync(secretsFile) ? (JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<string, string>)[email] : undefined,
  set: (email: string, secret: string) => {
    const all = fs.existsSync(secretsFile) ? (JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<string, string>) : {};
    fs.writeFileSync(secretsFile, JSON.stringify({ ...all, [email]: secret }));
  },
};

// A code signs in once, so each sign-in uses a step after the last one used for that account: the
// current step, or the next (the app accepts one step either side), waiting only when both are used.
const STEP_MS = 30_000;
const stepsFile = path.join(dataDir, 'e2e-mfa-steps.json');

async function freshCode(email: string, secret: string): Promise<string> {
  const used = fs.existsSync(stepsFile) ? (JSON.parse(fs.readFileSync(stepsFile, 'utf8')) as Record<string, number>) : {};
  const step = Math.max(Math.floor(Date.now() / STEP_MS), (used[email] ?? 0) + 1);
  while (step > Math.floor(Date.now() / STEP_MS) + 1) await new Promise((resolve) => setTimeout(resolve, 1_000));
  fs.writeFileSync(stepsFile, JSON.stringify({ ...used, [email]: step }));
  return currentMfaCode(secret, step * STEP_MS);
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(demoPassword());
  await page.getByRole('button', { name: 'Sign in' }).click();
  const secret = secrets.get(email);
  if (secret) {
    await page.getByLabel('Code from your authenticator app').fill(await freshCode(email, secret));
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  // Signing in lands on "/", which sends each role on to its home (or to MFA set-up first).
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && url.pathname !== '/');
  if (new URL(page.url()).pathname === '/account/mfa') {
    const enrolled = (await page.getByTestId('mfa-secret').textContent())?.trim() ?? '';
    secrets.set(email, enrolled);
    await page.getByLabel('Code from your authenticator app').fill(currentMfaCode(enrolled));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await expect(page).not.toHaveURL(/\/account\/mfa/);
  }
}
