// Progressive enhancement for the forms (the forms work without it). It checks answers with the
// schema's own messages (carried in data-msg-* attributes), shows GOV.UK's error summary, sends
// the form without a page reload, prevents double submission, and keeps a draft in
// sessionStorage until the server confirms the record is stored.

import { panel } from '../components/patterns/panel.ts';
import { escapeHtml } from '../lib/escapeHtml.ts';
import { referenceLine } from '../lib/thanksContent.ts';
import { clientMessage } from './clientChecks.ts';

type Values = Record<string, string | string[]>;
interface ServerError {
  field: string;
  message: string;
}
interface Draft {
  values: Values;
  submissionId?: string;
  /** When the person started on this form (epoch ms), kept across reloads for the fill time. */
  startedAt?: number;
}

const DRAFT_PREFIX = 'form-draft:';

function groups(form: HTMLFormElement): HTMLElement[] {
  return [...form.querySelectorAll<HTMLElement>('.form-group[data-field]')];
}

function controls(group: HTMLElement): Array<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement> {
  return [...group.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')];
}

/** The answer a field group holds, in the same shape the server reads. */
function groupValue(group: HTMLElement): string | string[] {
  const widget = group.dataset.widget;
  const inputs = controls(group);
  if (widget === 'checkboxes') return (inputs as HTMLInputElement[]).filter((input) => input.checked).map((input) => input.value);
  if (widget === 'radios' || widget === 'agreement') return (inputs as HTMLInputElement[]).find((input) => input.checked)?.value ?? '';
  return inputs[0]?.value ?? '';
}

/** The first problem with a field, in the schema's words, or '' when it looks fine (clientChecks.ts). */
function checkGroup(group: HTMLElement): string {
  const input = controls(group)[0];
  const limits = input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement ? { minLength: input.minLength, maxLength: input.maxLength } : {};
  const form = group.closest('form');
  const otherValue = (field: string) => {
    const other = form?.querySelector<HTMLElement>(`.form-group[data-field="${CSS.escape(field)}"]`);
    return other ? groupValue(other) : '';
  };
  return clientMessage({ ...group.dataset, ...limits }, groupValue(group), otherValue);
}

function showFieldError(group: HTMLElement, message: string): void {
  const error = group.querySelector<HTMLElement>('.error-message');
  const text = error?.querySelector<HTMLElement>('[data-error-text]');
  group.classList.toggle('form-group-error', Boolean(message));
  if (error && text) {
    text.textContent = message;
    error.hidden = !message;
  }
  for (const control of controls(group)) {
    if (group.dataset.widget === 'radios' || group.dataset.widget === 'checkboxes') continue;
    control.classList.toggle('input-error', Boolean(message));
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
}

function errorSummary(form: HTMLFormElement): HTMLElement | null {
  return form.querySelector<HTMLElement>('[data-error-summary]');
}

function showSummary(form: HTMLFormElement, errors: ServerError[]): void {
  const summary = errorSummary(form);
  if (!summary) return;
  const list = summary.querySelector('ul')!;
  list.replaceChildren(
    ...errors.map((error) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#f-${error.field}`;
      link.textContent = error.message;
      item.append(link);
      return item;
    }),
  );
  summary.hidden = errors.length === 0;
  if (errors.length) {
    if (!document.title.startsWith('Error: ')) document.title = `Error: ${document.title}`;
    summary.focus();
  } else {
    document.title = document.title.replace(/^Error: /, '');
  }
}

function showErrors(form: HTMLFormElement, errors: ServerError[]): void {
  for (const group of groups(form)) {
    showFieldError(group, errors.find((error) => error.field === group.dataset.field)?.message ?? '');
  }
  showSummary(form, errors);
}

/**
 * GOV.UK's error summary behaviour: a link moves focus to its field and scrolls the field's
 * question (label or legend) into view, which a plain jump to the input would hide.
 */
function focusFieldFromSummary(form: HTMLFormElement, event: MouseEvent): void {
  const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[href^="#"]');
  if (!link) return;
  const control = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!control || !form.contains(control)) return;
  event.preventDefault();
  const group = control.closest<HTMLElement>('.form-group');
  const question = group?.querySelector<HTMLElement>('legend, label') ?? control;
  question.scrollIntoView();
  control.focus({ preventScroll: true });
}

function collect(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const group of groups(form)) values[group.dataset.field!] = groupValue(group);
  return values;
}

function readDraft(key: string): Draft | null {
  try {
    const draft = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Draft | null;
    return draft && typeof draft === 'object' && draft.values && typeof draft.values === 'object' ? draft : null;
  } catch {
    return null;
  }
}

function saveDraft(form: HTMLFormElement, key: string, startedAt: number): void {
  try {
    const draft: Draft = { values: collect(form), submissionId: submissionIdInput(form).value, startedAt };
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage can be full or disabled; the form still works.
  }
}

function restoreDraft(form: HTMLFormElement, draft: Draft): void {
  if (draft.submissionId) submissionIdInput(form).value = draft.submissionId;
  for (const group of groups(form)) {
    const value = draft.values[group.dataset.field!];
    if (value === undefined) continue;
    const wanted = Array.isArray(value) ? value : [value];
    for (const control of controls(group)) {
      if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) control.checked = wanted.includes(control.value);
      else if (!Array.isArray(value)) control.value = value;
    }
  }
}

function submissionIdInput(form: HTMLFormElement): HTMLInputElement {
  return form.querySelector<HTMLInputElement>('input[name="submissionId"]')!;
}

function setStatus(form: HTMLFormElement, text: string, kind: 'info' | 'problem'): void {
  const status = form.querySelector<HTMLElement>('[data-form-status]')!;
  status.className = `form-status form-status-${kind}`;
  status.textContent = text;
  // A problem takes focus, so it is read out and the next Tab lands on the send button again.
  if (kind === 'problem') status.focus();
}

/** A plain sentence for an answer that stored nothing, or may not have. */
function failureSentence(status: number, serverSentence: string | undefined): string {
  const keep = 'Your answers are still on this page, so you can send them again.';
  if (status === 0) return `Your answers have not been sent: we could not reach the server. Check your internet connection. ${keep}`;
  if (status === 503 || (status >= 400 && status < 500)) return `Your answers have not been sent. ${serverSentence ?? 'Please try again in a few minutes.'} ${keep}`;
  // Another server error: it may have stored the record; sending again cannot make a second copy.
  return `Something went wrong on our side, and we cannot tell whether your answers arrived. ${keep} Sending them again will not make a second copy.`;
}

function showConfirmation(form: HTMLFormElement, status: number, id: string): void {
  const heading = status === 201 ? 'Thank you: we have received it' : 'Thank you: we have received it, and will file it shortly';
  const detail =
    status === 201
      ? 'A confirmation is on its way to your email address. You can close this page.'
      : 'Our records system is busy, so your answers are held safely and will be filed within the hour. A confirmation email will follow. You can close this page.';
  // The same panel the no-JavaScript thanks page shows (src/components/patterns/panel.ts).
  const template = document.createElement('template');
  template.innerHTML = panel(`<h2>${escapeHtml(heading)}</h2><p>${escapeHtml(detail)}</p><p>${escapeHtml(referenceLine(id))}</p>`, {
    kind: 'confirmation',
    status: true,
    focusable: true,
  });
  const confirmation = template.content.firstElementChild as HTMLElement;
  document.title = document.title.replace(/^Error: /, '');
  form.replaceWith(confirmation);
  confirmation.focus();
}

function enhance(form: HTMLFormElement): void {
  const draftKey = `${DRAFT_PREFIX}${form.dataset.form}`;
  const submitButton = form.querySelector<HTMLButtonElement>('[data-submit]')!;
  const summary = errorSummary(form);
  // A page the server answered with problems already shows what was typed: keep it, not an older draft.
  const serverShowedErrors = Boolean(summary && !summary.hidden);
  const draft = readDraft(draftKey);
  // The fill time counts from when the page began to load (the person may be reading and typing
  // before this script runs), and from the first visit when a draft was restored after a reload.
  const startedAt = typeof draft?.startedAt === 'number' && draft.startedAt <= Date.now() ? draft.startedAt : Math.round(performance.timeOrigin);
  let sending = false;

  if (draft && !serverShowedErrors) restoreDraft(form, draft);
  if (!submissionIdInput(form).value) submissionIdInput(form).value = crypto.randomUUID();
  form.querySelector('[data-form-status]')?.setAttribute('tabindex', '-1');
  form.addEventListener('input', () => saveDraft(form, draftKey, startedAt));
  form.addEventListener('change', () => saveDraft(form, draftKey, startedAt));
  summary?.addEventListener('click', (event) => focusFieldFromSummary(form, event));
  if (serverShowedErrors) summary!.focus();

  // A field's message goes as soon as its answer is fixed, while the person types or picks. Not on
  // leaving the field: that happens on the press of the next click, and the page moving under the
  // pointer between press and release would lose that click. New problems wait for the next send.
  const clearWhenFixed = (event: Event) => {
    const group = (event.target as HTMLElement).closest<HTMLElement>('.form-group[data-field]');
    if (group?.classList.contains('form-group-error') && checkGroup(group) === '') showFieldError(group, '');
  };
  form.addEventListener('input', clearWhenFixed);
  form.addEventListener('change', clearWhenFixed);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return; // No double submission.
    const errors = groups(form)
      .map((group) => ({ field: group.dataset.field!, message: checkGroup(group) }))
      .filter((error) => error.message);
    showErrors(form, errors);
    if (errors.length) return;

    // The button stays enabled (a disabled button drops keyboard focus); the flag stops a second send.
    sending = true;
    submitButton.setAttribute('aria-disabled', 'true');
    setStatus(form, 'Sending…', 'info');
    saveDraft(form, draftKey, startedAt);
    const honeypot = form.querySelector<HTMLInputElement>('input[name="website"]')?.value ?? '';
    const body = { ...collect(form), submissionId: submissionIdInput(form).value, website: honeypot, elapsedMs: Date.now() - startedAt };

    try {
      let response: Response;
      try {
        response = await fetch(form.dataset.endpoint ?? form.action, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body),
        });
      } catch {
        setStatus(form, failureSentence(0, undefined), 'problem');
        return;
      }
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown; errors?: unknown; error?: unknown };
      if ((response.status === 201 || response.status === 202) && typeof answer.id === 'string') {
        try {
          sessionStorage.removeItem(draftKey);
        } catch {
          // Storage disabled: there is no draft to clear.
        }
        showConfirmation(form, response.status, answer.id);
        return;
      }
      if (response.status === 422 && Array.isArray(answer.errors)) {
        setStatus(form, '', 'info');
        showErrors(form, answer.errors as ServerError[]);
      } else {
        setStatus(form, failureSentence(response.status, typeof answer.error === 'string' ? answer.error : undefined), 'problem');
      }
    } finally {
      sending = false;
      submitButton.removeAttribute('aria-disabled');
    }
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-form]')) enhance(form);

// A plain form the server answered with problems (an applicant correcting their application):
// its error summary takes focus too, as GOV.UK's does, so the problems are read out first.
if (!document.querySelector('form[data-form]')) document.querySelector<HTMLElement>('[data-error-summary]:not([hidden])')?.focus();
