import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

test('a provider declares its capacity for a council, by time of day and day of the week, and the new figures are kept', async ({ page }) => {
  await signIn(page, 'provider@homefirst.example');
  await page.getByRole('link', { name: 'Capacity' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Bradford District' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Kirkholme' })).toBeVisible();

  const bradford = page.getByRole('form', { name: 'Bradford District' });
  const firstEvening = bradford.getByLabel(/^Evening 17:00–21:59, .+, carer-hours a week$/).first();
  const id = await firstEvening.getAttribute('id');
  const area = bradford.getByRole('listitem').filter({ has: page.locator(`[id="${id}"]`) });
  const areaName = (await area.getByRole('group').first().locator('legend').first().textContent())!.replace(' (rural)', '');

  // A failed save says what is wrong, where, and saves nothing.
  await firstEvening.fill('-1');
  await bradford.getByRole('button', { name: 'Save capacity for Bradford District' }).click();
  const summary = bradford.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: `${areaName}, Evening 17:00–21:59: Hours cannot be negative` })).toBeVisible();

  // Weekdays only in that area: Saturday and Sunday unticked.
  await firstEvening.fill('17.5');
  await area.getByRole('checkbox', { name: 'Saturday' }).uncheck();
  await area.getByRole('checkbox', { name: 'Sunday' }).uncheck();
  await bradford.getByRole('button', { name: 'Save capacity for Bradford District' }).click();
  await expect(bradford.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.reload();
  await expect(page.locator(`[id="${id}"]`)).toHaveValue('17.5');
  const again = page
    .getByRole('form', { name: 'Bradford District' })
    .getByRole('listitem')
    .filter({ has: page.locator(`[id="${id}"]`) });
  await expect(again.getByRole('checkbox', { name: 'Saturday' })).not.toBeChecked();
  await expect(again.getByRole('checkbox', { name: 'Friday' })).toBeChecked();

  // The grid fits a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});
