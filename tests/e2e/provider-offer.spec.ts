import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

// What a provider sees of an offer before award, and of a package once it is theirs.

const FULL_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/;

test('an offer card says when care starts, the visits in words, the carers, the rate and the deadline, and nothing personal', async ({ page }) => {
  await signIn(page, 'provider@homefirst.example');
  const cards = page.getByTestId('offer');
  await expect(cards.first()).toBeVisible();
  for (const card of await cards.all()) {
    await expect(card).toContainText(/Care starts(As soon as possible|\w{3}, \d{1,2} \w{3} \d{4})/);
    await expect(card).toContainText(/carer-hours a week · (one carer|two carers)/);
    await expect(card).toContainText(/£\d+\.\d{2} an hour/);
    await expect(card).toContainText(/Answer by (\d{2}:\d{2}|\w{3} \d{1,2} \w{3}, \d{2}:\d{2})/);
    const visits = card.getByRole('list').last().getByRole('listitem');
    expect(await visits.count()).toBeGreaterThan(0);
    for (const v of await visits.allInnerTexts())
      expect(v).toMatch(/^(Every day|Weekdays|Weekends|(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[^,]*), \d{2}:\d{2}, [\w ]+, (one|two) carers?$/);
    const text = await card.innerText();
    expect(text).not.toMatch(FULL_POSTCODE);
    expect(text).not.toMatch(/NHS|date of birth/i);
  }
  // Each card can be linked to directly, as the offer's notice and email do.
  const id = await cards.first().getAttribute('id');
  expect(id).toMatch(/^offer-[0-9a-f-]{36}$/);
});

test('an awarded package shows when care starts, its service lines, the rate and who to call at the council', async ({ page }) => {
  await signIn(page, 'provider@homefirst.example');
  await page.goto('/provider/placements');
  await page
    .getByRole('link', { name: /^(BDC|KHC)-\d+/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'The care', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'The care', exact: true })).toContainText(/Starts\d{1,2} \w{3} \d{4}/);
  await expect(page.getByRole('region', { name: 'The care', exact: true })).toContainText(/£\d+\.\d{2} an hour/);
  await expect(page.getByRole('table', { name: 'Service lines' }).getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('heading', { name: /^Your contact at / })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Visits', exact: true })).toBeVisible();
});

test('a page that does not exist leads back to the provider’s own home', async ({ page }) => {
  await signIn(page, 'provider@homefirst.example');
  await page.goto('/provider/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to your offers' })).toHaveAttribute('href', '/provider');
});
