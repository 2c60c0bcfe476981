import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

test('a BEST user sees a new hospital discharge appear on the duty board with its clock, pushes it, and the package has offers out', async ({ browser }) => {
  // The board refreshes itself every minute: the new discharge must appear without a reload.
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const board = await context.newPage();
  await signIn(board, 'best@bradford.example');
  await expect(board).toHaveURL(/\/duty$/);
  await expect(board.getByRole('heading', { level: 1 })).toHaveText('Duty board');
  let reloaded = false;
  board.on('load', () => (reloaded = true));

  // In another tab, the duty worker records the discharge from Bradford Royal Infirmary.
  const form = await context.newPage();
  await form.goto('/packages/new');
  await form.getByLabel('Someone new').check();
  await form.getByLabel('Given name').fill('Dora');
  await form.getByLabel('Family name').fill('Dischargetest');
  await form.getByLabel('Date of birth').fill('1937-09-14');
  await form.getByLabel('NHS number').fill('999 000 2010');
  await form.getByLabel('Address line 1').fill('3 Example Road');
  await form.getByLabel('Town or city').fill('Bradford');
  await form.getByLabel('Postcode').fill('BD1 2AB');
  await form.getByLabel('Locality').selectOption({ label: 'City A' });
  await form.getByLabel('Hospital discharge').check();
  await form.getByLabel('Discharged from').selectOption({ label: 'Bradford Royal Infirmary (BRI)' });
  await form.getByRole('button', { name: 'One line for all the visits' }).click();
  await form.getByRole('button', { name: 'Save draft' }).click();
  const saved = form.getByText(/Saved as draft BDC-\d+/);
  await expect(saved).toBeVisible();
  const reference = (await saved.textContent())!.match(/BDC-\d+/)![0];
  await form.close();

  const row = board.getByTestId('duty-row').filter({ hasText: reference });
  await expect(row).toBeVisible({ timeout: 75_000 });
  expect(reloaded).toBe(false);
  await expect(row).toContainText('Dora Dischargetest');
  await expect(row).toContainText('Hospital discharge from Bradford Royal Infirmary (BRI)');
  await expect(row).toContainText('Draft: not offered yet');
  // The clock: its state in words (not colour alone) and the time left of the 2-hour target.
  const clock = row.getByTestId('duty-clock');
  await expect(clock).toHaveAttribute('data-state', 'ON_TIME');
  await expect(clock).toContainText('On time');
  await expect(clock).toContainText(/(1 h \d+ min|2 h) left/);
  await expect(row).toContainText('target 2 hours');

  await row.getByRole('button', { name: `Post and push ${reference} to STEP and discharge providers` }).click();
  await expect(row.getByRole('status').filter({ hasText: /Posted: \d+ offers? in round 1\./ })).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText('Round 1');
  const offers = row.getByRole('list', { name: `Offers for ${reference}` });
  await expect(offers.getByRole('listitem').first()).toContainText(/waiting, answer by \d\d:\d\d/);

  // The package's own page shows the offers out and the push.
  await row.getByRole('link', { name: reference }).click();
  await expect(board).toHaveURL(new RegExp(`/packages/${reference}$`));
  const timeline = board.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('Offered to');
  await expect(timeline).toContainText('Pushed by the duty team');

  // Reablement can only be split from a long-term package someone delivers: a discharge is refused in words.
  await board.goto(`/duty/split?reference=${reference}`);
  await expect(board.getByRole('alert').filter({ hasText: `${reference} is not a long-term package` })).toBeVisible();

  // On a phone the board is a stack of cards with the clock and the push button still there.
  await board.setViewportSize({ width: 390, height: 844 });
  await board.goto('/duty');
  const card = board.getByTestId('duty-row').filter({ hasText: reference });
  await expect(card.getByTestId('duty-clock')).toBeVisible();
  await expect(card.getByRole('button', { name: `Push now ${reference} to STEP and discharge providers` })).toBeVisible();
  await expect(board.getByRole('columnheader', { name: 'Clock' })).toBeHidden();
});
