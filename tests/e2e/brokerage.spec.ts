import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

test('a broker posts a package, the provider sees it arrive without reloading and accepts it, and the broker sees it placed with its pick-up time', async ({
  browser,
}, testInfo) => {
  // The provider is already looking at its inbox when the package is posted.
  const provider = await (await browser.newContext()).newPage();
  await signIn(provider, 'provider@homefirst.example');
  await expect(provider.getByRole('heading', { level: 1 })).toContainText('Offers for');
  let reloaded = false;
  provider.on('load', () => (reloaded = true));

  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  await broker.getByRole('link', { name: 'New package' }).click();

  await fillNewPerson(broker, {
    givenName: 'Edna',
    familyName: 'Testcase',
    dateOfBirth: '1938-04-02',
    nhsNumber: '999 000 0085',
    addressLine1: '1 Example Street',
    postcode: 'BD1 1AA',
    locality: 'City A',
  });

  // A bad visit length is named next to its field, and nothing is saved.
  await broker.getByLabel('Minutes').fill('17');
  await broker.getByRole('button', { name: 'Post package' }).click();
  await expect(broker.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText('Enter the visit length in steps of 5 minutes');
  await broker.getByLabel('Minutes').fill('30');

  await broker.getByRole('button', { name: 'Preview who it goes to' }).click();
  const providerName = (await broker.getByRole('region', { name: 'Who it will be offered to', exact: true }).locator('ol li strong').first().textContent())!;
  await broker.getByRole('button', { name: 'Post package' }).click();
  // Posting asks first, naming who is offered it first and until when.
  const confirm = broker.getByRole('dialog', { name: /^Post BDC-\d+ now\?$/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('list', { name: 'First offered to' })).toContainText(providerName);
  await expect(confirm).toContainText(/They have until (\w{3} \d{1,2} \w{3}, )?\d{2}:\d{2}/);
  await confirm.getByRole('button', { name: 'Yes, post it' }).click();
  await expect(broker).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/);
  const reference = (await broker.getByRole('heading', { level: 1 }).textContent())!.split(':')[0];
  await expect(broker.getByRole('region', { name: 'Timeline', exact: true })).toContainText(`Offered to ${providerName}`);

  const offer = provider.getByTestId('offer').filter({ hasText: reference });
  await expect(offer).toBeVisible({ timeout: 15_000 });
  expect(reloaded).toBe(false);
  await expect(provider.getByTestId('bell')).toContainText('unread');
  // Before award: no name, no NHS number, no full postcode.
  await expect(offer).not.toContainText('Testcase');
  await expect(offer).not.toContainText('BD1 1AA');
  // Accepting asks first, with the weekly hours and the day care starts; going back accepts nothing.
  const startDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(
    new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`),
  );
  await offer.getByRole('button', { name: `Accept ${reference}` }).click();
  const accept = provider.getByRole('dialog', { name: `Accept ${reference}: 3.5 h a week from ${startDay}?` });
  await expect(accept).toBeVisible();
  await expect(accept.getByRole('button', { name: 'No, go back' })).toBeFocused();
  const desktop = provider.viewportSize()!;
  await provider.setViewportSize({ width: 390, height: 844 });
  await provider.screenshot({ path: testInfo.outputPath('accept-confirmation-at-390x844.png') });
  await provider.setViewportSize(desktop);
  await accept.getByRole('button', { name: 'No, go back' }).click();
  await expect(accept).toBeHidden();
  await expect(offer.getByRole('button', { name: `Accept ${reference}` })).toBeFocused();
  await provider.reload();
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: `Accept ${reference}` }).click();
  await accept.getByRole('button', { name: 'Yes, accept' }).click();
  await expect(provider).toHaveURL(/\/provider\/placements\//);
  await expect(provider.getByRole('heading', { level: 1 })).toContainText('Edna Testcase');

  await broker.reload();
  await expect(broker.getByText(/picked up in/)).toBeVisible();
  await expect(broker.getByRole('region', { name: 'Timeline', exact: true })).toContainText(`${providerName} accepted`);
  await expect(broker.getByText(/^Long term .* placed/)).toBeVisible();
});
