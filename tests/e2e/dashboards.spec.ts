import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './support/demo';

// A commissioner opens every dashboard section and downloads its CSV: the file holds the very
// numbers the page's table shows.

const SECTIONS = ['contract-types', 'locality-share', 'pick-up-times', 'waiting', 'concentration', 'cqc-ratings', 'unended-lines'];

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  return rows;
}

async function tableCells(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

/** A page cell and a CSV field say the same: equal text, or the same number without £ , and %. */
function same(shown: string, csv: string): boolean {
  if (shown === '—') return csv === '';
  const n = shown.replace(/[£,%]/g, '');
  return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) === Number(csv) : shown === csv;
}

async function download(page: Page, section: Locator): Promise<string[][]> {
  const [file] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: /Download CSV/ }).click()]);
  return parseCsv(fs.readFileSync(await file.path(), 'utf8'));
}

test('a commissioner sees each dashboard section, and each CSV matches its table', async ({ page }) => {
  await signIn(page, 'commissioner@bradford.example');
  await page.goto('/dashboards');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bradford District: market dashboards');

  for (const slug of SECTIONS) {
    const section = page.getByTestId(`section-${slug}`);
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByRole('heading', { level: 2 })).toBeVisible();
    await expect(section.getByRole('img', { name: /^Bar chart:/ })).toBeVisible();
    const table = section.getByRole('table');
    const cells = await tableCells(table);
    expect(cells.length, slug).toBeGreaterThan(0);
    const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
    const csv = await download(page, section);
    expect(csv[0], slug).toEqual(headers);
    expect(csv.length - 1, slug).toBe(cells.length);
    cells.forEach((row, i) => row.forEach((shown, j) => expect(same(shown, csv[i + 1][j]), `${slug} row ${i} column ${j}: "${shown}" vs "${csv[i + 1][j]}"`).toBe(true)));
  }

  // The seeded market has commissioned hours, waiting packages and pick-up times to show.
  const types = await tableCells(page.getByTestId('table-contract-types'));
  expect(Number(types.at(-1)![1].replace(/,/g, ''))).toBeGreaterThan(1000);
});

test('the locality filter narrows the tables and the CSV follows it', async ({ page }) => {
  await signIn(page, 'commissioner@bradford.example');
  await page.goto('/dashboards');
  const allHours = Number((await tableCells(page.getByTestId('table-contract-types'))).at(-1)![1].replace(/,/g, ''));
  const select = page.getByRole('combobox', { name: 'Locality' });
  const choice = (await select.locator('option').nth(1).textContent())!.trim();
  await select.selectOption({ label: choice });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/locality=/);
  await expect(page.getByText(`${choice} only`)).toBeVisible();
  const cells = await tableCells(page.getByTestId('table-contract-types'));
  expect(Number(cells.at(-1)![1].replace(/,/g, ''))).toBeLessThan(allHours);
  const csv = await download(page, page.getByTestId('section-contract-types'));
  cells.forEach((row, i) => row.forEach((shown, j) => expect(same(shown, csv[i + 1][j])).toBe(true)));
});

test('a broker cannot open the dashboards or download their CSV', async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  await page.goto('/dashboards');
  await expect(page).toHaveURL(/\/no-access/);
  const response = await page.request.get('/dashboards/csv/contract-types');
  expect(response.status()).toBe(403);
});
