import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/demo';

// Every role's main screens against WCAG 2.2 A and AA rules that can be checked automatically
// (axe-core). It does not replace checking by hand with a keyboard and a screen reader.

const PAGES: Record<string, string[]> = {
  'broker@bradford.example': ['/broker', '/packages/new', '/account'],
  'best@bradford.example': ['/duty'],
  'provider@homefirst.example': ['/provider', '/provider/placements', '/provider/capacity'],
  'commissioner@bradford.example': ['/market', '/dashboards', '/providers'],
  'admin@bradford.example': ['/admin/users', '/admin/providers', '/admin/settings', '/admin/budget', '/admin/audit'],
};

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

for (const [email, paths] of Object.entries(PAGES)) {
  test(`${email}'s screens pass the automatic accessibility checks`, async ({ page }) => {
    await signIn(page, email);
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found).toEqual([]);
  });
}

test("a package's page passes the automatic accessibility checks", async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  await page.goto('/broker');
  await page
    .getByRole('link', { name: /^BDC-\d+$/ })
    .first()
    .click();
  await page.waitForLoadState('networkidle');
  expect(await violations(page)).toEqual([]);
});
