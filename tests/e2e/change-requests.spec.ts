import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { formatWeekday, londonDate } from '../../lib/time/london';
import { signIn } from './support/demo';

// A provider asks for an extra evening visit on a placed package; an admin has given the broker an
// approval limit high enough for it; the broker approves it from the queue and the package page;
// the provider sees the outcome and the new visit and hours from the agreed day. Each new screen is
// checked on a phone and a desktop: no sideways scrolling, the automatic WCAG checks, a screenshot.

const DAY = 86_400_000;
const today = londonDate(new Date());
const dayFrom = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const shown = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${iso}T00:00:00Z`));

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1366, height: 900 },
] as const;

/** At each size: the page fits the window, passes axe's WCAG 2.2 A/AA rules, and is kept as a screenshot. */
async function checkScreen(page: Page, testInfo: TestInfo, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const wider = await page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
    // Names what sticks out, when something does: the deepest elements past the window's right edge.
    const past = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter(
          (e) =>
            e.getBoundingClientRect().right > window.innerWidth + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1),
        )
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}: ${(e.textContent ?? '').trim().slice(0, 60)}`),
    );
    expect(wider, `${name} scrolls sideways at ${size.width}px: ${past.join(' | ')}`).toBe(0);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(
      result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${name} at ${size.width}px`,
    ).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('a provider asks for an extra evening visit; a broker within their limit approves it; the provider sees the new visits from the agreed date', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);

  // The broker's approval limit, set by an administrator.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@bradford.example');
  await admin.getByRole('link', { name: 'Approvals', exact: true }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Approvals');
  const brokerLimit = admin.getByRole('listitem').filter({ hasText: 'broker@bradford.example' });
  const limitBox = brokerLimit.getByRole('textbox');
  await limitBox.fill('lots');
  await brokerLimit.getByRole('button', { name: /^Save/ }).click();
  await expect(brokerLimit.getByRole('alert')).toContainText('Enter the yearly limit in pounds');
  await expect(limitBox).toHaveAttribute('aria-invalid', 'true');
  await limitBox.fill('£25,000');
  await brokerLimit.getByRole('button', { name: /^Save/ }).click();
  await expect(brokerLimit.getByRole('status')).toContainText('may now approve up to £25,000.00 a year');
  // The new-package rule needs its threshold.
  await admin.getByLabel('New packages above the threshold need approval before they are posted').check();
  await admin.getByLabel('Threshold: yearly cost in pounds').fill('');
  await admin.getByRole('button', { name: 'Save the rules' }).click();
  await expect(admin.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await expect(admin.getByRole('link', { name: 'Enter the yearly cost above which a new package needs approval' })).toHaveAttribute(
    'href',
    '#newPackageApprovalThreshold',
  );
  await admin.getByLabel('New packages above the threshold need approval before they are posted').uncheck();
  await admin.getByRole('button', { name: 'Save the rules' }).click();
  await expect(admin.getByText('Saved. Packages posted from now on follow these rules.')).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole('listitem').filter({ hasText: 'broker@bradford.example' }).getByRole('textbox')).toHaveValue('25000');
  await checkScreen(admin, testInfo, 'admin-approvals');

  // The provider's placement in Bradford, as the provider sees it.
  const provider = await (await browser.newContext()).newPage();
  await signIn(provider, 'provider@homefirst.example');
  await provider.goto('/provider/placements');
  const row = provider.getByRole('row').filter({ hasText: 'Bradford District' }).last();
  const reference = (await row.getByRole('rowheader').textContent())!.trim().match(/BDC-\d+/)![0];
  await row.getByRole('link').first().click();
  await expect(provider.getByRole('heading', { level: 1 })).toContainText(reference);
  const placementUrl = provider.url();
  const visitsBefore = await provider.getByRole('region', { name: 'Visits', exact: true }).getByRole('listitem').count();

  const change = provider.getByRole('region', { name: 'Change the care', exact: true });
  await change.getByText('Ask for more or less care').click();
  await change.getByRole('button', { name: 'Add a visit' }).click();
  const n = visitsBefore + 1;
  await change
    .getByRole('group', { name: `Visit ${n}`, exact: true })
    .getByLabel('Start')
    .fill('19:30');
  // With several service lines the provider says which one takes the extra half-hour a day.
  const firstLine = change.getByRole('group', { name: 'Service line 1', exact: true }).getByLabel('Hours a week');
  if (await firstLine.count()) await firstLine.fill(String(Number(await firstLine.inputValue()) + 3.5));
  // No reason, and a day in the past: both named in the summary and at the fields.
  await change.getByLabel('The change starts on').fill(dayFrom(-3));
  await change.getByRole('button', { name: 'Send the request' }).click();
  const summary = change.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Say why the change is needed' })).toHaveAttribute('href', '#change-reason');
  await change.getByLabel('Why the change is needed').fill('Needs help to get ready for bed in the evening.');
  await change.getByRole('button', { name: 'Send the request' }).click();
  await expect(summary.getByRole('link', { name: /a change cannot be backdated/ })).toHaveAttribute('href', '#change-startDate');
  await expect(change.getByLabel('The change starts on')).toHaveAttribute('aria-invalid', 'true');
  await checkScreen(provider, testInfo, 'provider-change-request-errors');
  await change.getByLabel('The change starts on').fill(dayFrom(1));
  await change.getByRole('button', { name: 'Send the request' }).click();
  await expect(change.getByRole('status')).toContainText('Your request has been sent to the council');
  const requests = provider.getByRole('region', { name: 'Your change requests, latest first' });
  await expect(requests.getByRole('row').nth(1)).toContainText('Waiting for a decision');
  await expect(requests.getByRole('row').nth(1)).toContainText(shown(dayFrom(1)));
  await checkScreen(provider, testInfo, 'provider-placement-request-sent');

  // The broker finds it from home, in the queue, with its age, cost and whether their limit covers it.
  const broker = await (await browser.newContext()).newPage();
  await signIn(broker, 'broker@bradford.example');
  await expect(broker.getByTestId('change-requests-waiting')).toContainText('from providers waiting for a decision');
  await broker.getByRole('link', { name: 'Change requests', exact: true }).click();
  await expect(broker.getByRole('heading', { level: 1 })).toHaveText('Change requests from providers');
  await expect(broker.getByText('Your approval limit is £25,000.00 a year')).toBeVisible();
  const queued = broker.getByTestId(`change-request-${reference}`);
  await expect(queued).toContainText('Today');
  await expect(queued).toContainText('Add: Every day, 19:30, 30 minutes, one carer');
  await expect(queued).toContainText('Needs help to get ready for bed in the evening.');
  await expect(queued.getByRole('cell').nth(1)).toHaveText(/^£[\d,]+\.\d\d\+£[\d,]+\.\d\d a week$/);
  await expect(queued.getByRole('cell').nth(2)).toHaveText('Yes');
  await checkScreen(broker, testInfo, 'broker-change-request-queue');
  // On a phone each request is a card, its columns named in it: the queue itself does not scroll sideways either.
  await broker.setViewportSize({ width: 390, height: 844 });
  const frame = broker.getByRole('region', { name: 'Change requests waiting for a decision, oldest first' });
  expect(await frame.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(0);
  expect(
    await queued
      .getByRole('cell')
      .nth(2)
      .evaluate((e) => getComputedStyle(e, '::before').content),
  ).toBe('"Within your limit"');
  await broker.setViewportSize({ width: 1366, height: 900 });

  await queued.getByRole('link', { name: reference }).click();
  await expect(broker).toHaveURL(new RegExp(`/packages/${reference}#approval$`));
  const approval = broker.getByRole('region', { name: 'Approval', exact: true });
  await expect(approval).toContainText(`asks for a change from ${shown(dayFrom(1))}`);
  await expect(approval).toContainText('it covers this change');
  // Refusing needs a reason: the summary says so and links to the note.
  await approval.getByLabel('Refuse').check();
  await approval.getByRole('button', { name: 'Save the decision' }).click();
  await expect(approval.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await expect(approval.getByRole('link', { name: 'Say why the request is refused' })).toHaveAttribute('href', '#decision-note');
  await checkScreen(broker, testInfo, 'broker-package-approval');
  // Approve it, with the keyboard: the radio, then the button.
  await approval.getByLabel('Approve', { exact: true }).focus();
  await broker.keyboard.press('Space');
  await expect(approval.getByLabel('Approve', { exact: true })).toBeChecked();
  await approval.getByRole('button', { name: 'Save the decision' }).focus();
  await broker.keyboard.press('Enter');
  await expect(broker.getByTestId('operation-done')).toContainText(`the change applies from ${shown(dayFrom(1))}. The provider has been told.`);
  const history = broker.getByTestId('approval-history');
  await expect(history).toContainText('Approved');
  await expect(history).toContainText('£25,000.00');
  await expect(broker.getByTestId('open-change-request')).toHaveCount(0);
  await expect(broker.getByRole('region', { name: 'Service lines, oldest first' })).toContainText(shown(dayFrom(1)));
  await checkScreen(broker, testInfo, 'broker-package-approved');
  await expect(broker.getByRole('region', { name: 'Earlier and later visits, oldest first' })).toContainText('Every day, 19:30, 30 minutes, one carer');

  // The provider sees the outcome, the evening visit and the hours from the agreed day.
  await provider.goto(placementUrl);
  await expect(requests.getByRole('row').nth(1)).toContainText('Approved');
  // Today's visits stay as they are; from the agreed day the evening visit is added.
  await expect(provider.getByRole('region', { name: 'Visits', exact: true })).not.toContainText('19:30');
  await expect(provider.getByRole('region', { name: `Visits from ${formatWeekday(dayFrom(1))}`, exact: true })).toContainText(
    'Every day, 19:30, 30 minutes, one carer (new from this day)',
  );
  const lines = provider.locator('section[aria-labelledby="lines"]');
  await expect(
    lines
      .getByRole('row')
      .filter({ hasText: shown(dayFrom(1)) })
      .getByRole('cell')
      .nth(2),
  ).toHaveText('Ongoing');
  await expect(lines.getByRole('row').filter({ hasText: shown(dayFrom(1)) })).toHaveCount(1);
  await expect(provider.getByText('Your last request for this package is waiting for a decision')).toHaveCount(0);
  await checkScreen(provider, testInfo, 'provider-placement-approved');
});
