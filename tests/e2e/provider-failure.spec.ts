import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

// A commissioner suspends a provider and re-places its packages: the register, the suspension
// form's errors, the optimiser's plan and the offers going out. Kirkholme's register is used so
// the Bradford market the other tests read is untouched (a suspension is one council's decision).

test('a commissioner suspends a provider, previews the re-placement plan and sends its offers', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'commissioner@kirkholme.example');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers' }).click();
  await expect(page.getByRole('heading', { name: 'Providers', level: 1 })).toBeVisible();

  // The provider with the most active packages.
  const rows = await page
    .getByTestId('providers-table')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => ({ name: tr.querySelector('th')?.textContent?.trim() ?? '', packages: Number(tr.querySelectorAll('td')[2]?.textContent ?? 0) })),
    );
  const target = rows.filter((r) => r.packages > 0).sort((a, b) => b.packages - a.packages)[0];
  expect(target, 'a Kirkholme provider delivering packages').toBeTruthy();

  // Search narrows the register.
  await page.getByLabel('Provider name contains').fill(target.name);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('providers-table').locator('tbody tr')).toHaveCount(1);
  await page.getByRole('link', { name: target.name }).click();

  await expect(page.getByRole('heading', { name: target.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('total-packages')).toHaveText(String(target.packages));
  await expect(page.getByTestId('provider-packages').locator('tbody tr')).toHaveCount(Math.min(target.packages, 25));

  // Errors are given in a summary and beside each field.
  await page.getByRole('button', { name: 'Suspend provider' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeVisible();
  await expect(page.locator('#status-reason-error')).toContainText('Give the reason');
  await expect(page.locator('#status-confirm-error')).toContainText('Confirm');

  await page.getByLabel('Reason').fill('CQC rated Inadequate after inspection');
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Suspend provider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is suspended' })).toBeVisible();
  await expect(page.getByText('Suspended', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Preview re-placement' }).click();
  await expect(page.getByRole('heading', { name: `Re-placing ${target.name}'s packages` })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('solver-status')).toContainText(/Best possible plan|Best plan found|Simple plan/);
  await expect(page.getByTestId('batch-packages')).toHaveText(String(target.packages));
  const items = page.getByTestId('replacement-items').locator('tbody tr');
  await expect(items).toHaveCount(target.packages);
  await expect(items.first()).toContainText(/Planned, not sent|No provider in the plan/);

  await page.getByRole('button', { name: 'Send offers' }).click();
  await page.getByRole('button', { name: 'Yes, send offers' }).click();
  await expect(page.getByTestId('batch-status')).toContainText('Offers sent', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Send offers' })).toHaveCount(0);
  await expect(items.first()).toContainText(/Offered, waiting|offered on in round|open market/);

  // The provider now delivers nothing for this council.
  await page.getByRole('link', { name: target.name }).click();
  await expect(page.getByTestId('total-packages')).toHaveText('0');
});
