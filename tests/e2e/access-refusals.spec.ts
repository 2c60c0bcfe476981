import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

test('an admin finds refused requests in the audit trail: who, what, from where and how many times', async ({ browser }) => {
  // A broker opens the audit trail, which is for administrators, three times.
  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  for (let i = 0; i < 3; i++) {
    await broker.goto('/admin/audit');
    await expect(broker).toHaveURL(/\/no-access/);
  }

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@bradford.example');
  await admin.goto('/admin/audit');
  await admin.getByLabel('What happened (contains)').fill('refused');
  await admin.getByLabel('Who (email contains)').fill('broker@bradford.example');
  await admin.getByRole('button', { name: 'Search' }).click();
  await expect(admin).toHaveURL(/action=refused/);
  const rows = admin.getByRole('row').filter({ hasText: 'page audit:search' });
  await expect(rows.first()).toContainText('Access refused');
  await expect(rows.first()).toContainText('broker@bradford.example');
  await expect(rows.first()).toContainText('127.0.0.1');
  // Three refusals in a row: one row saying how many times (two, if a minute ended in between).
  const texts = await rows.allTextContents();
  expect(texts.length).toBeLessThanOrEqual(2);
  if (texts.length === 1) expect(texts[0]).toContain('(3 times in that minute)');

  // Found by address as well.
  await admin.goto('/admin/audit?ip=127.0.0.1&action=refused');
  await expect(admin.getByRole('row').filter({ hasText: 'page audit:search' }).first()).toBeVisible();
});
