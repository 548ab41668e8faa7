import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

const SITE = 'https://mentoring.example.org';

describe('renderMarkdown for emails', () => {
  it('renders paragraphs, emphasis and links, with a plain-text twin', () => {
    const { html, text } = renderMarkdown('Hello **there**, see [the archive](/topics/) and *this*.\nSame paragraph.\n\nSecond.', SITE);
    expect(html).toBe(
      '<p>Hello <strong>there</strong>, see <a href="https://mentoring.example.org/topics/">the archive</a> and <em>this</em>. Same paragraph.</p>\n<p>Second.</p>',
    );
    expect(text).toBe('Hello there, see the archive (https://mentoring.example.org/topics/) and this. Same paragraph.\n\nSecond.');
  });

  it('renders lists with one level of nesting, and mailto links as the address', () => {
    const source =
      'As a mentor:\n\n- **Apply** first.\n- Talk about:\n  - interests\n  - goals\n- Write to [mentoring@example-association.org](mailto:mentoring@example-association.org).';
    const { html, text } = renderMarkdown(source, SITE);
    expect(html).toContain(
      '<ul><li><strong>Apply</strong> first.</li><li>Talk about:<ul><li>interests</li><li>goals</li></ul></li><li>Write to <a href="mailto:mentoring@example-association.org">mentoring@example-association.org</a>.</li></ul>',
    );
    expect(text).toContain('- Talk about:\n   - interests\n   - goals\n- Write to mentoring@example-association.org.');
  });

  it('escapes HTML and refuses unsafe link targets', () => {
    const { html, text } = renderMarkdown('<script>alert(1)</script> [x](javascript:alert(1)) [y](//evil.example/)', SITE);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('evil.example');
    expect(text).toContain('<script>alert(1)</script> x');
  });
});
