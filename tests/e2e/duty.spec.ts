import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

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
  await fillNewPerson(form, {
    givenName: 'Dora',
    familyName: 'Dischargetest',
    dateOfBirth: '1937-09-14',
    nhsNumber: '999 000 2010',
    addressLine1: '3 Example Road',
    postcode: 'BD1 2AB',
    locality: 'City A',
  });
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
  // A deadline on a later day (a push late in the evening) carries its date.
  await expect(offers.getByRole('listitem').first()).toContainText(/waiting, answer by ([A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}, )?\d\d:\d\d/);

  // The package's own page shows the offers out and the push.
  await row.getByRole('link', { name: reference }).click();
  await expect(board).toHaveURL(new RegExp(`/packages/${reference}$`));
  const timeline = board.getByRole('region', { name: 'Timeline', exact: true });
  await expect(timeline).toContainText('Offered to');
  await expect(timeline).toContainText('Pushed by the duty team');
  // A provider the package can still be offered to by hand: not yet asked this round.
  const eligible = board.locator('#hand-providerId option:not([disabled]):not([value=""])').filter({ hasNotText: 'already offered this round' }).first();
  const name = (await eligible.textContent())!.split(':')[0].trim();

  // Reablement can only be split from a long-term package someone delivers: a discharge is refused in words.
  await board.goto(`/duty/split?reference=${reference}`);
  await expect(board.getByRole('alert').filter({ hasText: `${reference} is not a long-term package` })).toBeVisible();

  // On a phone the board is a stack of compact cards: the clock, the package and Push, the first
  // Push on the first screen, and the rest behind "More details".
  await board.setViewportSize({ width: 390, height: 844 });
  await board.goto('/duty');
  const firstPush = board
    .getByTestId('duty-row')
    .first()
    .getByRole('button', { name: /^(Push now|Post and push) / });
  const box = (await firstPush.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  const card = board.getByTestId('duty-row').filter({ hasText: reference });
  await expect(card.getByTestId('duty-clock')).toBeVisible();
  await expect(card.getByRole('button', { name: `Push now ${reference} to STEP and discharge providers` })).toBeVisible();
  await expect(board.getByRole('columnheader', { name: 'Clock' })).toBeHidden();
  await expect(card.getByRole('list', { name: `Offers for ${reference}` })).toBeHidden();
  await card.getByRole('button', { name: `More details of ${reference}` }).click();
  await expect(card.getByRole('list', { name: `Offers for ${reference}` })).toBeVisible();
  expect(await board.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // A provider that says yes on the phone is offered the package with one more tap.
  await card.getByText(`Record a call about ${reference}`).click();
  await card.getByLabel('Provider rung').selectOption({ label: name });
  await card.getByLabel('Agreed to take it').check();
  await card.getByRole('button', { name: 'Save call' }).click();
  await card.getByRole('button', { name: `Offer ${reference} to ${name} now` }).click();
  await expect(card.getByRole('status').filter({ hasText: `Offered to ${name} until` })).toBeVisible();
});

test('BEST adds reablement alongside a placed long-term package, and records how a reablement placement ended', async ({ page }, testInfo) => {
  await signIn(page, 'best@bradford.example');
  // A long-term package a provider is delivering, from the council's own API (the session's cookie).
  const response = await page.request.get('/api/v1/packages?status=PLACED&limit=200');
  expect(response.ok()).toBe(true);
  const { items } = (await response.json()) as { items: { reference: string; pathway: string }[] };
  const longTerm = items.find((p) => p.pathway === 'LONG_TERM')!.reference;

  await page.goto(`/packages/${longTerm}`);
  await page.getByRole('link', { name: /Add reablement alongside this package/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reablement alongside a long-term package');
  await page.getByLabel('Minutes').fill('45');
  await page.getByRole('button', { name: 'Split and offer to STEP providers' }).click();
  await expect(page).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/);
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  await expect(timeline).toContainText('Made as reablement alongside a long-term package (split)');
  await expect(timeline).toContainText('Offered to');
  await expect(page.getByText(/^Reablement · .* · (offering|open market)$/)).toBeVisible();
  const reablement = page.url().match(/BDC-\d+/)![0];

  await page.goto(`/packages/${longTerm}`);
  await expect(page.getByRole('region', { name: 'Timeline', exact: true })).toContainText(
    `Reablement ${reablement} split off: this package and its provider carry on unchanged`,
  );
  await page.goto('/duty');
  await expect(page.getByTestId('duty-row').filter({ hasText: reablement })).toContainText(`Alongside long-term package ${longTerm}`);

  // A seeded reablement placement at the end of its six weeks: its outcome ends it.
  const card = page.getByTestId('reablement-ending').first();
  const ending = (await card.getByRole('heading', { level: 3 }).getByRole('link').textContent())!;
  await card.getByLabel('Independent: no further care needed').check();
  await card.getByRole('button', { name: 'Record outcome and end reablement' }).click();
  // Ending reablement asks first, with the last day; going back ends nothing.
  const confirm = page.getByRole('dialog', { name: new RegExp(`^End reablement ${ending}: last day \\w{3} \\d{1,2} \\w{3}\\?$`) });
  await expect(confirm).toContainText('Outcome: independent: no further care needed.');
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('end-reablement-confirmation-at-390x844.png') });
  await page.setViewportSize(desktop);
  await confirm.getByRole('button', { name: 'No, go back' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('reablement-ending').filter({ hasText: ending })).toHaveCount(1);
  await card.getByRole('button', { name: 'Record outcome and end reablement' }).click();
  await confirm.getByRole('button', { name: 'Yes, end reablement' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Reablement ${ending} ended` })).toContainText('independent: no further care needed');
  await expect(page.getByTestId('reablement-ending').filter({ hasText: ending })).toHaveCount(0);

  // A long-term package after reablement starts from that person and locality.
  await page.goto(`/packages/new?after=${ending}`);
  const carried = page.getByRole('status').filter({ hasText: `after reablement ${ending}` });
  await expect(carried).toBeVisible();
  const who = (await carried.textContent())!.match(/^A long-term package for (.+), after reablement/)![1];
  await expect(page.getByText(`Chosen: ${who}`)).toBeVisible();
  await expect(page.getByLabel('Locality')).not.toHaveValue('');
});
