/**
 * The pieces of a form field, in GOV.UK's markup, that the site's forms (src/forms/renderForm.ts)
 * and the committee workspace's forms (netlify/lib/committee/views/components.ts) both build
 * from: the group around a question, its label or legend, its hint, its error message and a
 * radio or checkbox choice. Ids follow one rule: a field's hint is `<id>-hint`, its error
 * `<id>-error`, so aria-describedby can be worked out from the field alone (describedBy).
 */
import { escapeHtml } from '../../lib/escapeHtml.ts';

/** The ids a field's control names in aria-describedby: its hint (if any), then its error. */
export function describedBy(id: string, parts: { hint?: boolean; error?: boolean }): string {
  return [parts.hint ? `${id}-hint` : '', parts.error ? `${id}-error` : ''].filter(Boolean).join(' ');
}

/** The question's label, for one control. */
export function fieldLabel(id: string, text: string): string {
  return `<label class="label" for="${escapeHtml(id)}">${escapeHtml(text)}</label>`;
}

/** Help under the label; nothing without text. */
export function fieldHint(id: string, text: string | undefined): string {
  return text ? `<div id="${escapeHtml(id)}-hint" class="hint">${escapeHtml(text)}</div>` : '';
}

/**
 * The message above the control when its answer is wrong. With `placeholder`, it is rendered even
 * without a message, hidden, for the form's script to fill in place; otherwise it is left out.
 */
export function fieldError(id: string, message: string | undefined, options: { placeholder?: boolean } = {}): string {
  if (!message && !options.placeholder) return '';
  return `<p id="${escapeHtml(id)}-error" class="error-message"${message ? '' : ' hidden'}><span class="visually-hidden">Error:</span> <span data-error-text>${escapeHtml(message ?? '')}</span></p>`;
}

/** The group around one question, marked when its answer is wrong; `attributes` is safe markup. */
export function formGroup(content: string, options: { error?: boolean; attributes?: string } = {}): string {
  return `<div class="form-group${options.error ? ' form-group-error' : ''}"${options.attributes ?? ''}>\n${content}\n</div>`;
}

export interface ChoiceOptions {
  type: 'radio' | 'checkbox';
  id: string;
  name: string;
  value: string;
  label: string;
  checked?: boolean;
  /** Help under this choice's label, with its own id. */
  hint?: string;
  hintId?: string;
  /** Ids the control names in aria-describedby besides its own hint. */
  describedBy?: string;
}

/** One radio or checkbox with its label (and hint). */
export function choice(options: ChoiceOptions): string {
  const hintId = options.hint ? (options.hintId ?? `${options.id}-hint`) : '';
  const described = [hintId, options.describedBy ?? ''].filter(Boolean).join(' ');
  const id = escapeHtml(options.id);
  return `<div class="choice">
<input class="choice-input" type="${options.type}" id="${id}" name="${escapeHtml(options.name)}" value="${escapeHtml(options.value)}"${options.checked ? ' checked' : ''}${described ? ` aria-describedby="${escapeHtml(described)}"` : ''}>
<label class="choice-label" for="${id}">${escapeHtml(options.label)}</label>${options.hint ? `\n<div id="${escapeHtml(hintId)}" class="hint choice-hint">${escapeHtml(options.hint)}</div>` : ''}
</div>`;
}
