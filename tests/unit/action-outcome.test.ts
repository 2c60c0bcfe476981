import { describe, expect, it } from 'vitest';
import { actionOutcome } from '@/components/form/action-outcome';

// What a form shows after its server action answers (components/form/use-action-form.ts).

const sent = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe('a form after its action answers', () => {
  it('once refused with field errors: shows them, no message or status, and moves focus to the summary', () => {
    const outcome = actionOutcome({ ok: false, code: 'VALIDATION', message: 'Check the form', fieldErrors: { name: ['Enter a name'] } }, sent({}), {
      saved: 'Saved.',
      reset: true,
      refresh: true,
    });
    expect(outcome).toEqual({ errors: { name: ['Enter a name'] }, message: null, status: null, reset: false, refresh: false, focusSummary: true });
  });

  it('once refused without field errors: shows the action’s message in the summary', () => {
    const outcome = actionOutcome({ ok: false, code: 'CONFLICT', message: 'Someone changed it first' }, sent({}), { saved: 'Saved.' });
    expect(outcome).toMatchObject({ errors: {}, message: 'Someone changed it first', status: null, focusSummary: true });
  });

  it('once saved: clears the errors and says so, from the answer and what was sent when asked', () => {
    const outcome = actionOutcome({ ok: true, data: { existing: true } }, sent({ name: 'Acme Care' }), {
      saved: (data, form) => `${String(form.get('name'))}${data.existing ? ' was already there' : ' is added'}`,
    });
    expect(outcome).toEqual({ errors: {}, message: null, status: 'Acme Care was already there', reset: false, refresh: false, focusSummary: false });
  });

  it('once saved: empties the form and reloads the page only as asked, an edit keeping its values', () => {
    const addsWhenNoId = { saved: 'Saved.', reset: (form: FormData) => !form.get('wardId'), refresh: true };
    expect(actionOutcome({ ok: true, data: null }, sent({ name: 'Ward' }), addsWhenNoId)).toMatchObject({ reset: true, refresh: true });
    expect(actionOutcome({ ok: true, data: null }, sent({ wardId: 'w1', name: 'Ward' }), addsWhenNoId)).toMatchObject({ reset: false, refresh: true });
    expect(actionOutcome({ ok: true, data: null }, sent({}), { saved: 'Saved.' })).toMatchObject({ reset: false, refresh: false });
  });
});
