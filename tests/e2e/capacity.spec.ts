import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

test('a provider declares its capacity for a council, and the new figure is kept', async ({ page }) => {
  await signIn(page, 'provider@homefirst.example');
  await page.getByRole('link', { name: 'Capacity' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Bradford District' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Kirkholme' })).toBeVisible();

  const bradford = page.getByRole('form', { name: 'Bradford District' });
  const firstEvening = bradford.getByLabel(/Evening 17:00–21:59, carer-hours a week/).first();
  const label = await firstEvening.getAttribute('id');
  await firstEvening.fill('17.5');
  await bradford.getByRole('button', { name: 'Save capacity for Bradford District' }).click();
  await expect(bradford.getByText('Saved.')).toBeVisible();

  await page.reload();
  await expect(page.locator(`[id="${label}"]`)).toHaveValue('17.5');
});
