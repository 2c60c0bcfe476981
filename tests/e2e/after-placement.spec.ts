import { expect, test } from '@playwright/test';
import { londonDate } from '../../lib/time/london';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

// Changes after placement, as a broker makes them: a hospital admission and its retainer, the
// return with a hand-back (the package goes out again), and an offer made by hand to a named
// provider, which that provider sees in its inbox.

const DAY = 86_400_000;
const today = londonDate(new Date());
const dayFrom = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const shown = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${iso}T00:00:00Z`));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a broker records a hospital admission for a placed package, sees the retainer ending, and records a hand-back: the package is offered again', async ({
  browser,
}) => {
  // One of the provider's own placements in Bradford, as the provider sees them.
  const provider = await (await browser.newContext()).newPage();
  await signIn(provider, 'provider@homefirst.example');
  const providerName = (await provider.getByRole('heading', { level: 1 }).textContent())!.replace('Offers for ', '').trim();
  await provider.goto('/provider/placements');
  const reference = (await provider.getByRole('row').filter({ hasText: 'Bradford District' }).first().getByRole('rowheader').textContent())!.trim();

  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  await broker.getByLabel('Open a package by its reference').fill(reference.toLowerCase());
  await broker.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(broker).toHaveURL(new RegExp(`/packages/${reference}$`));
  await expect(broker.getByRole('heading', { level: 1 })).toContainText(reference);
  const timeline = broker.getByRole('region', { name: 'Timeline', exact: true });

  // In hospital for 26 days already: the four-week retainer has two days to run (today and tomorrow).
  const admission = broker.getByRole('region', { name: 'Hospital admission', exact: true });
  await expect(admission).toContainText(providerName);
  await admission.getByLabel('Days of retainer (1 to 28)').fill('40');
  await admission.getByRole('button', { name: 'Record the admission' }).click();
  await expect(admission.getByRole('alert')).toContainText('A retainer lasts at most 28 days');
  await expect(admission.getByLabel('Days of retainer (1 to 28)')).toHaveAttribute('aria-invalid', 'true');
  await admission.getByLabel('Went into hospital on').fill(dayFrom(-26));
  await admission.getByLabel('Days of retainer (1 to 28)').fill('28');
  await admission.getByRole('button', { name: 'Record the admission' }).click();
  await expect(broker.getByTestId('operation-done')).toContainText(`The retainer runs until ${dayFrom(1)}`);
  await expect(broker.getByTestId('retainer')).toContainText(`${providerName} holds the package on a retainer until ${shown(dayFrom(1))} (1 day left)`);
  await expect(timeline).toContainText('Admitted to hospital: provider holds a retainer');
  await expect(broker.getByRole('region', { name: 'Hospital admission', exact: true })).toHaveCount(0);

  // The broker's home lists it among the retainers ending soon.
  await broker.getByRole('link', { name: 'Packages', exact: true }).click();
  const retainers = broker.getByRole('region', { name: 'Hospital retainers overdue or ending soon', exact: true });
  const row = retainers.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText(providerName);
  await expect(row).toContainText('Ends in 1 day');
  await expect(row.getByRole('cell').nth(2)).toHaveText('26');
  await row.getByRole('link', { name: reference }).click();

  // Home today, and the provider hands the package back: asked to confirm, then it goes out again.
  const back = broker.getByRole('region', { name: 'Home from hospital', exact: true });
  await back.getByLabel('Came home on').fill(today);
  await back.getByRole('button', { name: 'Record the return' }).click();
  await expect(back.getByRole('alert')).toContainText('Choose whether the provider is taking the person back');
  await back.getByLabel('No, the provider hands it back: offer it again').check();
  await back.getByRole('button', { name: 'Record the return' }).click();
  await expect(back.getByRole('heading', { name: `Hand the package back from ${providerName}?` })).toBeFocused();
  await back.getByRole('button', { name: 'Yes, hand it back and offer it again' }).click();
  await expect(broker.getByTestId('operation-done')).toContainText(`${providerName} handed the package back, and it is being offered again`);
  await expect(broker.locator('article > header')).toContainText(/· (offering|open market)/);
  await expect(broker.getByRole('region', { name: 'Hospital stays', exact: true })).toContainText('handed back');
  await expect(timeline).toContainText(/Round \d+ offered to (tier \d+ of the cascade|the open market)/);
  await expect(broker.getByRole('region', { name: 'Offer to a named provider', exact: true })).toBeVisible();

  // And it no longer waits on the retainer list.
  await broker.goto('/broker');
  await expect(broker.getByRole('region', { name: 'Hospital retainers overdue or ending soon', exact: true })).not.toContainText(reference);
});

test('a broker offers a new package by hand to a provider the cascade did not ask first, and the provider sees it in its inbox', async ({ browser }) => {
  const provider = await (await browser.newContext()).newPage();
  await signIn(provider, 'provider2@homefirst.example');
  const providerName = (await provider.getByRole('heading', { level: 1 }).textContent())!.replace('Offers for ', '').trim();

  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  await broker.getByRole('link', { name: 'New package' }).click();
  await fillNewPerson(broker, {
    givenName: 'Ivy',
    familyName: 'Handoffer',
    dateOfBirth: '1941-07-19',
    nhsNumber: '999 000 1006',
    addressLine1: '2 Example Road',
    postcode: 'BD13 3AA',
    locality: 'Thornton and Allerton',
  });
  await broker.getByRole('button', { name: 'Post package' }).click();
  await broker
    .getByRole('dialog', { name: /^Post BDC-\d+ now\?$/ })
    .getByRole('button', { name: 'Yes, post it' })
    .click();
  await expect(broker).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/);
  const reference = (await broker.getByRole('heading', { level: 1 }).textContent())!.split(':')[0];

  const hand = broker.getByRole('region', { name: 'Offer to a named provider', exact: true });
  // Nothing chosen: the error is named next to the field.
  await hand.getByRole('button', { name: 'Offer the package' }).click();
  await expect(hand.getByRole('alert')).toContainText('Choose the provider to offer the package to');
  const option = hand.getByRole('option', { name: new RegExp(`^${escape(providerName)}: `) });
  await expect(option).not.toContainText('already offered');
  await hand.getByLabel('Provider').selectOption((await option.getAttribute('value'))!);
  await expect(hand.getByTestId('hand-offer-choice')).toContainText(providerName);
  await hand.getByRole('button', { name: 'Offer the package' }).click();
  await expect(broker.getByTestId('operation-done')).toContainText(`Offered to ${providerName} at £`);
  await expect(broker.getByRole('region', { name: 'Timeline', exact: true })).toContainText(`Offered to ${providerName}`);

  // A second offer to the same provider in this round is refused, with the reason.
  await hand.getByLabel('Provider').selectOption((await option.getAttribute('value'))!);
  await hand.getByRole('button', { name: 'Offer the package' }).click();
  await expect(hand.getByRole('alert')).toContainText('already been offered this package in the current round');

  await provider.reload();
  const offer = provider.getByTestId('offer').filter({ hasText: reference });
  await expect(offer).toBeVisible();
  await expect(offer).not.toContainText('Handoffer');
  await expect(offer).not.toContainText('BD13 3AA');
  await expect(offer.getByRole('button', { name: `Accept ${reference}` })).toBeVisible();

  // An uplift for the next round, then the person no longer needs care: cancelled, after a second ask.
  const uplift = broker.getByRole('region', { name: 'Rate uplift', exact: true });
  await uplift.getByLabel('Uplift, £ an hour').fill('1.50');
  await uplift.getByRole('button', { name: 'Save the uplift' }).click();
  await expect(broker.getByTestId('operation-done')).toContainText('Uplift saved: it applies from the next round of offers.');
  await expect(broker.getByRole('region', { name: 'Timeline', exact: true })).toContainText('Rate uplift added for the next round');
  const cancel = broker.getByRole('region', { name: 'Cancel the package', exact: true });
  await cancel.getByRole('button', { name: 'Cancel the package' }).click();
  await expect(cancel.getByRole('alert')).toContainText('Say why the package is cancelled');
  await cancel.getByLabel('Why is it cancelled?').fill('Moved in with family');
  await cancel.getByRole('button', { name: 'Cancel the package' }).click();
  await cancel.getByRole('button', { name: 'Yes, cancel the package' }).click();
  await expect(broker.getByTestId('operation-done')).toContainText(`${reference} is cancelled`);
  await expect(broker.locator('article > header')).toContainText('· cancelled');
  await expect(broker.getByText('Cancelled: Moved in with family')).toBeVisible();
  await provider.reload();
  await expect(provider.getByTestId('offer').filter({ hasText: reference })).toHaveCount(0);
});

test('a broker changes the hours of a placed package from tomorrow, keeping the old line as history, then ends the new line', async ({ browser }) => {
  const provider = await (await browser.newContext()).newPage();
  await signIn(provider, 'provider@homefirst.example');
  await provider.goto('/provider/placements');
  const reference = (await provider.getByRole('row').filter({ hasText: 'Bradford District' }).first().getByRole('rowheader').textContent())!.trim();

  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  await broker.goto(`/packages/${reference}`);
  const lines = broker.getByRole('region', { name: 'Service lines', exact: true });
  const before = await lines.getByRole('row').count();

  const change = broker.getByRole('region', { name: 'Change visits or hours', exact: true });
  await change.getByText('Make a change request').click();
  await change.getByLabel('Hours a week').first().fill('-1');
  await change.getByRole('button', { name: 'Save the change' }).click();
  await expect(change.getByRole('alert')).toContainText('Hours per week cannot be negative');
  await change.getByLabel('Hours a week').first().fill('9.5');
  await expect(change.getByLabel('The change starts on')).toHaveValue(dayFrom(1));
  await change.getByRole('button', { name: 'Save the change' }).click();
  await expect(broker.getByTestId('operation-done')).toContainText(`Change saved from ${dayFrom(1)}. The provider has been told.`);
  // The old line ends today and a new one runs from tomorrow: nothing is overwritten.
  await expect(lines.getByRole('row')).toHaveCount(before + 1);
  const added = lines
    .getByRole('row')
    .filter({ hasText: shown(dayFrom(1)) })
    .filter({ hasText: 'ongoing' });
  await expect(added).toContainText('9.5');
  await expect(
    lines
      .getByRole('row')
      .filter({ hasText: shown(today) })
      .first(),
  ).toBeVisible();
  await expect(broker.getByRole('region', { name: 'Timeline', exact: true })).toContainText('Changed');

  const end = broker.getByRole('region', { name: 'End a service line', exact: true });
  const option = end.getByRole('option', { name: new RegExp(`9\\.5 hours a week from ${escape(shown(dayFrom(1)))}`) });
  await end.getByLabel('Service line').selectOption((await option.getAttribute('value'))!);
  await end.getByLabel('Last day of the service').fill(dayFrom(30));
  await end.getByRole('button', { name: 'End the line' }).click();
  await expect(end.getByRole('heading', { name: /^End .* on / })).toBeFocused();
  await end.getByRole('button', { name: 'Yes, end the line' }).click();
  await expect(broker.getByTestId('operation-done')).toContainText(dayFrom(30));
  await expect(added).toHaveCount(0);
  await expect(lines.getByRole('row').filter({ hasText: shown(dayFrom(30)) })).toContainText('9.5');
});

test('a broker adds a rate uplift to a package waiting on the open market and offers it again at once at the new rate', async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  const waiting = page.getByRole('table', { name: 'Packages waiting, longest wait first' });
  await waiting
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: /^Open market/ }) })
    .first()
    .getByRole('link')
    .click();
  await expect(page.locator('article > header')).toContainText('· open market');

  const uplift = page.getByRole('region', { name: 'Rate uplift', exact: true });
  await uplift.getByLabel('Uplift, £ an hour').fill('1.555');
  await uplift.getByRole('button', { name: 'Save the uplift' }).click();
  await expect(uplift.getByRole('alert')).toContainText('Enter the uplift in pounds and pence, like 1.50');
  await uplift.getByLabel('Uplift, £ an hour').fill('2');
  await expect(uplift.getByLabel('Offer it again now, from the first tier, at the new rate')).toBeChecked();
  await uplift.getByRole('button', { name: 'Save the uplift' }).click();
  await expect(page.getByTestId('operation-done')).toContainText('Uplift saved, and the package was offered again at the new rate');
  await expect(page.getByRole('region', { name: 'Rate uplift', exact: true })).toContainText('Now £2.00 an hour.');
  await expect(page.getByRole('region', { name: 'Timeline', exact: true })).toContainText('Rate uplift added for the next round');
});
