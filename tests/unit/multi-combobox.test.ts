import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MultiCombobox } from '@/components/form/multi-combobox';

const options = [
  { id: 'a', name: 'Acorn Care' },
  { id: 'b', name: 'Beech Homecare' },
  { id: 'c', name: 'Cedar Support' },
];

describe('the searchable multi-select', () => {
  it('is a labelled combobox controlling a listbox, closed until used', () => {
    const out = renderToStaticMarkup(
      h(MultiCombobox, { id: 'excludedProviderIds', label: 'Providers not to offer it to', options, values: [], onChange: () => {} }),
    );
    expect(out).toContain('<label for="excludedProviderIds"');
    const input = out.match(/<input[^>]*>/)![0];
    expect(input).toContain('role="combobox"');
    expect(input).toContain('aria-expanded="false"');
    const controls = input.match(/aria-controls="([^"]+)"/)![1];
    expect(out).toContain(`id="${controls}" role="listbox" aria-label="Providers not to offer it to" hidden=""`);
  });

  it('shows each choice as a chip with its own Remove button, and leaves chosen ones out of the list', () => {
    const out = renderToStaticMarkup(h(MultiCombobox, { id: 'x', label: 'Providers', options, values: ['b'], onChange: () => {} }));
    expect(out).toContain('aria-label="Chosen: 1"');
    expect(out).toContain('aria-label="Remove Beech Homecare"');
    expect(out.match(/role="option"/g)).toHaveLength(2);
    expect(out).not.toMatch(/role="option"[^>]*>Beech Homecare/);
  });

  it('ties an error to the text box, so the error summary can link to it', () => {
    const out = renderToStaticMarkup(
      h(MultiCombobox, {
        id: 'excludedProviderIds',
        label: 'Providers',
        options,
        values: [],
        onChange: () => {},
        errors: { excludedProviderIds: 'Exclude at most 200 providers' },
      }),
    );
    expect(out).toContain('<p id="excludedProviderIds-error"');
    const input = out.match(/<input[^>]*>/)![0];
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="excludedProviderIds-error"');
  });
});
