import { describe, expect, it } from 'vitest';
import { controlCharacterErrors } from '@/lib/errors/field-errors';

describe('control characters in input', () => {
  it('are named by the path of each field that holds one, however deep', () => {
    expect(
      controlCharacterErrors({ name: 'Ann\u0000', visits: [{ note: 'ok' }, { note: 'bell\u0007' }], person: { address: { line1: '1 High St\u001b' } } }),
    ).toEqual({
      name: ['Remove the control character from this field'],
      'visits.1.note': ['Remove the control character from this field'],
      'person.address.line1': ['Remove the control character from this field'],
    });
  });

  it('leave tabs, line breaks, other text, numbers and booleans alone', () => {
    expect(controlCharacterErrors({ notes: 'line one\r\nline two\tend', name: 'Zoë Ó Súilleabháin', hours: 7.5, two: true, none: null })).toEqual({});
  });
});
