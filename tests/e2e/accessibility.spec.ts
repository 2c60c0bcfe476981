import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/demo';

// Every role's main screens, on a phone (390×844) and a desktop (1366×900): the page never scrolls
// sideways, and it passes the WCAG 2.2 A and AA rules that can be checked automatically (axe-core).
// It does not replace checking by hand with a keyboard and a screen reader.

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 900 },
] as const;

// A path, or how to reach a page whose address depends on the seeded data.
type TScreen = string | { name: string; open: (page: Page) => Promise<void> };

const openFirst = (from: string, link: RegExp) => async (page: Page) => {
  await page.goto(from);
  await page.getByRole('link', { name: link }).first().click();
  await page.waitForURL((url) => url.pathname !== from);
};

const SCREENS: Record<string, TScreen[]> = {
  'broker@bradford.example': [
    '/broker',
    '/packages/new',
    '/packages/change-requests',
    '/market',
    '/account',
    { name: 'a package waiting for a provider', open: openFirst('/broker', /^BDC-\d+$/) },
    '/people',
    {
      name: 'a person’s page',
      open: async (page) => {
        await openFirst('/broker', /^BDC-\d+$/)(page);
        await page.getByRole('link', { name: /^Every package of / }).click();
        await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
      },
    },
  ],
  'best@bradford.example': ['/duty', '/market'],
  'provider@homefirst.example': [
    '/provider',
    '/provider/placements',
    '/provider/capacity',
    '/provider/users',
    '/provider/tokens',
    { name: 'a placement', open: openFirst('/provider/placements', /^(BDC|KHC)-\d+/) },
  ],
  'commissioner@bradford.example': ['/market', '/dashboards', '/what-if', '/what-if/new', '/providers'],
  'admin@bradford.example': ['/admin/users', '/admin/providers', '/admin/settings', '/admin/approvals', '/admin/budget', '/admin/tokens', '/admin/audit'],
  'platform@homefirst.example': ['/platform/councils'],
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

/** How far the page is wider than the window, in pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));

for (const [email, screens] of Object.entries(SCREENS)) {
  test(`${email}'s screens fit a phone and a desktop and pass the automatic accessibility checks`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, email);
    const found: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      for (const screen of screens) {
        const name = typeof screen === 'string' ? screen : screen.name;
        if (typeof screen === 'string') await page.goto(screen);
        else await screen.open(page);
        await page.waitForLoadState('networkidle');
        const wider = await overflow(page);
        if (wider > 0) found.push(`${size.name} ${name}: ${wider} px wider than the window`);
        found.push(...(await violations(page)).map((v) => `${size.name} ${name}: ${v}`));
      }
    }
    expect(found).toEqual([]);
  });
}
