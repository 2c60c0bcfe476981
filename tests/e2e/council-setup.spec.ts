import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

// A council's administrator keeps its geography and provider register from the browser.

test.describe('council set-up', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('an administrator adds a locality with a neighbour and a postcode district', async ({ page }) => {
    await signIn(page, 'admin@bradford.example');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Geography' }).click();
    await expect(page.getByRole('heading', { name: 'Geography', level: 1 })).toBeVisible();

    const form = page.getByRole('form', { name: 'Add a locality' });
    // Nothing filled in: the summary names the fields and takes focus.
    await form.getByRole('button', { name: 'Add locality' }).click();
    const summary = form.getByRole('alert');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Enter the locality’s name');

    await form.getByLabel('Code', { exact: true }).fill('ZZV');
    await form.getByLabel('Name', { exact: true }).fill('Zedvale');
    await form.getByLabel('Postcode districts').fill('zz9, ZZ 8');
    const neighbours = form.getByRole('group', { name: 'Neighbouring localities' });
    const first = neighbours.getByRole('checkbox').first();
    const neighbourName = ((await neighbours.locator('label').first().textContent()) ?? '').replace(/ \(.*\)$/, '');
    await first.check();
    await form.getByRole('button', { name: 'Add locality' }).click();
    await expect(form.getByRole('alert')).toContainText('Postcode districts are like BD1 or BD20');
    await expect(form.getByLabel('Postcode districts')).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('Postcode districts').fill('ZZ9');
    await form.getByRole('button', { name: 'Add locality' }).click();
    await expect(form.getByRole('status')).toHaveText('The locality is added.');
    const row = page.getByTestId('localities-table').getByRole('row', { name: /Zedvale/ });
    await expect(row).toContainText('ZZ9');
    await expect(row).toContainText(neighbourName);
    await expect(row).toContainText('Urban');
  });

  test("the provider's register page links its office phone and email", async ({ page }) => {
    await signIn(page, 'admin@bradford.example');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Providers', exact: true }).click();
    const link = page.getByRole('rowheader').getByRole('link').first();
    const name = (await link.textContent()) ?? '';
    await link.click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    const phone = page.locator('main header a[href^="tel:"]');
    await expect(phone).toHaveAttribute('href', /^tel:\+44\d{9,10}$/);
    await expect(page.locator('main header a[href^="mailto:"]')).toHaveAttribute('href', /^mailto:.+@.+/);
    await expect(page.getByTestId('status-history').or(page.getByText(/No change of status has been recorded/))).toBeVisible();
  });
});

test.describe("CQC's ratings file", () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('a commissioner checks the file, applies it, and the same file again changes nothing', async ({ page }) => {
    await signIn(page, 'commissioner@bradford.example');
    await page.goto('/providers');
    await page.getByRole('link', { name: /^Update CQC ratings/ }).click();
    await expect(page.getByRole('heading', { name: 'Update CQC ratings', level: 1 })).toBeVisible();

    const file = page.getByLabel('CQC ratings file (CSV)');
    await file.setInputFiles({ name: 'ratings.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK not a CSV') });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const problem = page.getByRole('main').getByRole('alert');
    await expect(problem).toBeFocused();
    await expect(problem).toContainText('“ratings.xlsx” is not a CSV file');

    await file.setInputFiles('tests/fixtures/cqc/care-directory-ratings.csv');
    await page.getByRole('button', { name: 'Check the file' }).click();
    const result = page.getByTestId('cqc-summary');
    await expect(result.getByRole('heading', { name: 'What this file would change' })).toBeFocused();
    await expect(result).toContainText('not on your register, ignored');
    const apply = result.getByRole('button', { name: /^Apply these/ });
    if (await apply.isVisible()) {
      await apply.click();
      await expect(result.getByRole('heading', { name: 'Ratings updated' })).toBeVisible();
    }
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect(result.getByText('Nothing to change: every rating in this file is already recorded.')).toBeVisible();
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the geography page does not scroll sideways', async ({ page }) => {
    await signIn(page, 'admin@bradford.example');
    await page.goto('/admin/geography');
    await expect(page.getByRole('heading', { name: 'Geography', level: 1 })).toBeVisible();
    // What sticks out past the window: anything outside the tables' own scrolling frames, and
    // anything positioned out of them (an absolutely placed element escapes its frame's clipping).
    const sticksOut = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter(
          (e) =>
            e.getBoundingClientRect().right > window.innerWidth + 0.5 &&
            (!e.parentElement?.closest('[role="region"]') || ['absolute', 'fixed'].includes(getComputedStyle(e).position)),
        )
        .slice(0, 5)
        .map(
          (e) =>
            `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.className).split(' ').slice(0, 4).join('.')} → ${Math.round(e.getBoundingClientRect().right)} px`,
        ),
    );
    expect(sticksOut).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
