import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { londonDate } from '../../lib/time/london';
import { signIn } from './support/demo';

// Money, as the people who handle it use it: a provider sends a week's delivered care, is shown
// two bad rows beside the file and in the summary, fixes them and sends the file; a finance user
// (an administrator, who holds finance:manage) reconciles those days, makes, checks and locks a
// payment run and downloads its payment file; the provider then sees the reconciliation and its
// remittance. Screenshots of both pages on a phone and a desktop are kept with the test's output.

const DAY = 86_400_000;
const today = londonDate(new Date());
const dayFrom = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
// The Monday two weeks before this week's: care already delivered, in a period no run has paid.
const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
const monday = dayFrom(today, -((weekday + 6) % 7) - 14);
const uk = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const HEADER = 'Client Reference,Visit Date,Scheduled Start,Scheduled End,Call In,Call Out,Number of Carers,Visit Status,Service';

const csv = (rows: string[]) => ({ name: 'week.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...rows].join('\r\n')) });

async function shots(page: Page, name: string, path: (file: string) => string) {
  for (const [label, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1366, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path(`${name}-${label}.png`), fullPage: true });
  }
}

/** One of the provider's long-running Bradford packages with an ongoing personal care line that began before `day`. */
async function packageHeldOn(page: Page, day: string): Promise<string> {
  await page.goto('/provider/placements');
  const rows = page.getByRole('row').filter({ hasText: 'Bradford District' }).filter({ hasText: 'Long term' });
  const links = rows.getByRole('rowheader').getByRole('link');
  await expect(links.first()).toBeVisible();
  const found = await links.evaluateAll((as) => as.map((a) => [a.textContent!.trim(), a.getAttribute('href')!] as const));
  for (const [reference, href] of found.reverse()) {
    await page.goto(href);
    await expect(page.getByRole('heading', { name: 'Service lines' })).toBeVisible();
    const lines = page.getByRole('table', { name: 'Service lines' });
    const personal = lines.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Personal care', exact: true }) });
    if ((await personal.count()) === 1 && (await lines.getByRole('row').count()) === 2) {
      const cells = await personal.getByRole('cell').allTextContents();
      if (cells[2] === 'Ongoing' && Date.parse(`${cells[1]} UTC`) < Date.parse(`${day}T00:00:00Z`)) return reference;
    }
  }
  throw new Error('The provider holds no package with one ongoing personal care line');
}

test('a provider sends a week of delivered care, fixes two bad rows and sees the reconciliation; finance locks a run and downloads the payment file', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const provider = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' })).newPage();
  await signIn(provider, 'provider@homefirst.example');
  const reference = await packageHeldOn(provider, monday);
  const [tue, wed] = [dayFrom(monday, 1), dayFrom(monday, 2)];

  await provider.goto('/provider/actuals');
  await expect(provider.getByRole('heading', { level: 1 })).toHaveText('Delivered care');
  const send = provider.getByRole('region', { name: 'Send delivered care' });
  const file = send.getByLabel('CSV file of delivered care');
  // Checking with no file names the field.
  await send.getByRole('button', { name: 'Check the file' }).click();
  await expect(send.getByRole('alert')).toContainText('Choose a CSV file of delivered care');
  await expect(file).toHaveAttribute('aria-invalid', 'true');

  // Row 3 ends before it starts; row 4's call-in time is not a time.
  await file.setInputFiles(
    csv([
      `${reference},${uk(monday)},08:00,08:30,08:05,08:20,1,Completed,PERSONAL_CARE`,
      `${reference},${uk(tue)},08:00,08:30,08:30,08:10,1,Completed,PERSONAL_CARE`,
      `${reference},${uk(wed)},08:00,08:30,8.45,09:15,1,Completed,PERSONAL_CARE`,
    ]),
  );
  await send.getByRole('button', { name: 'Check the file' }).click();
  const summary = send.getByRole('alert');
  await expect(summary).toContainText('2 problems in the file: nothing was saved');
  await expect(summary.getByRole('link')).toHaveText([/^Row 3, Actual end \(Call Out\): /, /^Row 4, Actual start \(Call In\): /]);
  await expect(summary).toBeFocused();
  // Beside the field as well as in the summary.
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(file).toHaveAccessibleDescription(/The file has 2 problems: fix the rows listed below and check it again/);
  // The summary's link takes the keyboard to the row.
  await summary.getByRole('link').first().focus();
  await provider.keyboard.press('Enter');
  await expect(send.locator('#problems tbody tr').first()).toBeFocused();
  await expect(send.getByRole('button', { name: /^Send/ })).toHaveCount(0);
  await shots(provider, 'delivered-care-problems', (f) => testInfo.outputPath(f));

  // Fixed: the second call was 08:00 to 08:30, the third 45 minutes late.
  await file.setInputFiles(
    csv([
      `${reference},${uk(monday)},08:00,08:30,08:05,08:20,1,Completed,PERSONAL_CARE`,
      `${reference},${uk(tue)},08:00,08:30,08:00,08:30,1,Completed,PERSONAL_CARE`,
      `${reference},${uk(wed)},08:00,08:30,08:45,09:15,1,Completed,PERSONAL_CARE`,
    ]),
  );
  await send.getByRole('button', { name: 'Check the file' }).click();
  await expect(send.getByRole('status')).toHaveText('No problems found. Nothing has been saved yet: send it to save it.');
  await expect(send.getByRole('alert')).toHaveCount(0);
  await expect(file).not.toHaveAttribute('aria-invalid', 'true');
  await send.getByRole('button', { name: 'Send 3 rows' }).click();
  await expect(send.getByRole('status')).toHaveText('Saved.');
  const sent = provider.getByRole('region', { name: 'What you have sent' });
  // Checking saves nothing: only the file sent is listed.
  await expect(sent.getByRole('listitem')).toHaveCount(1);
  await expect(sent.getByRole('listitem')).toContainText('week.csv, 3 rows — saved');

  // Finance reconciles those days, then makes, checks and locks the run for the four weeks.
  const finance = await (await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' })).newPage();
  await signIn(finance, 'admin@bradford.example');
  await finance.goto('/admin/finance');
  const reconciliation = finance.getByRole('region', { name: 'Reconciliation' });
  await reconciliation.getByRole('button', { name: 'Reconcile' }).click();
  // A missing day is named beside its field and in the summary.
  await expect(reconciliation.getByRole('alert')).toContainText('Enter the first day');
  await expect(reconciliation.getByLabel('First day', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(reconciliation.getByLabel('First day', { exact: true })).toHaveAccessibleDescription(/Enter the first day/);
  await reconciliation.getByLabel('First day', { exact: true }).fill(monday);
  await reconciliation.getByLabel('Day after the last').fill(dayFrom(monday, 7));
  await reconciliation.getByRole('button', { name: 'Reconcile' }).click();
  // The whole council's week is reconciled: allow for a busy machine.
  await expect(reconciliation.getByRole('status')).toHaveText('Reconciled.', { timeout: 60_000 });
  // A council's week has many variances: the finance user narrows them to the package, by keyboard.
  await reconciliation.getByLabel('Package reference').fill(reference.toLowerCase());
  await reconciliation.getByLabel('Package reference').press('Enter');
  await expect(finance).toHaveURL(new RegExp(`[?&]package=${reference.toLowerCase()}`));
  await expect(reconciliation).toContainText(`for ${reference}.`);
  const ours = reconciliation.getByRole('row').filter({ hasText: reference });
  await expect(ours.filter({ hasText: 'Short call' })).toHaveCount(1);
  await expect(ours.filter({ hasText: 'Late call (45 minutes late)' })).toHaveCount(1);

  const runs = finance.getByRole('region', { name: 'Payment runs' });
  await runs.getByLabel('First day of the period').fill(monday);
  await runs.getByRole('button', { name: 'Make a payment run' }).click();
  await expect(runs.getByRole('status')).toHaveText('The run is made as a draft.', { timeout: 60_000 });
  const run = runs.getByTestId('payment-run').first();
  await expect(run.getByRole('heading')).toContainText('(draft)');
  await run.getByRole('button', { name: 'Mark as checked' }).click();
  await expect(run.getByRole('heading')).toContainText('(checked)', { timeout: 20_000 });
  await run.getByRole('button', { name: 'Lock this run' }).click();
  await expect(run.getByRole('heading')).toContainText('(locked)', { timeout: 20_000 });
  await expect(run).toContainText('Locked: it never changes.');
  await expect(run.getByRole('button', { name: 'Work it out again' })).toHaveCount(0);
  await shots(finance, 'finance', (f) => testInfo.outputPath(f));

  const [download] = await Promise.all([finance.waitForEvent('download'), run.getByRole('link', { name: 'Payment file (CSV)' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`payments-${monday}\\.csv$`));
  const text = fs
    .readFileSync(await download.path())
    .subarray(3)
    .toString('utf8');
  const lines = text.split(/\r?\n/);
  expect(lines[0]).toMatch(/^# .*Payment file.*run locked/);
  expect(lines[1].split(',').slice(0, 4)).toEqual(['Client ID', 'NHS Number', 'Client Name', 'Package Reference']);
  // The package's care this period, paid at least for what was delivered (by actuals or commissioned hours).
  expect(lines.filter((l) => l.includes(`,${reference},`)).length).toBeGreaterThan(0);

  // The provider sees the council's reconciliation of its week and the remittance.
  await provider.reload();
  const theirs = provider.getByRole('region', { name: 'Reconciliation' });
  await theirs.getByLabel('Package reference').fill(reference);
  await theirs.getByRole('button', { name: 'Show' }).click();
  await expect(theirs).toContainText(`for ${reference}.`);
  const seen = theirs.getByRole('row').filter({ hasText: reference });
  await expect(seen.filter({ hasText: 'Short call' })).toContainText('Not yet decided');
  await expect(seen.filter({ hasText: 'Late call (45 minutes late)' })).toHaveCount(1);
  await expect(provider.getByRole('region', { name: 'Remittances' }).getByRole('link')).toHaveCount(1);
  await shots(provider, 'delivered-care', (f) => testInfo.outputPath(f));
});
