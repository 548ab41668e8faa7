/**
 * Topic bodies and the program's guidance, rendered for an email by the site's own Markdown
 * processor: satteri, the parser Astro renders the topic pages with, with the features Astro
 * turns on (GFM and smart punctuation). So every formatting button the CMS offers (bold, italic,
 * links, lists, headings, block quotes, code) comes out of the email as it comes out of the page
 * (markdown.test.ts compares the two). The tree is then fitted to an email: links made absolute
 * (an email has no base address) and kept only for http(s), mailto and the site's own pages,
 * headings placed under the email's own, quotes and code styled inline (mail clients drop style
 * sheets), raw HTML shown as the text it is. The plain-text twin keeps the words and writes links
 * as "text (address)".
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { markdownToHast } from 'satteri';

export interface RenderedMarkdown {
  html: string;
  text: string;
}

/** The features Astro's Markdown processor (@astrojs/markdown-satteri) enables by default. */
export const SITE_MARKDOWN_FEATURES = { gfm: true, smartPunctuation: true } as const;

const QUOTE_STYLE = 'margin:0 0 16px;padding-left:12px;border-left:4px solid #d4d8dd';
const CODE_BLOCK_STYLE = 'white-space:pre-wrap';
/** The email's own headings are h1 and h2: the body's start at h3. */
const FIRST_BODY_HEADING = 3;
const HEADING = /^h([1-6])$/;

/** A link target an email may carry, made absolute; null when it is not one. */
function linkTarget(href: string, siteUrl: string): string | null {
  if (/^https?:\/\/[^\s]+$/i.test(href) || /^mailto:[^\s]+$/i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return `${siteUrl}${href}`;
  return null;
}

function text(value: string): Text {
  return { type: 'text', value };
}

/** The processor's tree, fitted to an email; what an email must not carry becomes its text. */
function forEmail(nodes: readonly RootContent[], siteUrl: string): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text') out.push(node);
    else if (node.type === 'raw') out.push(text(node.value));
    else if (node.type === 'element') out.push(...elementForEmail(node, siteUrl));
  }
  return out;
}

function elementForEmail(element: Element, siteUrl: string): ElementContent[] {
  const children = forEmail(element.children, siteUrl);
  const heading = HEADING.exec(element.tagName);
  if (heading) {
    const level = Math.max(FIRST_BODY_HEADING, Number(heading[1]));
    return [{ type: 'element', tagName: `h${level}`, properties: {}, children }];
  }
  switch (element.tagName) {
    case 'a': {
      const target = linkTarget(String(element.properties.href ?? ''), siteUrl);
      return target ? [{ type: 'element', tagName: 'a', properties: { href: target }, children }] : children;
    }
    case 'img':
      return [text(String(element.properties.alt ?? ''))];
    case 'blockquote':
      return [{ type: 'element', tagName: 'blockquote', properties: { style: QUOTE_STYLE }, children }];
    case 'pre':
      return [{ type: 'element', tagName: 'pre', properties: { style: CODE_BLOCK_STYLE }, children }];
    case 'input':
      // A task list's checkbox: its state as text, since an email holds no form controls.
      return [text(element.properties.checked ? '☑' : '☐')];
    default:
      return [{ ...element, children }];
  }
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'table', 'hr', 'div', 'section']);

function isBlock(node: ElementContent): node is Element {
  return node.type === 'element' && BLOCKS.has(node.tagName);
}

/** Inline content as one line of text: soft line breaks become spaces, <br> a new line. */
function inlineText(nodes: readonly ElementContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.value.replace(/\s+/g, ' ');
      if (node.type !== 'element') return '';
      if (node.tagName === 'br') return '\n';
      const label = inlineText(node.children);
      if (node.tagName !== 'a') return label;
      const shown = String(node.properties.href).replace(/^mailto:/i, '');
      return label.trim() === shown ? label : `${label} (${shown})`;
    })
    .join('')
    .replace(/ *\n */g, '\n');
}

function indent(block: string, prefix: string, firstPrefix = prefix): string {
  return block
    .split('\n')
    .map((line, index) => (index === 0 ? firstPrefix : line ? prefix : prefix.trimEnd()) + line)
    .join('\n');
}

function blockText(element: Element): string {
  const tag = element.tagName;
  if (tag === 'pre') return indent(inlineTextPreformatted(element.children).replace(/\n$/, ''), '    ');
  if (tag === 'blockquote') return indent(blocksText(element.children, '\n\n'), '> ');
  if (tag === 'hr') return '---';
  if (tag === 'ul' || tag === 'ol') {
    const items = element.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
    return items.map((item, index) => indent(blocksText(item.children, '\n'), '   ', tag === 'ol' ? `${index + 1}. ` : '- ')).join('\n');
  }
  if (tag === 'table') {
    const rows: string[] = [];
    const walk = (nodes: readonly ElementContent[]) => {
      for (const node of nodes) {
        if (node.type !== 'element') continue;
        if (node.tagName === 'tr') {
          const cells = node.children.filter((cell): cell is Element => cell.type === 'element');
          rows.push(cells.map((cell) => inlineText(cell.children).trim()).join(' | '));
        } else walk(node.children);
      }
    };
    walk(element.children);
    return rows.join('\n');
  }
  if (tag === 'div' || tag === 'section') return blocksText(element.children, '\n\n');
  return inlineText(element.children).trim();
}

function inlineTextPreformatted(nodes: readonly ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? inlineTextPreformatted(node.children) : '')).join('');
}

/** Blocks as text, separated by `separator`; loose inline content (a tight list's item) is a block of its own. */
function blocksText(nodes: readonly ElementContent[], separator: string): string {
  const blocks: string[] = [];
  let inline: ElementContent[] = [];
  const flush = () => {
    const line = inlineText(inline).trim();
    if (line) blocks.push(line);
    inline = [];
  };
  for (const node of nodes) {
    if (isBlock(node)) {
      flush();
      const block = blockText(node);
      if (block) blocks.push(block);
    } else inline.push(node);
  }
  flush();
  return blocks.join(separator);
}

/** A mailing renders the same topic for thousands of people: each source is parsed once. */
const rendered = new Map<string, Readonly<RenderedMarkdown>>();
const RENDERED_KEPT = 64;

/** Renders Markdown for an email, as HTML and as plain text. */
export function renderMarkdown(source: string, siteUrl: string): Readonly<RenderedMarkdown> {
  const key = `${siteUrl}\n${source}`;
  const known = rendered.get(key);
  if (known) return known;
  const tree = markdownToHast(source, { features: SITE_MARKDOWN_FEATURES, position: false }) as Root;
  const content = forEmail(tree.children, siteUrl);
  const result = Object.freeze({
    html: toHtml({ type: 'root', children: content }, { characterReferences: { useNamedReferences: true } }).trim(),
    text: blocksText(content, '\n\n'),
  });
  // The oldest goes first, so a long-running process keeps only recent sources.
  if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, result);
  return result;
}
