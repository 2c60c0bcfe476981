import { expect, test } from '@playwright/test';
import { signIn } from './support/demo';

// Requests no page of the app makes, sent to the production server as a signed-in broker: a server
// action whose body is empty, not JSON or a broken form, and page addresses whose id is not one.
// Each is answered with a 4xx (400 with a message for the action, 404 for the pages), never a 500.

test('a server action with an unreadable body is refused with 400 and a message; a page address naming nothing is 404', async ({ page }) => {
  await signIn(page, 'broker@bradford.example');
  await page.goto('/packages/new');

  // The action id of the person search, as the form sends it.
  const searching = page.waitForRequest((request) => request.method() === 'POST' && request.headers()['next-action'] !== undefined);
  await page.getByLabel('Find by name, NHS number or postcode').fill('Smith');
  await page.getByRole('button', { name: 'Find' }).click();
  const sent = await searching;
  const action = sent.headers()['next-action'];
  expect(action).toMatch(/^[0-9a-f]{40,}$/);

  const unreadable: [string, string, string][] = [
    ['an empty body', 'text/plain;charset=UTF-8', ''],
    ['half a JSON value', 'text/plain;charset=UTF-8', '{'],
    ['text that is not JSON', 'text/plain;charset=UTF-8', 'not json at all'],
    ['JSON null', 'text/plain;charset=UTF-8', 'null'],
    ['a broken form', 'multipart/form-data; boundary=----x', 'garbage'],
  ];
  for (const [name, contentType, body] of unreadable) {
    const response = await page.request.post('/packages/new', {
      headers: { 'next-action': action, 'content-type': contentType, origin: new URL(page.url()).origin },
      data: body,
    });
    expect(response.status(), name).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message, name).toMatch(/could not be read/);
  }

  // A readable body of the wrong shape reaches the action, which names the problem.
  const wrongShape = await page.request.post('/packages/new', {
    headers: { 'next-action': action, 'content-type': 'text/plain;charset=UTF-8', origin: new URL(page.url()).origin },
    data: '[{"query":"x"}]',
  });
  expect(wrongShape.status()).toBe(200);
  expect(await wrongShape.text()).toContain('Type at least 2 characters');

  for (const path of ['/people/not-an-id', '/people/12345', '/packages/BDC-%25', '/packages/BDC-%2525zz', '/contracts/%25'])
    expect((await page.request.get(path)).status(), path).toBe(404);
  for (const path of ['/packages/BDC-%00', '/packages/BDC-%zz']) expect((await page.request.get(path)).status(), path).toBe(400);
});
