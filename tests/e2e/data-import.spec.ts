import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

const csv = (lines: string[]) => ({ name: 'hospitals.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });

test('an administrator checks a file, sees its problem by row and column, then imports a clean one and exports it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'admin@kirkholme.example');
  await page.goto('/admin/data');
  await expect(page.getByRole('heading', { name: 'Import and export', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download every template (Excel workbook)' })).toBeVisible();
  // Fits a phone without sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const file = page.getByLabel('CSV files or an Excel workbook');
  await file.setInputFiles(csv(['code,name', 'KGH,Kirkholme General Hospital', 'KE2E,']));
  await page.getByRole('button', { name: 'Check the file' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('1 problem in the file: nothing was saved');
  await expect(summary).toBeFocused();
  const problems = page.getByRole('table', { name: 'Problems in the file' });
  await expect(problems.getByRole('row').nth(1)).toContainText('hospitals');
  await expect(problems.getByRole('row').nth(1)).toContainText('3');
  await expect(problems.getByRole('row').nth(1)).toContainText('Enter the name');
  await expect(page.getByRole('button', { name: 'Apply the import' })).toHaveCount(0);

  await file.setInputFiles(csv(['code,name', 'KGH,Kirkholme General Hospital', 'KE2E,Kirkholme Eastern Infirmary']));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { name: /Ready to import/ })).toBeFocused();
  const counts = page.getByRole('table', { name: 'What the import would do, by sheet' }).getByRole('row', { name: /hospitals/ });
  await expect(counts.getByRole('cell')).toHaveText(['1', '0', '1']);

  await page.getByRole('button', { name: 'Apply the import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply this import?' });
  await expect(dialog.getByRole('button', { name: 'No, go back' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Yes, import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The import is saved' })).toBeVisible();

  const exported = await page.request.get('/admin/data/export/hospitals.csv');
  expect(exported.headers()['content-type']).toContain('text/csv');
  expect(await exported.text()).toContain('KE2E,Kirkholme Eastern Infirmary');
});
