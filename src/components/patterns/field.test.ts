import { describe, expect, it } from 'vitest';
import { choice, fieldError, fieldHint } from './field.ts';
import { FIELD_EXAMPLES } from './field.examples.ts';

const ids = (markup: string) => [...markup.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]!);

describe('the field pieces', () => {
  it.each(Object.entries(FIELD_EXAMPLES))('%s: every label and description points at something on the page', (_name, { markup, inError }) => {
    const present = new Set(ids(markup));
    for (const [, target] of markup.matchAll(/\bfor="([^"]+)"/g)) expect(present, `label for ${target}`).toContain(target);
    for (const [, list] of markup.matchAll(/aria-describedby="([^"]+)"/g)) {
      for (const target of list!.split(' ')) expect(present, `described by ${target}`).toContain(target);
    }
    expect(markup.startsWith(`<div class="form-group${inError ? ' form-group-error' : ''}"`)).toBe(true);
    // A message that is shown starts with the hidden "Error:" screen readers announce.
    if (inError) expect(markup).toMatch(/<p id="[^"]+-error" class="error-message"><span class="visually-hidden">Error:<\/span> <span data-error-text>[^<]+<\/span><\/p>/);
  });

  it('escapes what it is given and leaves out what is empty', () => {
    expect(fieldHint('f-x', 'Use <b>bold</b>')).toBe('<div id="f-x-hint" class="hint">Use &lt;b&gt;bold&lt;/b&gt;</div>');
    expect(fieldHint('f-x', undefined)).toBe('');
    expect(fieldError('f-x', undefined)).toBe('');
    expect(fieldError('f-x', undefined, { placeholder: true })).toContain(' hidden>');
    expect(choice({ type: 'checkbox', id: 'c', name: 'n', value: '"v"', label: 'A & B' })).toContain('value="&quot;v&quot;"');
  });
});
