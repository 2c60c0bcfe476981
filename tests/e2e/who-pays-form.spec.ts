import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';
import { fillNewPerson, freshNhsNumber } from './support/package-form';

// Who pays, given on the new-package form: a split between council and ICB with the ICB's share,
// checked as the package page checks it (the error names the field and takes the broker to it),
// and shown on the saved package's "Who pays" panel.
test('a broker gives a split between council and ICB on the new-package form; a share of 100% or more is refused naming the field', async ({ page }) => {
  const familyName = `Split${Date.now().toString(36)}`;
  await signIn(page, 'broker@bradford.example');
  await page.goto('/packages/new');
  await fillNewPerson(page, {
    givenName: 'Winifred',
    familyName,
    dateOfBirth: '1938-07-21',
    nhsNumber: freshNhsNumber(),
    addressLine1: '7 Example Row',
    postcode: 'BD1 3AB',
    locality: 'City A',
  });
  // All council unless the broker says otherwise.
  await expect(page.getByLabel('The council', { exact: true })).toBeChecked();
  await expect(page.getByLabel("The ICB's share of the cost (%)")).toHaveCount(0);

  await page.getByLabel('Both, in a stated share').check();
  await page.getByLabel("The ICB's share of the cost (%)").fill('100');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const problem = page.getByRole('link', { name: "The ICB's share must be less than 100%: otherwise the ICB pays it all" });
  await expect(problem).toHaveAttribute('href', '#icbSharePercent');
  await expect(page.getByLabel("The ICB's share of the cost (%)")).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel("The ICB's share of the cost (%)").fill('40');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const status = page.getByTestId('draft-status');
  await expect(status).toContainText(/^Saved as draft BDC-\d+ at \d{2}:\d{2}\.$/);
  const reference = (await status.textContent())!.match(/BDC-\d+/)![0];

  await page.goto(`/packages/${reference}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${reference}: Winifred ${familyName}`);
  await expect(page.getByRole('region', { name: 'Who pays' })).toContainText('Split between council and ICB (Council 60%, ICB 40%)');
});

// The person's contribution and Section 117, given on the same form: a contribution without the day
// of its financial assessment is refused naming that field; Section 117 takes none at all.
test("a broker gives the person's contribution with its financial assessment on the new-package form; Section 117 hides the contribution", async ({ page }) => {
  const familyName = `Charged${Date.now().toString(36)}`;
  await signIn(page, 'broker@bradford.example');
  await page.goto('/packages/new');
  await fillNewPerson(page, {
    givenName: 'Horace',
    familyName,
    dateOfBirth: '1940-02-11',
    nhsNumber: freshNhsNumber(),
    addressLine1: '9 Example Row',
    postcode: 'BD1 3AB',
    locality: 'City A',
  });
  await page.getByLabel('Section 117 aftercare (free to the person)').check();
  await expect(page.getByLabel("The person's contribution a week (£)")).toHaveCount(0);
  await page.getByLabel('Section 117 aftercare (free to the person)').uncheck();

  await page.getByLabel("The person's contribution a week (£)").fill('18.40');
  await page.getByLabel('Financial assessment on').fill('');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const problem = page.getByRole('link', { name: 'Enter the day of the financial assessment the contribution comes from' });
  await expect(problem).toHaveAttribute('href', '#financialAssessmentOn');
  await expect(page.getByLabel('Financial assessment on')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Financial assessment on').fill('2026-11-16');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const status = page.getByTestId('draft-status');
  await expect(status).toContainText(/^Saved as draft BDC-\d+ at \d{2}:\d{2}\.$/);
  const reference = (await status.textContent())!.match(/BDC-\d+/)![0];

  await page.goto(`/packages/${reference}`);
  const whoPays = page.getByRole('region', { name: 'Who pays' });
  await expect(whoPays).toContainText('£18.40 a week, from the financial assessment on');

  // The panel asks the same way: the contribution as held, a new one needs its own day.
  await whoPays.getByText('Change who pays').click();
  await expect(whoPays.getByLabel("The person's contribution a week (£)")).toHaveValue('18.40');
  await expect(whoPays.getByLabel('Financial assessment on')).toHaveValue('2026-11-16');
  await whoPays.getByLabel("The person's contribution a week (£)").fill('');
  await expect(whoPays.getByLabel('Financial assessment on')).toHaveCount(0);
  // Section 117 clears the contribution: unticked again, nothing old comes back to be saved unseen.
  await whoPays.getByLabel("The person's contribution a week (£)").fill('9.99');
  await whoPays.getByLabel('Section 117 aftercare (free to the person)').check();
  await whoPays.getByLabel('Section 117 aftercare (free to the person)').uncheck();
  await expect(whoPays.getByLabel("The person's contribution a week (£)")).toHaveValue('');
  await whoPays.getByLabel("The person's contribution a week (£)").fill('25.10');
  await whoPays.getByLabel('Financial assessment on').fill('2026-11-30');
  await whoPays.getByRole('button', { name: 'Save who pays' }).click();
  await expect(page.getByText('Saved who pays for this package.')).toBeVisible();
  await expect(whoPays).toContainText('£25.10 a week, from the financial assessment on 30 Nov 2026');
});
