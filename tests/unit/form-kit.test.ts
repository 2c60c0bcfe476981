import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Checkbox, ErrorSummary, MoneyInput, problemsOf, Radios, SubmitButton, TextInput, type TFieldErrors } from '@/components/form';

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe('the form field kit', () => {
  it('ties a field to its label and hint, and says nothing is wrong before a submit', () => {
    const out = html(h(TextInput, { id: 'invite-email', name: 'email', label: 'Email address', hint: 'Their work address.' }));
    expect(out).toContain('<label for="invite-email"');
    expect(out).toContain('<p id="invite-email-hint"');
    const input = out.match(/<input[^>]*>/)![0];
    expect(input).toContain('id="invite-email"');
    expect(input).toContain('name="email"');
    expect(input).toContain('aria-describedby="invite-email-hint"');
    expect(out).not.toContain('aria-invalid');
  });

  it("shows a field's error from the action's fieldErrors and marks the control invalid", () => {
    const errors: TFieldErrors = { email: ['Enter an email address', 'A second message'] };
    const out = html(h(TextInput, { id: 'invite-email', name: 'email', label: 'Email address', hint: 'Their work address.', errors }));
    expect(out).toContain('<p id="invite-email-error"');
    expect(out).toContain('Enter an email address');
    expect(out).not.toContain('A second message');
    expect(out).toMatch(/aria-invalid="true"/);
    expect(out).toMatch(/aria-describedby="invite-email-hint invite-email-error"/);
  });

  it('reads an error kept under another path, or under the id of a field with no name', () => {
    const byKey = html(h(MoneyInput, { id: 'budget-SPOT', name: 'SPOT', label: 'Spot', errors: { 'amounts.SPOT': ['Too much'] }, errorKey: 'amounts.SPOT' }));
    expect(byKey).toContain('Too much');
    expect(byKey).toContain('inputMode="decimal"');
    const byId = html(h(TextInput, { id: 'visits.0.minutes', label: 'Minutes', errors: { 'visits.0.minutes': 'Steps of 5' } }));
    expect(byId).toContain('id="visits.0.minutes-error"');
  });

  it('asks a radio question with a fieldset and legend, and the summary links to it', () => {
    const errors = { outcome: ['Choose an outcome'] };
    const out = html(
      h(Radios, {
        id: 'return-outcome',
        name: 'outcome',
        legend: 'Does the provider take the person back?',
        options: [
          { value: 'RESUMED', label: 'Yes' },
          { value: 'HANDED_BACK', label: 'No' },
        ],
        errors,
      }),
    );
    expect(out).toMatch(/<fieldset id="return-outcome"[^>]*aria-describedby="return-outcome-error"/);
    expect(out).toContain('<legend');
    expect(out).toContain('<label for="return-outcome-RESUMED"');
    expect(problemsOf(errors, (k) => `return-${k}`)).toEqual([{ href: '#return-outcome', text: 'Choose an outcome' }]);
  });

  it('marks a single checkbox invalid with its error', () => {
    const out = html(h(Checkbox, { id: 'status-confirm', name: 'confirm', label: 'I understand', error: 'Confirm it' }));
    expect(out).toContain('id="status-confirm-error"');
    const input = out.match(/<input[^>]*>/)![0];
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="status-confirm-error"');
  });

  it('keeps a live region for the summary, empty until there is a problem', () => {
    expect(html(h(ErrorSummary, { problems: [] }))).toBe('<div aria-live="assertive"></div>');
    const out = html(h(ErrorSummary, { problems: [{ href: '#email', text: 'Enter an email address' }] }));
    expect(out).toContain('role="alert"');
    expect(out).toContain('<a class="underline" href="#email">Enter an email address</a>');
  });

  it('disables the submit button and says so while the action runs', () => {
    const out = html(h(SubmitButton, { pending: true, pendingLabel: 'Saving…', children: 'Save' }));
    expect(out).toContain('disabled=""');
    expect(out).toContain('Saving…');
  });
});
