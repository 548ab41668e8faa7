import type { Settings } from '../schemas/settings.ts';
import { panel } from '../components/patterns/panel.ts';
import { escapeHtml } from './escapeHtml.ts';

/** A submission's reference as the forms make it (a UUID); anything else in the address is not shown. */
const REFERENCE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The reference in a /thanks/<reference>/ address, or null when it is not one the forms make. */
export function referenceFrom(segment: string | undefined): string | null {
  return segment && REFERENCE.test(segment) ? segment.toLowerCase() : null;
}

/** Where a plain post goes once it is stored: the thanks page with its reference. */
export function thanksPath(reference: string): string {
  return `/thanks/${reference}/`;
}

/** The words that show a submission's reference: the same on this page and in the enhanced form's confirmation. */
export function referenceLine(reference: string): string {
  return `Reference: ${reference}`;
}

/**
 * The confirmation after a plain (no-JavaScript) form post, as HTML: the static /thanks/ page
 * (src/pages/thanks.astro) and the function that answers /thanks/<reference>/ both show this,
 * so the page reads the same with or without the reference.
 */
export function thanksContent(settings: Pick<Settings, 'contactEmail'>, reference: string | null): string {
  const contact = escapeHtml(settings.contactEmail);
  return `<h1>Thank you: we have received it</h1>
${panel(
  `
<p>A confirmation is on its way to the email address you gave. If it has not arrived within the hour, check your spam folder.</p>${reference ? `\n<p>${escapeHtml(referenceLine(reference))}</p>` : ''}
`,
  { kind: 'confirmation' },
)}
<p>Questions? Write to <a href="mailto:${contact}">${contact}</a>. <a href="/">Back to the program page</a>.</p>`;
}
