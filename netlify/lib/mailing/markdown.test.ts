import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

const SITE = 'https://mentoring.example.org';

describe('renderMarkdown for emails', () => {
  it('renders paragraphs, emphasis and links, with a plain-text twin', () => {
    const { html, text } = renderMarkdown('Hello **there**, see [the archive](/topics/) and *this*.\nSame paragraph.\n\nSecond.', SITE);
    expect(html).toBe(
      '<p>Hello <strong>there</strong>, see <a href="https://mentoring.example.org/topics/">the archive</a> and <em>this</em>.\nSame paragraph.</p>\n<p>Second.</p>',
    );
    expect(text).toBe('Hello there, see the archive (https://mentoring.example.org/topics/) and this. Same paragraph.\n\nSecond.');
  });

  it('renders nested lists, and mailto links as the address', () => {
    const source =
      'As a mentor:\n\n- **Apply** first.\n- Talk about:\n  - interests\n  - goals\n- Write to [mentoring@example-association.org](mailto:mentoring@example-association.org).';
    const { html, text } = renderMarkdown(source, SITE);
    expect(html).toContain(
      '<ul>\n<li><strong>Apply</strong> first.</li>\n<li>Talk about:\n<ul>\n<li>interests</li>\n<li>goals</li>\n</ul>\n</li>\n<li>Write to <a href="mailto:mentoring@example-association.org">mentoring@example-association.org</a>.</li>\n</ul>',
    );
    expect(text).toContain('- Talk about:\n   - interests\n   - goals\n- Write to mentoring@example-association.org.');
  });

  it('shows raw HTML as text and refuses unsafe link targets', () => {
    const { html, text } = renderMarkdown('Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](//evil.example/) [z](#top)', SITE);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script>');
    expect(html).not.toContain('href');
    expect(html).not.toContain('evil.example');
    expect(html).toBe('<p>Hi &lt;script>alert(1)&lt;/script> x y z</p>');
    expect(text).toBe('Hi <script>alert(1)</script> x y z');
  });
});

describe('rendering for a whole mailing', () => {
  it('parses a source once per site, however many emails carry it', () => {
    const source = 'A topic for **everyone**.';
    const first = renderMarkdown(source, SITE);
    expect(renderMarkdown(source, SITE)).toBe(first);
    expect(renderMarkdown(source, 'https://other.example.org')).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});

describe('what the editor’s formatting buttons write, in an email', () => {
  it('renders a block quote as a quote, never as a literal “>”', () => {
    const rendered = renderMarkdown('Before.\n\n> A mentor once told me:\n> **ask early**, and ask again.\n\nAfter.', SITE);
    expect(rendered.html).toMatch(/<blockquote style="[^"]+">\n<p>A mentor once told me:\n<strong>ask early<\/strong>, and ask again.<\/p>\n<\/blockquote>/);
    expect(rendered.html).not.toContain('&gt;');
    expect(rendered.html).toContain('<p>Before.</p>');
    expect(rendered.html).toContain('<p>After.</p>');
    expect(rendered.text).toContain('> A mentor once told me: ask early, and ask again.');
  });

  it('keeps lists and headings inside a quote', () => {
    const rendered = renderMarkdown('> ### Tip\n> - one\n> - two', SITE);
    expect(rendered.html).toMatch(/<blockquote style="[^"]+">\n<h3>Tip<\/h3>\n<ul>\n<li>one<\/li>\n<li>two<\/li>\n<\/ul>\n<\/blockquote>/);
    expect(rendered.text).toBe('> Tip\n>\n> - one\n> - two');
  });

  it('renders fenced code as preformatted text, escaped and not formatted', () => {
    const rendered = renderMarkdown('Try:\n\n```\n<marc> **not bold**\n  indented\n```\n\nDone.', SITE);
    expect(rendered.html).toContain('<pre style="white-space:pre-wrap"><code>&lt;marc> **not bold**\n  indented\n</code></pre>');
    expect(rendered.html).toContain('<p>Done.</p>');
    expect(rendered.text).toContain('    <marc> **not bold**\n      indented\n\nDone.');
  });

  it('renders every other button: bold, italic, inline code, link, heading, bulleted and numbered lists', () => {
    const rendered = renderMarkdown('## Heading\n\n**bold** *italic* `code` [site](/topics/)\n\n- bullet\n\n1. first\n2. second', SITE);
    expect(rendered.html).toBe(
      '<h3>Heading</h3>\n<p><strong>bold</strong> <em>italic</em> <code>code</code> <a href="https://mentoring.example.org/topics/">site</a></p>\n<ul>\n<li>bullet</li>\n</ul>\n<ol>\n<li>first</li>\n<li>second</li>\n</ol>',
    );
    expect(rendered.text).toBe('Heading\n\nbold italic code site (https://mentoring.example.org/topics/)\n\n- bullet\n\n1. first\n2. second');
  });
});

/**
 * The site's topic pages are rendered by Astro's Markdown processor; the email must show the
 * same structure and the same words for what each of the editor's buttons writes. Compared: the
 * elements in order (the email's headings start at h3; the site's code highlighting adds spans)
 * and the text.
 */
describe('the email renders each button as the site does', () => {
  const BUTTONS = {
    bold: 'A **bold** word.',
    italic: 'An *italic* word, and _another_.',
    link: 'See [the archive](/topics/) and [NASA](https://www.nasa.gov/).',
    'heading 1': '# A big heading',
    'heading 2': '## A smaller heading',
    quote: '> Ask early,\n> and ask again.',
    code: 'Type `git status` first.',
    'code block': '```\nline one\n  line two\n```',
    'bulleted list': '- one\n- two\n  - two and a half',
    'numbered list': '1. first\n2. second',
    'smart punctuation': '"Quotes" -- and it\'s ... done.',
  };

  const siteProcessor = createSatteriMarkdownProcessor({});
  const decode = (html: string) =>
    html
      .replace(/<[^>]+>/g, '')
      .replace(/&#x3C;|&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  const elements = (html: string) =>
    [...html.matchAll(/<([a-z][a-z0-9]*)\b/g)]
      .map((match) => match[1]!)
      .filter((tag) => tag !== 'span')
      .map((tag) => (/^h[12]$/.test(tag) ? 'h3' : tag));

  it.each(Object.entries(BUTTONS))('%s', async (_button, source) => {
    const site = (await (await siteProcessor).render(source)).code;
    const email = renderMarkdown(source, SITE).html;
    expect(elements(email)).toEqual(elements(site));
    expect(decode(email)).toBe(decode(site));
    expect(elements(email).length).toBeGreaterThan(0);
  });
});
