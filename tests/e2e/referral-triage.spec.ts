import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

// A council's social-care record refers someone HomeFirst knows through the API, with a token an
// administrator made for it; a broker finds the referral in the triage queue on the Packages page,
// matched by NHS number with the detail that differs shown beside the record's, asks for more
// information (the message is required), then accepts it; the draft package it made opens with the
// care asked for, and the record reads back that its referral was accepted with that package.

test('a referral sent by the API is triaged by a broker into a draft package, and the record reads back the outcome', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const ours = `MOSAIC-${Date.now().toString(36)}`;
  const startDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

  // The administrator makes the record system's token: a broker's, with only referral:submit.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@bradford.example');
  await admin.goto('/admin/tokens');
  await admin.getByLabel('Name', { exact: true }).fill('Social-care record (referrals)');
  await admin.getByLabel('Acts as').selectOption({ label: 'Broker' });
  await admin.getByLabel('referral:submit').check();
  await admin.getByRole('button', { name: 'Create token' }).click();
  const token = ((await admin.getByTestId('new-token').textContent()) ?? '').trim();
  expect(token).toMatch(/^hf_/);
  const auth = { authorization: `Bearer ${token}` };

  // Someone the council's record and HomeFirst both know: a person with a placed package, as the broker reads them.
  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  const placed = (await (await broker.request.get('/api/v1/packages?status=PLACED&limit=1')).json()) as { items: { reference: string }[] };
  const known = (await (await broker.request.get(`/api/v1/packages/${placed.items[0].reference}`)).json()) as {
    person: { givenName: string; familyName: string; dateOfBirth: string; nhsNumber: string; postcode: string };
  };
  const onRecord = known.person;
  const name = `${onRecord.givenName} ${onRecord.familyName}`;

  // A referral with a bad NHS number is refused, naming the field; the good one is received, its given name spelt differently.
  const referral = {
    referrerReference: ours,
    person: {
      nhsNumber: onRecord.nhsNumber,
      givenName: `${onRecord.givenName}ie`,
      familyName: onRecord.familyName,
      dateOfBirth: onRecord.dateOfBirth,
      addressLine1: '3 Mill Lane',
      town: 'Bradford',
      postcode: onRecord.postcode,
    },
    care: {
      pathway: 'LONG_TERM',
      startDate,
      visits: [{ days: ['MON', 'WED', 'FRI'], start: '08:00', minutes: 45, carers: 1 }],
      notes: 'Lives alone; key safe by the back door',
    },
  };
  const refused = await request.post('/api/v1/referrals', { headers: auth, data: { ...referral, person: { ...referral.person, nhsNumber: '1234567890' } } });
  expect(refused.status()).toBe(422);
  expect(Object.keys(((await refused.json()) as { error: { fields: Record<string, string[]> } }).error.fields)).toEqual(['person.nhsNumber']);
  const sent = await request.post('/api/v1/referrals', { headers: auth, data: referral });
  expect(sent.status(), await sent.text()).toBe(200);
  const received = (await sent.json()) as { id: string; status: string; match: { by: string; differingFields: string[] } };
  expect([received.status, received.match.by, received.match.differingFields]).toEqual(['RECEIVED', 'NHS_NUMBER', ['givenName']]);

  // The broker sees it in the queue: how the person was matched, what differs from the record, the care asked for.
  await broker.goto('/broker');
  const queue = broker.getByRole('region', { name: /^Referrals to triage/ });
  const item = queue.getByRole('listitem').filter({ hasText: `their reference ${ours}` });
  await expect(item).toBeVisible();
  await expect(item.getByRole('heading', { level: 3 })).toHaveText(name);
  await expect(item).toContainText('Matched by NHS number (high confidence)');
  const differs = item.getByRole('table', { name: 'The referral differs from the person on record: check before accepting' });
  await expect(differs.getByRole('row').filter({ hasText: 'Given name' }).getByRole('cell')).toHaveText([`${onRecord.givenName}ie`, onRecord.givenName]);
  await expect(item).toContainText('Mon, Wed and Fri, 08:00, 45 minutes, one carer');
  await expect(item).toContainText('Lives alone; key safe by the back door');

  // Asking for more information needs the message; sent, the referral stays in the queue.
  await item.getByLabel('Ask for more information').check();
  await item.getByRole('button', { name: 'Record the decision' }).click();
  await expect(item.getByRole('alert')).toContainText('There is a problem');
  await item.getByLabel('What you need to know, told to the referrer').fill('Which days does the family visit?');
  await item.getByRole('button', { name: 'Record the decision' }).click();
  await expect(item.getByRole('status')).toHaveText('The referrer has been asked for more information.');
  const asked = await request.get(`/api/v1/referrals/${received.id}`, { headers: auth });
  expect(((await asked.json()) as { status: string }).status).toBe('MORE_INFO');

  await broker.reload();
  await expect(item).toContainText('Waiting for more information: Which days does the family visit?');
  await item.getByLabel('Accept as a draft package').check();
  await item.getByRole('button', { name: 'Record the decision' }).click();
  // Accepted, it leaves the queue; what became of it stays shown above the queue, with the draft's link.
  await expect(item).toHaveCount(0);
  const outcome = queue.getByRole('status').getByRole('listitem').filter({ hasText: name });
  await expect(outcome).toContainText(`${name}. Accepted: a draft package was made.`);
  const open = outcome.getByRole('link', { name: /^Open draft / });
  const reference = ((await open.textContent()) ?? '').replace('Open draft ', '').trim();
  expect(reference).toMatch(/^BDC-\d+$/);

  // The draft is the person's, with the visits asked for, waiting to be checked and posted.
  await open.click();
  await expect(broker).toHaveURL(new RegExp(`/packages/${reference}$`));
  await expect(broker.getByRole('heading', { level: 1 })).toHaveText(`${reference}: ${name}`);
  await expect(broker.locator('article > header')).toContainText('· draft');
  await expect(broker.getByRole('region', { name: 'Visits', exact: true })).toContainText('Mon, Wed and Fri, 08:00, 45 minutes, one carer');

  // The record reads back the outcome and the package.
  const read = await request.get(`/api/v1/referrals/${received.id}`, { headers: auth });
  expect(read.status()).toBe(200);
  expect(await read.json()).toMatchObject({ status: 'ACCEPTED', decision: { status: 'ACCEPTED' }, package: { reference } });
});
