import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

// On a phone, as brokers use it between calls: Enter in a field never posts, the draft saves
// itself, leaving with unsaved changes asks first, and Post asks first, naming who is offered it
// first and until when; going back leaves a draft.
test('Enter in a text field does not post; Post asks first, naming the first providers and the deadline, and going back leaves a draft', async ({
  browser,
}, testInfo) => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(page, 'broker@bradford.example');
  await page.goto('/packages/new');
  await fillNewPerson(page, {
    givenName: 'Olive',
    familyName: 'Deliberate',
    dateOfBirth: '1940-02-14',
    nhsNumber: '999 000 1014',
    addressLine1: '3 Example Lane',
    postcode: 'BD1 2AB',
    locality: 'City A',
  });

  // Enter in the person's fields and in the visits and service lines: nothing is posted.
  await page.getByLabel('Given name').press('Enter');
  await page.getByLabel('Minutes').press('Enter');
  await page.getByLabel('Hours a week').press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page).toHaveURL(/\/packages\/new$/);

  // The complete draft saves itself, once; the new person is now recorded and chosen.
  const status = page.getByTestId('draft-status');
  await expect(status).toContainText(/^Draft BDC-\d+ saved \d{2}:\d{2}\.$/, { timeout: 15_000 });
  const reference = (await status.textContent())!.match(/BDC-\d+/)![0];
  await expect(page.getByText('Chosen: Olive Deliberate')).toBeVisible();
  await expect(page).toHaveURL(/\/packages\/new$/);

  // A change not yet saved: leaving asks first.
  await page.getByLabel('Notes for the provider (shown after award)').fill('Key safe by the back door');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const leave = await asked;
  expect(leave.type()).toBe('beforeunload');
  await leave.dismiss();
  await expect(status).toContainText(`Draft ${reference} saved`);

  await page.getByRole('button', { name: 'Post package' }).click();
  const confirm = page.getByRole('dialog', { name: `Post ${reference} now?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'No, keep it as a draft' })).toBeFocused();
  const first = confirm.getByRole('list', { name: 'First offered to' }).getByRole('listitem');
  expect(await first.count()).toBeGreaterThan(0);
  await expect(first.first()).not.toBeEmpty();
  const firstName = await first.first().innerText();
  await expect(confirm).toContainText(/First offered to (one provider|\d+ providers) \(tier \d+ of the cascade\)/);
  await expect(confirm).toContainText(/They have until (\w{3} \d{1,2} \w{3}, )?\d{2}:\d{2} \(London time, /);
  // The rest of the plan follows: any later tiers, ending with the open market.
  await expect(confirm.getByRole('list', { name: 'Then' }).getByRole('listitem').last()).toContainText('If nobody accepts: the open market');
  await page.screenshot({ path: testInfo.outputPath('post-confirmation-at-390x844.png') });

  await confirm.getByRole('button', { name: 'No, keep it as a draft' }).click();
  await expect(confirm).toBeHidden();
  await expect(status).toHaveText(`Not posted: ${reference} is kept as a draft.`);
  await page.goto(`/packages/${reference}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${reference}: Olive Deliberate`);
  await expect(page.locator('article > header')).toContainText('· draft');

  // The draft's own Post button asks the same question; going back leaves it a draft.
  await page.getByRole('button', { name: 'Post this package' }).click();
  const again = page.getByRole('dialog', { name: `Post ${reference} now?` });
  await expect(again.getByRole('list', { name: 'First offered to' })).toContainText(firstName);
  await again.getByRole('button', { name: 'No, keep it as a draft' }).click();
  await expect(again).toBeHidden();
  await page.reload();
  await expect(page.locator('article > header')).toContainText('· draft');
});
