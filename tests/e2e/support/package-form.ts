import type { Page } from '@playwright/test';
import { isValidNhsNumber } from '../../../lib/package/package-schema';

export type TNewPerson = {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  nhsNumber: string;
  addressLine1: string;
  postcode: string;
  locality: string;
};

/** On the new-package form: someone not yet known, their details and locality, as a broker types them. */
export async function fillNewPerson(page: Page, person: TNewPerson): Promise<void> {
  await page.getByLabel('Someone new').check();
  await page.getByLabel('Given name').fill(person.givenName);
  await page.getByLabel('Family name').fill(person.familyName);
  await page.getByLabel('Date of birth').fill(person.dateOfBirth);
  await page.getByLabel('NHS number').fill(person.nhsNumber);
  await page.getByLabel('Address line 1').fill(person.addressLine1);
  await page.getByLabel('Town or city').fill('Bradford');
  await page.getByLabel('Postcode').fill(person.postcode);
  await page.getByLabel('Locality').selectOption({ label: person.locality });
}

/** A valid NHS number no seeded person has: random digits, starting 9, until the check digit works. */
export function freshNhsNumber(): string {
  for (;;) {
    const candidate = `9${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
    if (isValidNhsNumber(candidate)) return candidate;
  }
}
