/**
 * HTML for the committee's pages, built on the server: a tagged template that escapes every
 * value it is given unless the value is already markup (`Html`, from `html` or `trusted`), so a
 * name or an answer can never become markup by mistake.
 */
import { escapeHtml } from '../../../../src/lib/escapeHtml.ts';

/** Markup that is safe to insert as it is. */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** `html\`<p>${name}</p>\``: values are escaped, nested `html` and arrays of it are inserted. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** Markup made elsewhere and already safe (the inline SVG of a chart, say). */
export function trusted(markup: string): Html {
  return new Html(markup);
}
