import { expect, test, type Browser } from '@playwright/test';
import { londonDate } from '../../lib/time/london';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

// A broker plans the waiting pool of one locality and sends it. City A's only locality contract
// holder (the provider signed in as provider@homefirst.example) declares no night-time room there,
// so a package with a late-night visit goes first to a provider of a later tier; the holder then
// declares room at night, and the plan gives the package to it, at the first tier. The offer
// reaches the provider's inbox.

/**
 * Records, as a commissioner, CQC's rating of the provider as Good, published today, through the
 * ratings-file upload. A provider rated Inadequate is offered nothing (docs/placement.md), and the
 * CQC file an earlier test applies (tests/fixtures/cqc) rates this provider's location Inadequate:
 * a newer inspection's rating makes the holder one the plan may choose, whatever ran before.
 */
async function rateGoodToday(browser: Browser, providerName: string): Promise<void> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'commissioner@bradford.example');
  // The register searched for it by name, as its search form does.
  await page.goto(`/providers?${new URLSearchParams({ q: providerName })}`);
  await page.getByRole('link', { name: providerName, exact: true }).click();
  await expect(page.getByRole('heading', { name: providerName, level: 1 })).toBeVisible();
  const record = page.url();
  const location = (await page.locator('dt:text-is("CQC location") + dd').textContent())!.trim();
  const [year, month, day] = londonDate(new Date()).split('-');
  const csv = [
    'Location ID,Location Name,Service / Population Group,Domain,Latest Rating,Publication Date',
    `${location},${providerName},Overall,Overall,Good,${day}/${month}/${year}`,
  ].join('\n');

  await page.goto('/providers/cqc');
  await page.getByLabel('CQC ratings file (CSV)').setInputFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  const result = page.getByTestId('cqc-summary');
  await expect(result.getByRole('heading', { name: 'What this file would change' })).toBeVisible();
  const apply = result.getByRole('button', { name: /^Apply these/ });
  if (await apply.isVisible()) {
    await apply.click();
    await expect(result.getByRole('heading', { name: 'Ratings updated' })).toBeVisible();
  }
  await page.goto(record);
  await expect(page.locator('dt:text-is("CQC rating") + dd')).toHaveText(/^Good, published /);
  await page.context().close();
}

test('a broker previews the waiting pool of one locality and sends it; the provider sees the offer in its inbox', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  await broker.getByRole('link', { name: 'New package' }).click();
  await fillNewPerson(broker, {
    givenName: 'Norah',
    familyName: 'Nightvisit',
    dateOfBirth: '1940-02-11',
    nhsNumber: '999 000 1200',
    addressLine1: '4 Example Street',
    postcode: 'BD1 1AB',
    locality: 'City A',
  });
  const visit = broker.getByRole('group', { name: 'Visit 1', exact: true });
  await visit.getByLabel('Start').fill('22:30');
  await visit.getByLabel('Minutes').fill('30');
  const days = visit.getByRole('group', { name: 'Visit 1 days' });
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) await days.getByRole('checkbox', { name: day, exact: true }).check();
  await broker.getByRole('button', { name: 'Post package' }).click();
  await broker
    .getByRole('dialog', { name: /^Post BDC-\d+ now\?$/ })
    .getByRole('button', { name: 'Yes, post it' })
    .click();
  await expect(broker).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/);
  const reference = (await broker.getByRole('heading', { level: 1 }).textContent())!.split(':')[0];

  // The locality holder declares room at night in City A, every day.
  const provider = await (await browser.newContext()).newPage();
  await signIn(provider, 'provider@homefirst.example');
  const providerName = (await provider.getByRole('heading', { level: 1 }).textContent())!.replace(/^Offers for /, '').trim();
  await expect(provider.getByTestId('offer').filter({ hasText: reference })).toHaveCount(0);
  await rateGoodToday(browser, providerName);
  await provider.getByRole('link', { name: 'Capacity' }).click();
  const bradford = provider.getByRole('form', { name: 'Bradford District' });
  const night = bradford.getByLabel('Night 22:00–05:59, City A, carer-hours a week');
  await night.fill('10');
  const nightId = await night.getAttribute('id');
  const area = bradford.getByRole('listitem').filter({ has: provider.locator(`[id="${nightId}"]`) });
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) await area.getByRole('checkbox', { name: day }).check();
  await bradford.getByRole('button', { name: 'Save capacity for Bradford District' }).click();
  await expect(bradford.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // From the waiting list, filtered to City A, to the planner with that filter.
  await broker.goto('/broker');
  await broker.getByRole('form', { name: 'Filter the packages' }).getByLabel('Locality').selectOption({ label: 'City A' });
  await broker.getByRole('button', { name: 'Filter packages' }).click();
  await broker.getByRole('link', { name: 'Plan the waiting pool for these filters' }).click();
  await expect(broker.getByRole('heading', { name: 'Plan the waiting pool', level: 1 })).toBeVisible();
  const form = broker.getByRole('form', { name: 'Plan the waiting pool' });
  await expect(form.getByLabel('Locality')).toHaveValue(/.+/);
  await expect(form.getByLabel('Locality').locator('option:checked')).toHaveText('City A');
  await form.getByRole('button', { name: 'Preview the plan' }).click();

  await expect(broker.getByRole('heading', { name: 'Waiting pool plan: City A, all pathways', level: 1 })).toBeVisible({ timeout: 60_000 });
  await expect(broker.getByTestId('pool-status')).toContainText('Nothing has been offered yet');
  await expect(broker.getByTestId('solver-status')).toContainText(/best possible plan|best plan found|simple plan/i);
  const compare = broker.getByTestId('pool-compare');
  await expect(compare.getByRole('row', { name: /Packages placed/ })).toBeVisible();
  await expect(compare.getByRole('row', { name: /Weekly cost/ })).toContainText('£');
  const card = broker.getByTestId(`pool-item-${reference}`);
  await expect(card).toContainText(providerName);
  await expect(card).toContainText('cascade tier 1');
  await expect(card).toContainText('Planned, not sent');

  for (const [width, height] of [
    [390, 844],
    [1366, 900],
  ]) {
    await broker.setViewportSize({ width, height });
    expect(await broker.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await broker.screenshot({ path: testInfo.outputPath(`waiting-pool-plan-${width}x${height}.png`), fullPage: true });
  }

  await broker.getByRole('button', { name: /^Send \d+ offers?$/ }).click();
  await broker.getByRole('button', { name: 'Yes, send the offers' }).click();
  await expect(broker.getByTestId('pool-sent')).toContainText(/^Sent \d+ offers?\./, { timeout: 60_000 });
  await expect(broker.getByTestId('pool-status')).toContainText('Offers sent');
  await expect(card).toContainText('Offered, answer due by');
  await expect(broker.getByRole('button', { name: /^Send \d+ offers?$/ })).toHaveCount(0);
  await broker.setViewportSize({ width: 390, height: 844 });
  await broker.screenshot({ path: testInfo.outputPath('waiting-pool-sent-390x844.png'), fullPage: true });

  // The provider's inbox has the offer, with nothing personal before award.
  await provider.goto('/provider');
  const offer = provider.getByTestId('offer').filter({ hasText: reference });
  await expect(offer).toBeVisible();
  await expect(offer).not.toContainText('Nightvisit');
  await expect(offer).not.toContainText('BD1 1AB');
});
