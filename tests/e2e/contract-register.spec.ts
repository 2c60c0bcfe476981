import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { startEmbedded } from '../../lib/database/server';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

// The contract register end to end: an administrator registers a new provider, gives it a locality
// contract through the register's form, and a broker's package in that locality is offered to it
// first (tier 1), the offer naming the new contract.

const LOCALITY = 'Wyke';
const PROVIDER = 'Wyke Newcome Homecare';
const REFERENCE = `E2E-LOC-${Date.now().toString(36).toUpperCase()}`;

/**
 * The new provider has no user on the platform yet, so its office's capacity declaration is
 * written for it here: what it would type at /provider/capacity (the app accepts it only once the
 * provider holds a contract covering the locality).
 */
async function declareCapacityFor(providerName: string, localityName: string): Promise<void> {
  const port = Number(process.env.E2E_PORT ?? 3210);
  const server = await startEmbedded({
    dir: path.resolve(`.data/e2e-${port}/postgres`),
    port: Number(process.env.E2E_PG_PORT ?? 54349),
    database: 'homefirst',
  });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `INSERT INTO "CapacityDeclaration" ("councilId", "providerId", "localityId", "band", "carerHours", "declaredAt")
       SELECT l."councilId", p.id, l.id, b.band::"Band", 40, now()
       FROM "Provider" p, "Locality" l JOIN "Council" c ON c.id = l."councilId",
            unnest(ARRAY['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT']) AS b(band)
       WHERE p.name = $1 AND l.name = $2 AND c.name = 'Bradford District'`,
      [providerName, localityName],
    );
    expect(rowCount).toBe(5);
  } finally {
    await client.end();
  }
}

/** Problems a phone-sized window and the automatic WCAG 2.2 AA checks find on the page open now. */
async function problemsOn(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  const wider = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
  if (wider > 0) found.push(`${name}: ${wider} px wider than the window`);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  found.push(
    ...result.violations.map(
      (v) =>
        `${name}: ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  );
  return found;
}

test('a new provider given a locality contract is offered a package there at tier 1, under that contract', async ({ browser }, testInfo) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@bradford.example');

  // 1. The provider joins the council's register (the existing form).
  await admin.goto('/admin/providers');
  await admin.getByText('Add an organisation to the register').click();
  await admin.getByLabel('Organisation name').fill(PROVIDER);
  await admin.getByLabel('CQC location ID').fill(`1-${String(Date.now()).slice(-9)}`);
  await admin.getByLabel('CQC rating').selectOption({ label: 'Good' });
  await admin.getByRole('button', { name: 'Add to register' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Added to your register' })).toBeVisible({ timeout: 30_000 });

  // 2. A locality contract for it, through the register's form; a mistake first is named by its field.
  await admin.getByRole('link', { name: 'Contracts', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Contracts' })).toBeVisible();
  await admin.getByRole('link', { name: 'Register a contract' }).click();
  await admin.waitForURL('**/contracts/new');
  // The form is interactive once the page has settled; typing before that would be lost.
  await admin.waitForLoadState('networkidle');
  await admin.getByLabel('Reference').fill(REFERENCE);
  await admin.getByLabel('Provider').selectOption({ label: PROVIDER });
  await admin.getByRole('radio', { name: 'Locality', exact: true }).check();
  await admin.getByRole('checkbox', { name: LOCALITY, exact: true }).check();
  await admin.getByLabel('Hourly rate (£)').fill('0');
  await admin.getByLabel('First day').fill('2026-01-01');
  await admin.getByRole('button', { name: 'Register contract' }).click();
  const problem = admin.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(problem.getByRole('listitem')).toHaveText(['The hourly rate must be more than £0']);
  await expect(problem).toBeFocused();
  await admin.getByLabel('Hourly rate (£)').fill('19.80');
  await admin.getByRole('button', { name: 'Register contract' }).click();
  // Saving runs the register's checks under its lock; on this shared machine that can take a while.
  await expect(admin).toHaveURL(new RegExp(`/contracts/${REFERENCE}\\?saved=created$`), { timeout: 30_000 });
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText(`Contract ${REFERENCE}`);
  await expect(admin.getByTestId('contract-term')).toContainText('In force');
  await expect(admin.getByRole('region', { name: 'Localities the contract covers, with target shares' })).toContainText(LOCALITY);

  // The register's pages fit a phone without sideways scrolling and pass the automatic checks.
  const desktop = admin.viewportSize()!;
  await admin.setViewportSize({ width: 390, height: 844 });
  const found = await problemsOn(admin, 'contract page');
  await admin.screenshot({ path: testInfo.outputPath('contract-at-390x844.png'), fullPage: true });
  for (const [name, url] of [
    ['register', '/contracts'],
    ['new contract', '/contracts/new'],
    ['uplift', '/contracts/uplift'],
    ['variation', `/contracts/${REFERENCE}/vary`],
  ]) {
    await admin.goto(url);
    await admin.waitForLoadState('networkidle');
    found.push(...(await problemsOn(admin, name)));
  }
  expect(found).toEqual([]);
  await admin.setViewportSize(desktop);

  await declareCapacityFor(PROVIDER, LOCALITY);

  // 3. A broker's package in the locality: the preview puts the new provider at tier 1 under the new contract.
  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  await broker.getByRole('link', { name: 'New package' }).click();
  await fillNewPerson(broker, {
    givenName: 'Walter',
    familyName: 'Wykeham',
    dateOfBirth: '1941-06-12',
    nhsNumber: '999 000 0107',
    addressLine1: '3 Example Lane',
    postcode: 'BD12 9AA',
    locality: LOCALITY,
  });
  await broker.getByLabel('Minutes').fill('30');
  await broker.getByRole('button', { name: 'Preview who it goes to' }).click();
  const preview = broker.getByRole('region', { name: 'Who it will be offered to', exact: true });
  await expect(preview.getByRole('listitem').filter({ hasText: PROVIDER })).toContainText(`tier 1, locality ${REFERENCE}`);

  await broker.getByRole('button', { name: 'Post package' }).click();
  const confirm = broker.getByRole('dialog', { name: /^Post BDC-\d+ now\?$/ });
  await expect(confirm.getByRole('list', { name: 'First offered to' })).toContainText(PROVIDER);
  await confirm.getByRole('button', { name: 'Yes, post it' }).click();
  await expect(broker).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/, { timeout: 30_000 });
  await expect(broker.getByRole('region', { name: 'Timeline', exact: true })).toContainText(`Offered to ${PROVIDER}`);
});
