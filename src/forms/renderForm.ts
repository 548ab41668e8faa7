import type { z } from 'zod';
import { errorSummary } from '../components/patterns/errorSummary.ts';
import { escapeHtml } from '../lib/escapeHtml.ts';
import { type FieldMeta, fieldMeta } from '../schemas/formField.ts';
import { fieldConstraints } from './fieldConstraints.ts';
import { CONTROL_FIELDS, type FormDefinition } from './formDefinitions.ts';

/** What a person typed, by field name: one string, or several for checkboxes. */
export type FormValues = Record<string, string | string[] | undefined>;

/** One problem to show: the field's name and how to fix it. */
export interface FieldError {
  field: string;
  message: string;
}

/** The id of a field's first control, which the error summary links to. */
export function fieldId(name: string): string {
  return `f-${name}`;
}

function attributes(pairs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(pairs)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
    .join('');
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Data attributes carrying the schema's own messages for the browser's checks. */
function messageAttributes(schema: z.ZodType, meta: FieldMeta) {
  const constraints = fieldConstraints(schema, meta.required);
  const { messages } = constraints;
  return {
    constraints,
    data: {
      'data-msg-required': messages.required,
      'data-msg-minlength': messages.minLength,
      'data-msg-maxlength': messages.maxLength,
      'data-msg-format': messages.format,
      'data-msg-integer': messages.integer,
      'data-msg-too-small': messages.tooSmall,
      'data-msg-too-large': messages.tooLarge,
      'data-pattern': constraints.pattern,
      // A field asked only with another answer is required with it, as the server's check on the whole form says.
      'data-required-when': meta.showWhen ? `${meta.showWhen.field}=${meta.showWhen.values.join(',')}` : undefined,
    },
  };
}

function errorMessage(id: string, message: string | undefined): string {
  // Always present (hidden when empty) so the enhancement script can fill it in place.
  return `<p id="${id}-error" class="error-message"${message ? '' : ' hidden'}><span class="visually-hidden">Error:</span> <span data-error-text>${escapeHtml(message ?? '')}</span></p>`;
}

function renderField(name: string, schema: z.ZodType, value: string | string[] | undefined, error: string | undefined): string {
  const meta = fieldMeta(schema);
  const id = fieldId(name);
  const { constraints, data } = messageAttributes(schema, meta);
  const hintId = meta.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, `${id}-error`].filter(Boolean).join(' ');
  const hint = meta.hint ? `<div id="${hintId}" class="hint">${escapeHtml(meta.hint)}</div>` : '';
  const groupClass = `form-group${error ? ' form-group-error' : ''}`;
  const common = { 'data-field': name, ...data };

  switch (meta.widget) {
    case 'radios':
    case 'checkboxes': {
      const type = meta.widget === 'radios' ? 'radio' : 'checkbox';
      const selected = asList(value);
      const options = (meta.choices ?? [])
        .map((choice, index) => {
          const optionId = index === 0 ? id : `${id}-${index + 1}`;
          const optionHintId = choice.hint ? `${optionId}-item-hint` : undefined;
          return `<div class="choice">
<input class="choice-input" type="${type}"${attributes({ id: optionId, name, value: choice.value, checked: selected.includes(choice.value), 'aria-describedby': optionHintId })}>
<label class="choice-label" for="${optionId}">${escapeHtml(choice.label)}</label>${choice.hint ? `\n<div id="${optionHintId}" class="hint choice-hint">${escapeHtml(choice.hint)}</div>` : ''}
</div>`;
        })
        .join('\n');
      return `<div class="${groupClass}"${attributes({ ...common, 'data-widget': meta.widget, 'data-required': constraints.required })}>
<fieldset class="fieldset"${attributes({ 'aria-describedby': describedBy })}>
<legend class="legend">${escapeHtml(meta.label)}</legend>
${hint}
${errorMessage(id, error)}
<div class="choices">
${options}
</div>
</fieldset>
</div>`;
    }
    case 'agreement': {
      const checked = asList(value).some((item) => item === 'yes' || item === 'true');
      return `<div class="${groupClass}"${attributes({ ...common, 'data-widget': 'agreement', 'data-required': true })}>
${errorMessage(id, error)}
<div class="choice">
<input class="choice-input" type="checkbox"${attributes({ id, name, value: 'yes', checked, 'aria-describedby': `${id}-error` })}>
<label class="choice-label" for="${id}">${escapeHtml(meta.label)}</label>
</div>
</div>`;
    }
    case 'select': {
      const current = asList(value)[0] ?? '';
      const options = [`<option value=""${current ? '' : ' selected'}>Choose one</option>`]
        .concat((meta.choices ?? []).map((choice) => `<option${attributes({ value: choice.value, selected: current === choice.value })}>${escapeHtml(choice.label)}</option>`))
        .join('');
      return `<div class="${groupClass}"${attributes({ ...common, 'data-widget': 'select', 'data-required': constraints.required })}>
<label class="label" for="${id}">${escapeHtml(meta.label)}</label>
${hint}
${errorMessage(id, error)}
<select class="select${error ? ' input-error' : ''}"${attributes({ id, name, required: constraints.required, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined })}>${options}</select>
</div>`;
    }
    case 'textarea': {
      const text = asList(value)[0] ?? '';
      return `<div class="${groupClass}"${attributes({ ...common, 'data-widget': 'textarea', 'data-required': constraints.required })}>
<label class="label" for="${id}">${escapeHtml(meta.label)}</label>
${hint}
${errorMessage(id, error)}
<textarea class="textarea${error ? ' input-error' : ''}" rows="5"${attributes({ id, name, required: constraints.required, minlength: constraints.minLength, maxlength: constraints.maxLength, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined })}>${escapeHtml(text)}</textarea>
</div>`;
    }
    default: {
      const text = asList(value)[0] ?? '';
      const isNumber = meta.widget === 'number';
      return `<div class="${groupClass}"${attributes({ ...common, 'data-widget': meta.widget, 'data-required': constraints.required, 'data-min': constraints.min, 'data-max': constraints.max })}>
<label class="label" for="${id}">${escapeHtml(meta.label)}</label>
${hint}
${errorMessage(id, error)}
<input class="input${error ? ' input-error' : ''}"${attributes({
        id,
        name,
        type: meta.widget === 'email' ? 'email' : 'text',
        // GOV.UK: whole numbers use a text input with a numeric keyboard, not type=number.
        inputmode: isNumber ? 'numeric' : undefined,
        pattern: isNumber ? '[0-9]*' : undefined,
        spellcheck: meta.widget === 'email' ? 'false' : undefined,
        autocomplete: meta.autocomplete,
        required: constraints.required,
        minlength: constraints.minLength,
        maxlength: constraints.maxLength,
        size: meta.width,
        value: text,
        'aria-describedby': describedBy,
        'aria-invalid': error ? 'true' : undefined,
      })}>
</div>`;
    }
  }
}

/** GOV.UK's error summary, kept in the form even when empty: the form's script fills it. */
export function renderErrorSummary(errors: FieldError[]): string {
  return errorSummary({ errors: errors.map((error) => ({ fieldId: fieldId(error.field), message: error.message })), placeholder: true });
}

export interface RenderFormOptions {
  values?: FormValues;
  errors?: FieldError[];
  /**
   * The same questions posted somewhere else (an applicant correcting their application): this
   * address, these hidden fields, this button, and neither the submission id nor the honeypot
   * nor the enhancement script's hook (the page works as a plain HTML form).
   */
  elsewhere?: { action: string; hidden: Record<string, string>; submitLabel: string };
}

/**
 * The whole form as HTML, from the form's schema. The page renders it empty at build time; the
 * function renders it again with what was typed and the problems, inside the built layout.
 */
export function renderForm(form: FormDefinition, options: RenderFormOptions = {}): string {
  const values = options.values ?? {};
  const errors = options.errors ?? [];
  const errorFor = (name: string) => errors.find((error) => error.field === name)?.message;
  const fields = Object.entries(form.schema.shape)
    .map(([name, schema]) => renderField(name, schema as z.ZodType, values[name], errorFor(name)))
    .join('\n');
  const submissionId = asList(values[CONTROL_FIELDS.submissionId])[0] ?? '';
  const { elsewhere } = options;
  if (elsewhere) {
    const hidden = Object.entries(elsewhere.hidden)
      .map(([name, value]) => `<input type="hidden"${attributes({ name, value })}>`)
      .join('\n');
    return `<form class="form" method="post"${attributes({ action: elsewhere.action, novalidate: true, 'accept-charset': 'utf-8' })}>
${renderErrorSummary(errors)}
${hidden}
${fields}
<button type="submit" class="button button-submit">${escapeHtml(elsewhere.submitLabel)}</button>
</form>`;
  }

  // A plain post goes to the form's own address, so a page of problems lives there too (the
  // function answers POSTs at it); the enhancement script sends to the API address instead.
  return `<form class="form" method="post"${attributes({ action: form.page, novalidate: true, 'data-form': form.id, 'data-endpoint': form.endpoint, 'accept-charset': 'utf-8' })}>
${renderErrorSummary(errors)}
<input type="hidden"${attributes({ name: CONTROL_FIELDS.submissionId, value: submissionId })}>
<div class="hp-field" aria-hidden="true">
<label for="f-${CONTROL_FIELDS.honeypot}">Leave this field empty</label>
<input type="text" id="f-${CONTROL_FIELDS.honeypot}" name="${CONTROL_FIELDS.honeypot}" tabindex="-1" autocomplete="off">
</div>
${fields}
<div class="form-status" data-form-status role="status" aria-live="polite"></div>
<button type="submit" class="button button-submit" data-submit>${escapeHtml(form.submitLabel)}</button>
</form>`;
}
