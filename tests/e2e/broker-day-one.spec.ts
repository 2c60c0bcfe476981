import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';
import { fillNewPerson } from './support/package-form';

// A new broker's first day: the preview reads as a plan, visits that cannot be delivered are
// refused next to the visit, the posted package's page leads with where it stands, and the
// waiting list finds the package by locality and NHS number.

const NHS = '999 077 0018';

test('a broker previews a plan, is refused overlapping visits, posts, sees where the package stands, and finds it on the waiting list', async ({
  page,
}, testInfo) => {
  await signIn(page, 'broker@bradford.example');
  await page.goto('/packages/new');
  await fillNewPerson(page, {
    givenName: 'Ivy',
    familyName: 'Dayone',
    dateOfBirth: '1941-03-09',
    nhsNumber: NHS,
    addressLine1: '3 Example Street',
    postcode: 'BD1 1AA',
    locality: 'City A',
  });

  // Providers to leave out are found by typing and chosen with the keyboard; each shows as a chip that can be removed.
  const exclude = page.getByRole('combobox', { name: 'Providers not to offer it to' });
  await exclude.fill('care');
  await expect(exclude).toHaveAttribute('aria-expanded', 'true');
  const firstMatch = (await page.getByRole('listbox', { name: 'Providers not to offer it to' }).getByRole('option').first().textContent())!;
  await exclude.press('Enter');
  await expect(page.getByRole('button', { name: `Remove ${firstMatch}` })).toBeVisible();
  await expect(exclude).toHaveValue('');
  await exclude.press('Backspace');
  await expect(page.getByRole('button', { name: `Remove ${firstMatch}` })).toHaveCount(0);

  // The preview reads as a plan: a named provider first, with a deadline, and who was left out, grouped.
  await page.getByRole('button', { name: 'Preview who it goes to' }).click();
  const preview = page.getByRole('region', { name: 'Who it will be offered to', exact: true });
  await expect(preview.getByTestId('preview-plan')).toContainText(/First: \S.+ \(.+\) (has|have) .+ to answer \(until (\w{3} \d{1,2} \w{3}, )?\d{2}:\d{2}\)\./);
  await expect(preview.getByTestId('preview-plan')).toContainText('If nobody accepts: the open market');
  await expect(preview.getByTestId('preview-left-out')).toContainText(/\d+ providers? left out: \d+ (have|has) /);

  // A second visit overlapping the first is refused, named next to its start time, and the summary takes focus.
  await page.getByRole('button', { name: 'Add a visit' }).click();
  const second = page.getByRole('group', { name: 'Visit 2', exact: true });
  await second.getByLabel('Start').fill('08:10');
  await page.getByRole('button', { name: 'Post package' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('Visit 2 overlaps visit 1 on Monday');
  await expect(summary).toBeFocused();
  await expect(second).toContainText('Visit 2 overlaps visit 1 on Monday: change its start time, length or days');
  await expect(second.getByLabel('Start')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('overlap-refused.png'), fullPage: true });

  // Moved to lunchtime, it posts; the package page leads with who has it, until when, and what comes next.
  await second.getByLabel('Start').fill('12:30');
  await page.getByRole('button', { name: 'Post package' }).click();
  await page
    .getByRole('dialog', { name: /^Post BDC-\d+ now\?$/ })
    .getByRole('button', { name: 'Yes, post it' })
    .click();
  await expect(page).toHaveURL(/\/packages\/BDC-\d+\?posted=1$/);
  const reference = (await page.getByRole('heading', { level: 1 }).textContent())!.split(':')[0];
  const status = page.getByRole('region', { name: 'Where it stands', exact: true });
  await expect(status).toContainText(/Offered to .+, waiting for an answer until (\w{3} \d{1,2} \w{3}, )?\d{2}:\d{2}\./);
  await expect(status).toContainText(/If nobody accepts by .+, (.+ (is|are) asked next|it goes to the open market)\./);
  const statusTop = (await status.boundingBox())!.y;
  const operationsTop = (await page.getByRole('heading', { name: 'Offer to a named provider' }).boundingBox())!.y;
  expect(statusTop).toBeLessThan(operationsTop);

  // Chasing straight after posting reminds nobody: the offers are minutes old.
  const chase = page.getByRole('region', { name: 'Chase the providers asked' });
  await expect(chase).toContainText(/holds? an open offer until/);
  await chase.getByRole('button', { name: 'Send reminders' }).click();
  await expect(page.getByTestId('operation-done')).toContainText(/Nobody reminded: .+ (was|were) asked or reminded in the last 10 minutes\./);

  // The waiting list: filtered to City A and searched by NHS number, it finds the package; another locality does not.
  await page.goto('/broker');
  await page.getByLabel('Locality').selectOption({ label: 'City A' });
  await page.getByLabel('Person’s name or NHS number').fill(NHS);
  await page.getByRole('button', { name: 'Filter packages' }).click();
  await expect(page).toHaveURL(/[?&]locality=[0-9a-f-]{36}/);
  const waiting = page.getByRole('region', { name: 'Packages waiting, longest wait first' });
  await expect(waiting.getByRole('row')).toHaveCount(2);
  await expect(waiting.getByRole('rowheader')).toHaveText(reference);
  await expect(waiting).toContainText(/1 open|\d+ open, next closes/);

  const other = await page
    .getByLabel('Locality')
    .locator('option')
    .evaluateAll((options) => options.map((o) => o.textContent ?? '').find((t) => t && t !== 'City A' && t !== 'All localities'));
  await page.getByLabel('Locality').selectOption({ label: other! });
  await page.getByRole('button', { name: 'Filter packages' }).click();
  await expect(page.getByText('No package matches these filters.')).toBeVisible();

  // The person's page, found by NHS number, lists every package of theirs.
  await page.goto('/people');
  await page.getByLabel('Name, NHS number, postcode or date of birth').fill(NHS);
  await page.getByRole('button', { name: 'Find' }).click();
  const people = page.getByRole('region', { name: 'People matching the search' });
  await expect(people.getByRole('rowheader')).toHaveText('Ivy Dayone');
  await people.getByRole('link', { name: 'Ivy Dayone' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ivy Dayone');
  await expect(page.getByTestId('person-packages').getByRole('rowheader')).toHaveText([reference]);
  await expect(page.getByRole('region', { name: 'The latest openings of this record, by who opened it from where, newest first' })).toContainText('Broker');
  await page.screenshot({ path: testInfo.outputPath('person-page-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('person-page-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/people/not-a-person');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found|could not be found/i);

  // The waiting list fits a phone without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
