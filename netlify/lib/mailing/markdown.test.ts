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

describe('what the editor’s formatting buttons write, in an email', () => {
  const site = 'https://mentoring.example.org';

  it('renders a block quote as a quote, never as a literal “>”', () => {
    const rendered = renderMarkdown('Before.\n\n> A mentor once told me:\n> **ask early**, and ask again.\n\nAfter.', site);
    expect(rendered.html).toContain('<blockquote');
    expect(rendered.html).toMatch(/<blockquote[^>]*>\n<p>A mentor once told me: <strong>ask early<\/strong>, and ask again.<\/p>\n<\/blockquote>/);
    expect(rendered.html).not.toContain('&gt;');
    expect(rendered.html).toContain('<p>Before.</p>');
    expect(rendered.html).toContain('<p>After.</p>');
    expect(rendered.text).toContain('> A mentor once told me: ask early, and ask again.');
  });

  it('keeps lists and headings inside a quote', () => {
    const rendered = renderMarkdown('> ### Tip\n> - one\n> - two', site);
    expect(rendered.html).toMatch(/<blockquote[^>]*>\n<h3>Tip<\/h3>\n<ul><li>one<\/li><li>two<\/li><\/ul>\n<\/blockquote>/);
  });

  it('renders fenced code as preformatted text, escaped and not formatted', () => {
    const rendered = renderMarkdown('Try:\n\n```\n<marc> **not bold**\n  indented\n```\n\nDone.', site);
    expect(rendered.html).toContain('<pre style="white-space:pre-wrap"><code>&lt;marc&gt; **not bold**\n  indented</code></pre>');
    expect(rendered.html).toContain('<p>Done.</p>');
    expect(rendered.text).toContain('    <marc> **not bold**');
  });

  it('renders every other button: bold, italic, inline code, link, heading, bulleted and numbered lists', () => {
    const rendered = renderMarkdown('## Heading\n\n**bold** *italic* `code` [site](/topics/)\n\n- bullet\n\n1. first\n2. second', site);
    expect(rendered.html).toContain('<h3>Heading</h3>');
    expect(rendered.html).toContain('<strong>bold</strong> <em>italic</em> <code>code</code> <a href="https://mentoring.example.org/topics/">site</a>');
    expect(rendered.html).toContain('<ul><li>bullet</li></ul>');
    expect(rendered.html).toContain('<ol><li>first</li><li>second</li></ol>');
  });
});
