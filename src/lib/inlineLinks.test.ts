import { describe, expect, it } from 'vitest';
import { inlineLinksHtml } from './inlineLinks.ts';

describe('a sentence of settings as HTML', () => {
  it('escapes the text and makes [words](address) links of web, email and site addresses only', () => {
    expect(inlineLinksHtml('Join <us> & [read the code](https://example.org/code?a=1&b=2).')).toBe(
      'Join &lt;us&gt; &amp; <a href="https://example.org/code?a=1&amp;b=2">read the code</a>.',
    );
    expect(inlineLinksHtml('[Write](mailto:panel@example.org) or see [the page](/contact/).')).toBe(
      '<a href="mailto:panel@example.org">Write</a> or see <a href="/contact/">the page</a>.',
    );
    expect(inlineLinksHtml('[Click](javascript:alert(1)) and [far](//evil.example/)')).toBe('Click) and far');
  });
});
