import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

test('an administrator changes how long providers have to answer a hospital discharge offer', async ({ page }) => {
  await signIn(page, 'admin@bradford.example');
  await page.getByRole('link', { name: 'Settings' }).click();
  const discharge = page.getByRole('group', { name: 'Hospital discharge' });
  await expect(discharge.getByLabel('Hours')).toHaveValue('0');
  await expect(discharge.getByLabel('Minutes')).toHaveValue('30');

  await discharge.getByLabel('Minutes').fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('The hospital discharge deadline must be at least 5 minutes');
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();

  await discharge.getByLabel('Hours').fill('1');
  await discharge.getByLabel('Minutes').fill('15');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Hospital discharge' }).getByLabel('Hours')).toHaveValue('1');
  await expect(page.getByRole('group', { name: 'Hospital discharge' }).getByLabel('Minutes')).toHaveValue('15');

  // Offices close after they open.
  await page.getByLabel('Offices close').fill('08:00');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Offices must close after they open');
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
});
