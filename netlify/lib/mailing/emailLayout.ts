/**
 * Shared pieces of the mailing emails: a plain HTML frame with inline styles (mail clients drop
 * stylesheets), headings, link lists, and the small text helpers. Every value that reaches the
 * HTML is escaped here or by the caller.
 */
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';

const FONT = 'font-family:system-ui,-apple-system,Segoe UI,sans-serif;line-height:1.5;color:#1b1b1b;max-width:40rem';

/** A whole HTML email around already-safe body HTML. */
export function htmlEmail(title: string, bodyHtml: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body style="${FONT}">\n${bodyHtml}\n</body></html>`;
}

export const h2 = (text: string) => `<h2 style="font-size:1.2rem;margin:1.5rem 0 .5rem">${escapeHtml(text)}</h2>`;
export const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;
export const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** One line for a header or subject: no line breaks, no runs of spaces. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** "A", "A and B", "A, B and C". */
export function listOfNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A definition list of label/value rows (HTML) and "Label: value" lines (text). */
export function detailRows(rows: Array<{ label: string; value: string; href?: string }>): { html: string; text: string } {
  const visible = rows.filter((row) => row.value.trim() !== '');
  return {
    html: `<dl style="margin:0">${visible
      .map(
        (row) =>
          `<dt style="font-weight:bold">${escapeHtml(row.label)}</dt><dd style="margin:0 0 .5rem;white-space:pre-wrap">${row.href ? link(row.href, row.value) : escapeHtml(row.value)}</dd>`,
      )
      .join('')}</dl>`,
    text: visible.map((row) => `${row.label}: ${row.value.replace(/\n/g, '\n  ')}`).join('\n'),
  };
}
