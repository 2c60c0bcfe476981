import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

// A council administrator and a provider manager each add a webhook subscription on their own
// Webhooks page, are shown its signing secret once, see it listed and turn it off.

for (const [who, email, path, intro] of [
  ['a council administrator', 'admin@bradford.example', '/admin/webhooks', 'Your council’s record hears of offers, placements and referral decisions'],
  ['a provider manager', 'provider@homefirst.example', '/provider/webhooks', 'Your care-management system hears of your own offers and placements'],
] as const) {
  test(`${who} adds a webhook subscription and turns it off`, async ({ page }) => {
    await signIn(page, email);
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByText(intro)).toContainText('Each is signed with its subscription’s secret');

    // An address that is not https is named beside its field and in the summary.
    const address = page.getByLabel('Address to send events to');
    await address.fill('ftp://example.org/hook');
    await page.getByRole('button', { name: 'Add subscription' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('The address must start https://');

    const url = `https://example.org/${path.split('/')[1]}-${Date.now()}`;
    await address.fill(url);
    await page.getByRole('button', { name: 'Add subscription' }).click();
    await expect(page.getByText('Copy the signing secret now: it is not shown again.')).toBeVisible();
    const subscriptions = page.getByRole('region', { name: 'Subscriptions' });
    const item = subscriptions.getByRole('listitem').filter({ hasText: url });
    await expect(item).toHaveCount(1);

    await item.getByRole('button', { name: `Turn off ${url}` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Turned off.' })).toBeVisible();
    await expect(item).toContainText('turned off');
    await expect(item.getByRole('button')).toHaveCount(0);
  });
}
