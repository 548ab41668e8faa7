import { escapeHtml } from './escapeHtml.ts';

const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** A link target content may use: a web address, an email address or a page of this site. */
function safeTarget(href: string): string | null {
  if (/^https?:\/\/\S+$/i.test(href) || /^mailto:\S+$/i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return null;
}

/**
 * A sentence of content (a settings field) as HTML: every character escaped, and links written
 * the Markdown way, [the words](https://address), made into links. A target that is not a web
 * address, an email address or a page of the site stays plain words.
 */
export function inlineLinksHtml(source: string): string {
  let html = '';
  let last = 0;
  for (const match of source.matchAll(LINK)) {
    html += escapeHtml(source.slice(last, match.index));
    const words = escapeHtml(match[1] ?? '');
    const target = safeTarget(match[2] ?? '');
    html += target ? `<a href="${escapeHtml(target)}">${words}</a>` : words;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(source.slice(last));
}
