import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

/** Posts what the form holds: Post package, then Yes in the confirmation. */
async function postFromForm(page: import('@playwright/test').Page) {
  await page.getByRole('button', { name: 'Post package' }).click();
  const confirm = page.getByRole('dialog', { name: /^Post BDC-\d+ now\?$/ });
  await expect(confirm).toBeVisible({ timeout: 15_000 });
  await confirm.getByRole('button', { name: 'Yes, post it' }).click();
}

// A second live package with the same type of care over the same days is refused until the broker
// says why: the form names the field and the package already there, and the reason then shows on
// the new package's page.
test('a second personal-care package for the same person asks for a reason, naming and linking the first', async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  await page.goto('/packages/new');
  await fillNewPerson(page, {
    givenName: 'Mabel',
    familyName: 'Twice',
    dateOfBirth: '1939-05-02',
    nhsNumber: '999 000 1022',
    addressLine1: '9 Example Lane',
    postcode: 'BD1 2AB',
    locality: 'City A',
  });
  await postFromForm(page);
  await expect(page).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/, { timeout: 20_000 });
  const first = page.url().match(/BDC-\d+/)![0];

  await page.getByRole('link', { name: 'Every package of Mabel Twice' }).click();
  await page.getByRole('link', { name: /Start a new package/ }).click();
  await expect(page.getByText('A new package for Mabel Twice.')).toBeVisible();
  await postFromForm(page);

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText(`live package ${first} with personal care`);
  await expect(summary.getByRole('link').first()).toHaveAttribute('href', '#duplicateReason');
  await expect(page.getByRole('link', { name: `Open package ${first} (in a new tab)` })).toHaveAttribute('href', `/packages/${first}`);
  await expect(page).toHaveURL(/\/packages\/new/);

  await page.getByLabel('Reason for a second package (optional)').fill('Respite at her daughter’s on alternate weeks');
  await postFromForm(page);
  await expect(page).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/, { timeout: 20_000 });
  expect(page.url()).not.toContain(first);
  await expect(page.getByTestId('duplicate-reason')).toHaveText('Why a second package: Respite at her daughter’s on alternate weeks');
});
