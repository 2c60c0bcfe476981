import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

test('an administrator changes how long providers have to answer a hospital discharge offer', async ({ page }) => {
  await signIn(page, 'admin@bradford.example');
  await page.getByRole('link', { name: 'Settings' }).click();
  const discharge = page.getByLabel('Hospital discharge: minutes to answer an offer');
  await expect(discharge).toHaveValue('30');

  await discharge.fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('The hospital discharge deadline must be at least 5 minutes')).toBeVisible();

  await discharge.fill('45');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Hospital discharge: minutes to answer an offer')).toHaveValue('45');
});
