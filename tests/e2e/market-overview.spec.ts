import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

test("the market overview shows the seeded Bradford market to Bradford's staff", async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  await page.getByRole('link', { name: 'Market' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bradford District: home-support market');
  await expect(page.getByTestId('providers')).toHaveText('82');
  await expect(page.getByTestId('people')).toHaveText('2,464');
  await expect(page.getByTestId('packages')).toHaveText('2,686');
  await expect(page.getByTestId('waiting')).toHaveText('40');

  // Every contract type has a row, and locality contracts carry hours.
  const locality = page.getByTestId('type-LOCALITY');
  await expect(locality.getByRole('rowheader')).toHaveText('Locality');
  expect(Number((await locality.getByRole('cell').first().textContent())?.replace(/,/g, ''))).toBeGreaterThan(1000);

  // The waiting list is paged: 40 packages, 25 to a page.
  const waiting = page.getByRole('table', { name: /Packages waiting/ });
  await expect(waiting.locator('tbody tr')).toHaveCount(25);
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  await expect(page.getByRole('table', { name: /Packages waiting/ }).locator('tbody tr')).toHaveCount(15);
});

test("Kirkholme's staff see only Kirkholme's market", async ({ page }) => {
  await signIn(page, 'broker@kirkholme.example');
  await page.goto('/market');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kirkholme: home-support market');
  await expect(page.getByTestId('people')).toHaveText('286');
  await expect(page.getByTestId('waiting')).toHaveText('6');
});
