import { describe, expect, it } from 'vitest';
import { errorSummary } from './errorSummary.ts';
import { ERROR_SUMMARY_EXAMPLES } from './errorSummary.examples.ts';

const examples = Object.entries(ERROR_SUMMARY_EXAMPLES);

describe('the error summary', () => {
  it.each(examples)('%s: one focusable alert box named by its heading', (_name, options) => {
    const markup = errorSummary(options);
    const box = /^<div class="error-summary" data-error-summary role="alert" tabindex="-1" aria-labelledby="([^"]+)"( hidden)?>/.exec(markup);
    expect(box, markup).not.toBeNull();
    expect(markup).toContain(`<h2 class="error-summary-title" id="${box![1]}">${'title' in options ? options.title : 'There is a problem'}</h2>`);
    expect(Boolean(box![2])).toBe('placeholder' in options);
  });

  it('links each problem to its field, escaped', () => {
    const markup = errorSummary({ errors: [{ fieldId: 'f-name', message: 'Enter your <full> name.' }] });
    expect(markup).toContain('<ul class="error-summary-list"><li><a href="#f-name">Enter your &lt;full&gt; name.</a></li></ul>');
  });

  it('is left out when there is nothing to say, unless a script will fill it', () => {
    expect(errorSummary({})).toBe('');
    expect(errorSummary({ errors: [] })).toBe('');
    expect(errorSummary({ placeholder: true })).toContain('<ul class="error-summary-list"></ul>');
  });

  it('gives summaries with different headings different ids, so a page can hold two', () => {
    const ids = [errorSummary({ text: 'One.' }), errorSummary({ title: 'Nothing was changed', text: 'Two.' })].map((markup) => /aria-labelledby="([^"]+)"/.exec(markup)![1]);
    expect(ids).toEqual(['error-summary-title', 'error-summary-nothing-was-changed']);
  });
});
