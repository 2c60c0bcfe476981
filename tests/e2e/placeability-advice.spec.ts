import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

// The capacity meeting's page on a phone and a laptop: the groups of waiting packages with the
// packages a split between two providers would place, and the rural runs to offer as one. On a
// phone the table scrolls sideways in its own frame; the page itself never does.

for (const [width, height] of [
  [390, 844],
  [1366, 900],
] as const) {
  test(`the capacity meeting's page names splits and rural runs at ${width}×${height}`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    await signIn(page, 'broker@bradford.example');
    await page.goto('/broker/capacity-needs');
    await expect(page.getByRole('heading', { name: 'What would place the waiting packages', level: 1 })).toBeVisible();
    const table = page.getByRole('region', { name: 'Waiting packages by what would place them, largest group first' });
    await expect(table.getByRole('columnheader', { name: 'Placed by a split between two providers' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Rural runs to offer as one', level: 2 })).toBeVisible();
    await expect(page.getByTestId('runs-count')).toHaveText(/^(\d+ runs? to offer, holding \d+ waiting packages?\.|No rural run: .+)$/);
    // Every run links to each of its packages.
    for (const run of await page.getByTestId('runs').getByRole('listitem').all()) {
      await expect(run.getByRole('link', { name: /^BDC-\d+$/ }).first()).toBeVisible();
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`capacity-needs-${width}.png`), fullPage: true });
  });
}
