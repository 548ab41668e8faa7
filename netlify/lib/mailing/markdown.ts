/**
 * The small part of Markdown that topic bodies and the program's guidance use, rendered for an
 * email: paragraphs, headings, bullet and numbered lists (one level of nesting), block quotes,
 * fenced code, **bold**, *emphasis*, `code` and [links](https://…): every formatting button the
 * CMS's editor offers. Everything else is shown as text. The HTML is safe
 * by construction: every piece of source text is escaped, and only http(s), mailto and
 * site-relative link targets become links (relative ones made absolute, since an email has no
 * base address). The plain-text part keeps the words and writes links as "text (address)".
 */
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';

export interface RenderedMarkdown {
  html: string;
  text: string;
}

type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'list'; ordered: boolean; items: Array<{ text: string; children: string[] }> }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; lines: string[] };

const LIST_ITEM = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/;
const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;

function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const allLines = source.replace(/\r\n?/g, '\n').split('\n');
  // Block quotes and fenced code first: a quote's lines are parsed again as blocks of their own.
  const lines: string[] = [];
  for (let index = 0; index < allLines.length; index += 1) {
    const line = allLines[index]!;
    if (FENCE.test(line)) {
      const fence = FENCE.exec(line)![1]!;
      const code: string[] = [];
      index += 1;
      while (index < allLines.length && !allLines[index]!.trimStart().startsWith(fence)) code.push(allLines[index++]!);
      lines.push(`\u0000code:${blocks.length}`);
      blocks.push({ kind: 'code', lines: code });
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (index < allLines.length && QUOTE.test(allLines[index]!)) quoted.push(QUOTE.exec(allLines[index++]!)![1]!);
      index -= 1;
      lines.push(`\u0000quote:${blocks.length}`);
      blocks.push({ kind: 'quote', blocks: parseBlocks(quoted.join('\n')) });
      continue;
    }
    lines.push(line);
  }
  const special = blocks.splice(0);
  let paragraph: string[] = [];
  let list: Extract<Block, { kind: 'list' }> | null = null;
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push(list);
    list = null;
  };
  for (const line of lines) {
    const placeholder = /^\u0000(?:code|quote):(\d+)$/.exec(line);
    if (placeholder) {
      flushParagraph();
      flushList();
      blocks.push(special[Number(placeholder[1])]!);
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading && !line.startsWith(' ')) {
      flushParagraph();
      flushList();
      blocks.push({ kind: 'heading', text: heading[1] ?? '' });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushParagraph();
      const indent = (item[1] ?? '').length;
      const ordered = /\d/.test(item[2] ?? '');
      const text = item[3] ?? '';
      const current = list as Extract<Block, { kind: 'list' }> | null;
      if (indent >= 2 && current && current.items.length > 0) {
        current.items.at(-1)!.children.push(text);
      } else {
        if (!current || current.ordered !== ordered) {
          flushList();
          list = { kind: 'list', ordered, items: [] };
        }
        list!.items.push({ text, children: [] });
      }
      continue;
    }
    const current = list as Extract<Block, { kind: 'list' }> | null;
    if (current && /^\s+/.test(line)) {
      // A continuation line of the last item (or of its last child).
      const last = current.items.at(-1)!;
      if (last.children.length > 0) last.children[last.children.length - 1] += ` ${line.trim()}`;
      else last.text += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** A link target an email may carry, made absolute; null when it is not one. */
function linkTarget(href: string, siteUrl: string): string | null {
  if (/^https?:\/\/[^\s]+$/i.test(href) || /^mailto:[^\s]+$/i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return `${siteUrl}${href}`;
  return null;
}

function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*([^*\s][^*]*?)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, '$1<em>$2</em>');
}

function inlineText(text: string): string {
  return text
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[^\w*])\*([^*\s][^*]*?)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_([^_\s][^_]*?)_(?!\w)/g, '$1$2');
}

/** One line of inline Markdown as HTML and as text. */
export function renderInline(source: string, siteUrl: string): RenderedMarkdown {
  let html = '';
  let text = '';
  let last = 0;
  for (const match of source.matchAll(LINK)) {
    const before = source.slice(last, match.index);
    html += inlineHtml(before);
    text += inlineText(before);
    const label = match[1] ?? '';
    const target = linkTarget(match[2] ?? '', siteUrl);
    if (target) {
      html += `<a href="${escapeHtml(target)}">${inlineHtml(label)}</a>`;
      const plainLabel = inlineText(label);
      const shown = target.replace(/^mailto:/i, '');
      text += plainLabel === shown ? plainLabel : `${plainLabel} (${shown})`;
    } else {
      html += inlineHtml(label);
      text += inlineText(label);
    }
    last = (match.index ?? 0) + match[0].length;
  }
  html += inlineHtml(source.slice(last));
  text += inlineText(source.slice(last));
  return { html, text };
}

/** Renders Markdown for an email. `headingLevel` is the HTML level headings become (default 3). */
export function renderMarkdown(source: string, siteUrl: string, options: { headingLevel?: number; paragraphStyle?: string } = {}): RenderedMarkdown {
  return renderBlocks(parseBlocks(source), siteUrl, options);
}

function renderBlocks(blocks: Block[], siteUrl: string, options: { headingLevel?: number; paragraphStyle?: string }): RenderedMarkdown {
  const level = options.headingLevel ?? 3;
  const style = options.paragraphStyle ? ` style="${escapeHtml(options.paragraphStyle)}"` : '';
  const html: string[] = [];
  const text: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'quote') {
      const inner = renderBlocks(block.blocks, siteUrl, options);
      html.push(`<blockquote style="margin:0 0 16px;padding-left:12px;border-left:4px solid #d4d8dd">\n${inner.html}\n</blockquote>`);
      text.push(
        inner.text
          .split('\n')
          .map((line) => (line ? `> ${line}` : '>'))
          .join('\n'),
      );
    } else if (block.kind === 'code') {
      html.push(`<pre style="white-space:pre-wrap"><code>${escapeHtml(block.lines.join('\n'))}</code></pre>`);
      text.push(block.lines.map((line) => `    ${line}`).join('\n'));
    } else if (block.kind === 'paragraph') {
      const rendered = renderInline(block.text, siteUrl);
      html.push(`<p${style}>${rendered.html}</p>`);
      text.push(rendered.text);
    } else if (block.kind === 'heading') {
      const rendered = renderInline(block.text, siteUrl);
      html.push(`<h${level}>${rendered.html}</h${level}>`);
      text.push(rendered.text);
    } else {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map((item, index) => {
        const rendered = renderInline(item.text, siteUrl);
        const children = item.children.map((child) => renderInline(child, siteUrl));
        const childHtml = children.length > 0 ? `<ul>${children.map((child) => `<li>${child.html}</li>`).join('')}</ul>` : '';
        const marker = block.ordered ? `${index + 1}.` : '-';
        const childText = children.map((child) => `\n   - ${child.text}`).join('');
        return { html: `<li>${rendered.html}${childHtml}</li>`, text: `${marker} ${rendered.text}${childText}` };
      });
      html.push(`<${tag}>${items.map((item) => item.html).join('')}</${tag}>`);
      text.push(items.map((item) => item.text).join('\n'));
    }
  }
  return { html: html.join('\n'), text: text.join('\n\n') };
}
