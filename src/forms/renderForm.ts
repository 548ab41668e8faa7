import type { z } from 'zod';
import { errorSummary } from '../components/patterns/errorSummary.ts';
import { choice, describedBy, fieldError, fieldHint, fieldLabel, formGroup } from '../components/patterns/field.ts';
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

function renderField(name: string, schema: z.ZodType, value: string | string[] | undefined, error: string | undefined): string {
  const meta = fieldMeta(schema);
  const id = fieldId(name);
  const { constraints, data } = messageAttributes(schema, meta);
  // The error message is always present (hidden when empty) so the enhancement script can fill it in place.
  const described = describedBy(id, { hint: Boolean(meta.hint), error: true });
  const hint = fieldHint(id, meta.hint);
  const message = fieldError(id, error, { placeholder: true });
  const common = { 'data-field': name, ...data };
  const group = (content: string, extra: Record<string, string | number | boolean | undefined>) =>
    formGroup(content, { error: Boolean(error), attributes: attributes({ ...common, ...extra }) });

  switch (meta.widget) {
    case 'radios':
    case 'checkboxes': {
      const selected = asList(value);
      const options = (meta.choices ?? [])
        .map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${index + 1}`;
          return choice({
            type: meta.widget === 'radios' ? 'radio' : 'checkbox',
            id: optionId,
            name,
            value: option.value,
            label: option.label,
            checked: selected.includes(option.value),
            ...(option.hint ? { hint: option.hint, hintId: `${optionId}-item-hint` } : {}),
          });
        })
        .join('\n');
      return group(
        `<fieldset class="fieldset"${attributes({ 'aria-describedby': described })}>
<legend class="legend">${escapeHtml(meta.label)}</legend>
${hint}
${message}
<div class="choices">
${options}
</div>
</fieldset>`,
        { 'data-widget': meta.widget, 'data-required': constraints.required },
      );
    }
    case 'agreement': {
      const checked = asList(value).some((item) => item === 'yes' || item === 'true');
      return group(`${message}\n${choice({ type: 'checkbox', id, name, value: 'yes', label: meta.label, checked, describedBy: `${id}-error` })}`, {
        'data-widget': 'agreement',
        'data-required': true,
      });
    }
    case 'select': {
      const current = asList(value)[0] ?? '';
      const options = [`<option value=""${current ? '' : ' selected'}>Choose one</option>`]
        .concat((meta.choices ?? []).map((option) => `<option${attributes({ value: option.value, selected: current === option.value })}>${escapeHtml(option.label)}</option>`))
        .join('');
      return group(
        `${fieldLabel(id, meta.label)}
${hint}
${message}
<select class="select${error ? ' input-error' : ''}"${attributes({ id, name, required: constraints.required, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })}>${options}</select>`,
        { 'data-widget': 'select', 'data-required': constraints.required },
      );
    }
    case 'textarea': {
      const text = asList(value)[0] ?? '';
      return group(
        `${fieldLabel(id, meta.label)}
${hint}
${message}
<textarea class="textarea${error ? ' input-error' : ''}" rows="5"${attributes({ id, name, required: constraints.required, minlength: constraints.minLength, maxlength: constraints.maxLength, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined })}>${escapeHtml(text)}</textarea>`,
        { 'data-widget': 'textarea', 'data-required': constraints.required },
      );
    }
    default: {
      const text = asList(value)[0] ?? '';
      const isNumber = meta.widget === 'number';
      return group(
        `${fieldLabel(id, meta.label)}
${hint}
${message}
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
          'aria-describedby': described,
          'aria-invalid': error ? 'true' : undefined,
        })}>`,
        { 'data-widget': meta.widget, 'data-required': constraints.required, 'data-min': constraints.min, 'data-max': constraints.max },
      );
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
