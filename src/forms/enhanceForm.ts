// Progressive enhancement for the forms (the forms work without it). It checks answers with the
// schema's own messages (carried in data-msg-* attributes), shows GOV.UK's error summary, sends
// the form without a page reload, prevents double submission, and keeps a draft in
// sessionStorage until the server confirms the record is stored.

type Values = Record<string, string | string[]>;
interface ServerError {
  field: string;
  message: string;
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

/** The first problem with a field, in the schema's words, or '' when it looks fine. */
function checkGroup(group: HTMLElement): string {
  const value = groupValue(group);
  const messages = group.dataset;
  const empty = Array.isArray(value) ? value.length === 0 : value.trim() === '';
  if (empty) return group.hasAttribute('data-required') ? (messages.msgRequired ?? '') : '';
  if (Array.isArray(value)) return '';
  const input = controls(group)[0];
  const text = value.trim();
  if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) {
    if (input.minLength > 0 && text.length < input.minLength && messages.msgMinlength) return messages.msgMinlength;
    if (input.maxLength > 0 && text.length > input.maxLength && messages.msgMaxlength) return messages.msgMaxlength;
  }
  if (group.dataset.widget === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return messages.msgFormat ?? '';
  if (group.dataset.widget === 'number') {
    if (!/^\d+$/.test(text)) return messages.msgFormat ?? '';
    const number = Number(text);
    if (group.dataset.min && number < Number(group.dataset.min)) return messages.msgTooSmall ?? '';
    if (group.dataset.max && number > Number(group.dataset.max)) return messages.msgTooLarge ?? '';
  }
  return '';
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

function showSummary(form: HTMLFormElement, errors: ServerError[]): void {
  const summary = form.querySelector<HTMLElement>('[data-error-summary]');
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

function collect(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const group of groups(form)) values[group.dataset.field!] = groupValue(group);
  return values;
}

function saveDraft(form: HTMLFormElement, key: string): void {
  try {
    sessionStorage.setItem(key, JSON.stringify({ values: collect(form), submissionId: submissionIdInput(form).value }));
  } catch {
    // Storage can be full or disabled; the form still works.
  }
}

function restoreDraft(form: HTMLFormElement, key: string): void {
  let draft: { values: Values; submissionId?: string } | null = null;
  try {
    draft = JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    draft = null;
  }
  if (!draft) return;
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
}

function enhance(form: HTMLFormElement): void {
  const draftKey = `${DRAFT_PREFIX}${form.dataset.form}`;
  const startedAt = performance.now();
  const submitButton = form.querySelector<HTMLButtonElement>('[data-submit]')!;
  let sending = false;

  restoreDraft(form, draftKey);
  if (!submissionIdInput(form).value) submissionIdInput(form).value = crypto.randomUUID();
  form.addEventListener('input', () => saveDraft(form, draftKey));
  form.addEventListener('change', () => saveDraft(form, draftKey));

  // Re-check a field when the person leaves it, once it has shown a problem.
  form.addEventListener('focusout', (event) => {
    const group = (event.target as HTMLElement).closest<HTMLElement>('.form-group[data-field]');
    if (group?.classList.contains('form-group-error')) showFieldError(group, checkGroup(group));
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return; // No double submission.
    const errors = groups(form)
      .map((group) => ({ field: group.dataset.field!, message: checkGroup(group) }))
      .filter((error) => error.message);
    showErrors(form, errors);
    if (errors.length) return;

    sending = true;
    submitButton.disabled = true;
    submitButton.setAttribute('aria-disabled', 'true');
    setStatus(form, 'Sending…', 'info');
    saveDraft(form, draftKey);
    const honeypot = form.querySelector<HTMLInputElement>('input[name="website"]')?.value ?? '';
    const body = { ...collect(form), submissionId: submissionIdInput(form).value, website: honeypot, elapsedMs: Math.round(performance.now() - startedAt) };

    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (response.status === 201 || response.status === 202) {
        sessionStorage.removeItem(draftKey);
        const heading = response.status === 201 ? 'Thank you: we have received it' : 'Thank you: we have received it, and will file it shortly';
        const detail =
          response.status === 201
            ? 'A confirmation is on its way to your email address. You can close this page.'
            : 'Our records system is busy, so your answers are held safely and will be filed within the hour. A confirmation email will follow. You can close this page.';
        const panel = document.createElement('div');
        panel.className = 'panel confirmation';
        panel.tabIndex = -1;
        panel.setAttribute('role', 'status');
        const title = document.createElement('h2');
        title.textContent = heading;
        const text = document.createElement('p');
        text.textContent = detail;
        const reference = document.createElement('p');
        reference.textContent = `Reference: ${String(answer.id ?? '')}`;
        panel.append(title, text, reference);
        form.replaceWith(panel);
        panel.focus();
        return;
      }
      if (response.status === 422 && Array.isArray(answer.errors)) {
        setStatus(form, '', 'info');
        showErrors(form, answer.errors as ServerError[]);
      } else {
        const sentence = typeof answer.error === 'string' ? answer.error : 'Something went wrong and your answers were not sent.';
        setStatus(form, `${sentence} Your answers are still here; you can try again.`, 'problem');
      }
    } catch {
      setStatus(form, 'We could not reach the server. Check your connection; your answers are still here, so you can try again.', 'problem');
    } finally {
      sending = false;
      submitButton.disabled = false;
      submitButton.removeAttribute('aria-disabled');
    }
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-form]')) enhance(form);
