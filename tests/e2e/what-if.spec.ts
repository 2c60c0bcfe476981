import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { signIn } from './support/demo';

// A commissioner builds a what-if (+20% long-term demand in two localities, one provider failing),
// runs it in the worker, watches its progress, sees today and the scenario side by side and
// downloads the CSV. Each screen is checked on a phone and a desktop: no sideways scrolling, the
// automatic WCAG checks, a screenshot.

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
] as const;

async function checkScreen(page: Page, testInfo: TestInfo, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const wider = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
    expect(wider, `${name} scrolls sideways at ${size.width}px`).toBe(0);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(
      result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${name} at ${size.width}px`,
    ).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('a commissioner builds a scenario, runs it, compares it with today and downloads it', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page, 'commissioner@bradford.example');
  await page.getByRole('navigation').getByRole('link', { name: 'What-if' }).click();
  await expect(page.getByRole('heading', { name: 'What-if scenarios' })).toBeVisible();
  await page.getByRole('link', { name: 'New scenario' }).click();

  // Saving with nothing filled in names each problem.
  await page.getByRole('button', { name: 'Save scenario' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Enter a name for the scenario.' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Add at least one change.' })).toBeVisible();

  await page.getByLabel('Name').fill('Long-term growth and a failure');
  await page.getByLabel('Add a change').selectOption({ label: 'Demand grows' });
  await page.getByRole('button', { name: 'Add this change' }).click();
  const growth = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '1. Demand grows' }) });
  await growth.getByLabel('Pathway').selectOption({ label: 'Long term' });
  const localities = growth.getByRole('group', { name: 'Localities' }).getByRole('checkbox');
  const picked = [await localities.nth(0).getAttribute('value'), await localities.nth(1).getAttribute('value')];
  await localities.nth(0).check();
  await localities.nth(1).check();
  await growth.getByLabel('Growth (%)').fill('20');

  await page.getByLabel('Add a change').selectOption({ label: 'A provider fails' });
  await page.getByRole('button', { name: 'Add this change' }).click();
  const failure = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '2. A provider fails' }) });
  // Saving without a provider names that field.
  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(summary.getByRole('link', { name: 'Choose one from the list.' })).toBeVisible();
  const provider = failure.getByLabel('Provider');
  const failing = (await provider.locator('option').nth(1).textContent())!.trim();
  await provider.selectOption({ index: 1 });
  await checkScreen(page, testInfo, 'what-if-form');

  await page.getByRole('button', { name: 'Save scenario' }).click();
  await expect(page.getByRole('heading', { name: 'Long-term growth and a failure' })).toBeVisible();
  const changes = page.getByTestId('whatif-changes');
  await expect(changes).toContainText('Long-term demand grows by 20% in ');
  await expect(changes).toContainText(`${failing} fails and hands back all its care`);
  expect(picked.every(Boolean)).toBe(true);

  await page.getByRole('button', { name: 'Run the scenario' }).click();
  // Progress shows while it runs, then the figures replace it.
  await expect(page.getByTestId('whatif-progress')).toContainText(/Waiting for the worker|Step \d of 3/);
  const result = page.getByTestId('whatif-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('whatif-progress')).toBeEmpty();

  const overall = result.getByTestId('whatif-table-0');
  const row = (label: string) => overall.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  const cells = async (label: string) => (await row(label).locator('td').allTextContents()).map((t) => Number(t.replace(/[£,%]/g, '')));
  const [todayPackages, scenarioPackages] = await cells('Packages');
  expect(scenarioPackages).toBeGreaterThan(todayPackages);
  const [todayInCare, scenarioInCare] = await cells('Packages with care (in care or newly placed)');
  expect(todayInCare).toBeGreaterThan(0);
  expect(scenarioInCare).toBeGreaterThan(0);
  await expect(result.getByRole('heading', { name: 'By locality' })).toBeVisible();
  await expect(result.getByRole('heading', { name: 'By pathway' })).toBeVisible();
  await expect(result.getByRole('heading', { name: 'By time of day' })).toBeVisible();
  await expect(result.getByRole('heading', { name: 'Unplaced packages by the smallest change that would place each' })).toBeVisible();
  await expect(result.getByTestId('whatif-headline')).toContainText(`In the scenario`);
  await expect(page.getByRole('button', { name: 'Run it again on today’s market' })).toBeVisible();
  await checkScreen(page, testInfo, 'what-if-result');

  const [file] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: /Download CSV/ }).click()]);
  expect(file.suggestedFilename()).toMatch(/^bdc-what-if-long-term-growth-and-a-failure-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = fs.readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text).toContain('What-if: Long-term growth and a failure');
  expect(text).toContain('# Change 1: Long-term demand grows by 20% in ');
  expect(text).toContain(`# Change 2: ${failing} fails and hands back all its care`);
  expect(text).toContain(`Packages,${todayPackages},${scenarioPackages},${scenarioPackages - todayPackages}`);

  // Kept for the council: it is on the list.
  await page.goto('/what-if');
  await expect(page.getByTestId('whatif-list').getByRole('link', { name: 'Long-term growth and a failure' })).toBeVisible();
});
