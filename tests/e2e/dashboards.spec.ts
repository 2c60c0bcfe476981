import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './support/demo';

// An admin enters the budget; a commissioner opens every dashboard section and downloads its CSV:
// the file holds the very numbers the page's table shows.

const HOURS_NOTE = 'Hours are carer-hours: an hour with two carers counts as two.';

const SECTIONS = ['contract-types', 'budget', 'funders', 'locality-share', 'pick-up-times', 'waiting', 'concentration', 'cqc-ratings', 'unended-lines'];

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  return rows;
}

async function tableCells(table: Locator): Promise<string[][]> {
  // Each section streams in on its own: wait for its table to replace the loading note.
  await expect(table).toBeVisible();
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

/** A page cell and a CSV field say the same: equal text, or the same number without £ , and %. */
function same(shown: string, csv: string): boolean {
  if (shown === '—') return csv === '';
  const n = shown.replace(/[£,%]/g, '');
  return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) === Number(csv) : shown === csv;
}

type TDownload = { name: string; comments: string[]; rows: string[][] };

/** A section's CSV: its file name, its "#" header comment lines, and its rows (column headings first). Starts with a UTF-8 byte-order mark. */
async function download(page: Page, section: Locator): Promise<TDownload> {
  const [file] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: /Download CSV/ }).click()]);
  const bytes = fs.readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  const comments = lines.filter((l, i) => l.startsWith('#') && lines.slice(0, i).every((m) => m.startsWith('#')));
  return { name: file.suggestedFilename(), comments, rows: parseCsv(lines.slice(comments.length).join('\r\n')) };
}

/** The financial year (April to March) a London day falls in, and the one before it. */
function financialYears(): [number, number] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
  return [year - 1, year];
}

test('an admin enters the budget for the years the dashboards cover, with errors shown beside the field', async ({ page }) => {
  await signIn(page, 'admin@bradford.example');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budget' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Home-care budget');
  for (const year of financialYears()) {
    const label = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
    await page.getByRole('combobox', { name: 'Financial year' }).selectOption(String(year));
    await page.getByRole('button', { name: 'Show year' }).click();
    await expect(page.getByRole('heading', { name: `Budget for ${label}` })).toBeVisible();
    await page.getByLabel('Locality (£ for the year)').fill('-5');
    await page.getByRole('button', { name: 'Save budget' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('The Locality budget must be £0 or more');
    await expect(page.getByLabel('Locality (£ for the year)')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Locality (£ for the year)').fill('2,500,000');
    await page.getByLabel('STEP (short term) (£ for the year)').fill('400000');
    await page.getByLabel('Hospital discharge (£ for the year)').fill('350000.50');
    await page.getByLabel('Individual service fund (£ for the year)').fill('600000');
    await page.getByLabel('NHS ICB (£ for the year)').fill('300000');
    await expect(page.getByTestId('budget-total')).toHaveText(`Total for ${label}: £4,150,000.50`);
    await page.getByRole('button', { name: 'Save budget' }).click();
    await expect(page.getByText(`Saved the ${label} budget.`)).toBeVisible();
  }
  await page.reload();
  await expect(page.getByLabel('Hospital discharge (£ for the year)')).toHaveValue('350000.50');
  await expect(page.getByLabel('Spot (£ for the year)')).toHaveValue('');
});

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
    const title = (await section.getByRole('heading', { level: 2 }).textContent())!.trim();
    const { name, comments, rows: csv } = await download(page, section);
    expect(name, slug).toMatch(new RegExp(`^bdc-${slug}-as-of-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}-all-localities\\.csv$`));
    expect(comments[0], slug).toMatch(/^# Bradford District — /);
    expect(comments[0], slug).toContain(` — ${title} — as of `);
    expect(comments[0], slug).toMatch(/; all localities — made \d{1,2} \w{3} \d{4} \d{2}:\d{2} \(London time\)$/);
    // Sections of carer-hours say so on the page and in the file, in the same words.
    const note = section.getByTestId(`hours-note-${slug}`);
    if (slug === 'budget' || slug === 'funders' || slug === 'pick-up-times') {
      await expect(note).toHaveCount(0);
      expect(comments, slug).toHaveLength(1);
    } else {
      await expect(note).toHaveText(HOURS_NOTE);
      expect(comments.slice(1), slug).toEqual([`# ${HOURS_NOTE}`]);
    }
    expect(csv[0], slug).toEqual(headers);
    expect(csv.length - 1, slug).toBe(cells.length);
    cells.forEach((row, i) =>
      row.forEach((shown, j) => expect(same(shown, csv[i + 1][j]), `${slug} row ${i} column ${j}: "${shown}" vs "${csv[i + 1][j]}"`).toBe(true)),
    );
  }

  // The seeded market has commissioned hours, waiting packages and pick-up times to show.
  const types = await tableCells(page.getByTestId('table-contract-types'));
  expect(Number(types.at(-1)![1].replace(/,/g, ''))).toBeGreaterThan(1000);
  // The budget the admin entered is pro-rated to the period; spot purchase has none.
  const budget = await tableCells(page.getByTestId('table-budget'));
  expect(budget.find((r) => r[0] === 'Spot')!.slice(2)).toEqual(['—', '—', '—']);
  expect(Number(budget.find((r) => r[0] === 'Locality')![2].replace(/[£,]/g, ''))).toBeGreaterThan(2_400_000);
  await expect(page.getByTestId('headline-budget')).toHaveText(/^£[\d,]+ of £[\d,]+ \(\d+\.\d% used\)$/);
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
  const { name, comments, rows: csv } = await download(page, page.getByTestId('section-contract-types'));
  expect(name).toMatch(/^bdc-contract-types-as-of-[\d-]+-to-[\d-]+-l\d+\.csv$/);
  expect(comments[0]).toContain(`; locality ${choice} (`);
  cells.forEach((row, i) => row.forEach((shown, j) => expect(same(shown, csv[i + 1][j])).toBe(true)));
});

test('a broker cannot open the dashboards or download their CSV', async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  await page.goto('/dashboards');
  await expect(page).toHaveURL(/\/no-access/);
  await page.goto('/admin/budget');
  await expect(page).toHaveURL(/\/no-access/);
  const response = await page.request.get('/dashboards/csv/contract-types');
  expect(response.status()).toBe(403);
});
