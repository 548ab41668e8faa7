/**
 * The workspace's building blocks, in the GOV.UK patterns the site's forms use: an error
 * summary that links to each field, inline errors, a notice after an action, tables with
 * captions, radios and text areas with hints. Each returns safe markup (views/html.ts).
 */
import { errorSummary as errorSummaryMarkup, type ErrorSummaryOptions } from '../../../../src/components/patterns/errorSummary.ts';
import { choice, describedBy, fieldError, fieldHint, fieldLabel, formGroup } from '../../../../src/components/patterns/field.ts';
import { type PanelOptions, panel as panelMarkup } from '../../../../src/components/patterns/panel.ts';
import { escapeHtml } from '../../../../src/lib/escapeHtml.ts';
import { type Html, html, trusted } from './html.ts';

export interface FieldError {
  /** The field's id on the page. */
  field: string;
  message: string;
}

/** "There is a problem" and a link to each field in error; focused by the page's script, announced without it. */
export function errorSummary(errors: readonly FieldError[]): Html {
  return trusted(errorSummaryMarkup({ errors: errors.map((error) => ({ fieldId: error.field, message: error.message })) }));
}

/** The shared panel (src/components/patterns/panel.ts) around workspace markup. */
export function panel(content: Html, options: PanelOptions = {}): Html {
  return trusted(panelMarkup(content.value, options));
}

/** The green panel after an action went through ("Review saved."). */
export function notice(text: string | undefined): Html {
  if (!text) return html``;
  return panel(html`<p>${text}</p>`, { kind: 'notice', status: true });
}

/** The error summary with a heading and sentence of the page's own (a refusal, an uncertain outcome). */
export function problemSummary(options: ErrorSummaryOptions): Html {
  return trusted(errorSummaryMarkup(options));
}

/** A panel that says what went wrong when nothing was changed. */
export function problem(text: string | undefined): Html {
  if (!text) return html``;
  return trusted(errorSummaryMarkup({ title: 'Nothing was changed', text }));
}

export interface Column<Row> {
  heading: string;
  cell: (row: Row) => Html | string | number;
  /** Numbers align right. */
  numeric?: boolean;
}

/**
 * A table with a caption; an empty list shows `empty` instead. On a narrow screen the table
 * scrolls sideways inside its wrapper, so the wrapper is a named region that takes keyboard
 * focus (WCAG 2.1.1: a table of plain figures has nothing else to scroll it with).
 */
export function table<Row>(caption: string, columns: readonly Column<Row>[], rows: readonly Row[], empty: string): Html {
  if (rows.length === 0) return html`<p class="empty-state">${empty}</p>`;
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0"><table class="table">
<caption class="table-caption">${caption}</caption>
<thead><tr>${columns.map((column) => html`<th scope="col"${column.numeric ? html` class="numeric"` : ''}>${column.heading}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${columns.map((column) => html`<td${column.numeric ? html` class="numeric"` : ''}>${column.cell(row)}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

/** Label and value rows (GOV.UK's summary list). */
export function summaryList(rows: ReadonlyArray<{ label: string; value: Html | string }>): Html {
  return html`<dl class="summary-list">${rows.map((row) => html`<div class="summary-row"><dt>${row.label}</dt><dd>${row.value}</dd></div>`)}</dl>`;
}

function errorFor(errors: readonly FieldError[], id: string): FieldError | undefined {
  return errors.find((error) => error.field === id);
}

export interface RadiosOptions {
  id: string;
  name: string;
  legend: string;
  choices: ReadonlyArray<{ value: string; label: string; hint?: string }>;
  checked?: string | undefined;
  errors?: readonly FieldError[];
}

export function radios(options: RadiosOptions): Html {
  const error = errorFor(options.errors ?? [], options.id)?.message;
  const choices = options.choices.map((option, index) => {
    const id = index === 0 ? options.id : `${options.id}-${index}`;
    return choice({
      type: 'radio',
      id,
      name: options.name,
      value: option.value,
      label: option.label,
      checked: option.value === options.checked,
      ...(option.hint ? { hint: option.hint, hintId: `${options.id}-${index}-hint` } : {}),
    });
  });
  const described = describedBy(options.id, { error: Boolean(error) });
  return trusted(
    formGroup(
      `<fieldset class="fieldset"${described ? ` aria-describedby="${described}"` : ''}>
<legend class="legend">${escapeHtml(options.legend)}</legend>
${fieldError(options.id, error)}
${choices.join('\n')}
</fieldset>`,
      { error: Boolean(error) },
    ),
  );
}

/** The box a committee member ticks to confirm an action that sends email, with its error when left empty. */
export function confirmBox(options: { id: string; label: string; errors?: readonly FieldError[] }): Html {
  const error = errorFor(options.errors ?? [], options.id)?.message;
  return trusted(
    formGroup(
      `${fieldError(options.id, error)}\n${choice({ type: 'checkbox', id: options.id, name: 'confirm', value: 'yes', label: options.label, ...(error ? { describedBy: `${options.id}-error` } : {}) })}`,
      { error: Boolean(error) },
    ),
  );
}

export interface TextOptions {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value?: string | undefined;
  errors?: readonly FieldError[];
  maxLength?: number;
  rows?: number;
  /** A single-line input (type search or text) instead of a text area. */
  type?: 'text' | 'search';
}

export function textField(options: TextOptions): Html {
  const error = errorFor(options.errors ?? [], options.id)?.message;
  const described = describedBy(options.id, { hint: Boolean(options.hint), error: Boolean(error) });
  const attributes = html`id="${options.id}" name="${options.name}"${options.maxLength ? html` maxlength="${options.maxLength}"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
  const control = options.type
    ? html`<input class="input${error ? ' input-error' : ''}" type="${options.type}" ${attributes} value="${options.value ?? ''}">`
    : html`<textarea class="textarea${error ? ' input-error' : ''}" ${attributes} rows="${options.rows ?? 4}">${options.value ?? ''}</textarea>`;
  return trusted(
    formGroup(`${fieldLabel(options.id, options.label)}\n${fieldHint(options.id, options.hint)}\n${fieldError(options.id, error)}\n${control.value}`, { error: Boolean(error) }),
  );
}

export interface SelectOptions {
  id: string;
  name: string;
  label: string;
  choices: ReadonlyArray<{ value: string; label: string }>;
  selected?: string | undefined;
}

export function select(options: SelectOptions): Html {
  const choices = html`${options.choices.map(
    (option) => html`<option value="${option.value}"${option.value === (options.selected ?? '') ? ' selected' : ''}>${option.label}</option>`,
  )}`;
  return trusted(
    formGroup(`${fieldLabel(options.id, options.label)}\n<select class="select" id="${escapeHtml(options.id)}" name="${escapeHtml(options.name)}">${choices.value}</select>`),
  );
}

/** A tag beside a name ("New", "Eligible"). */
export function tag(text: string, kind: 'neutral' | 'good' | 'warn' = 'neutral'): Html {
  return html`<strong class="tag tag-${kind}">${text}</strong>`;
}

/** Hidden fields every workspace form carries. */
export function hidden(name: string, value: string): Html {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}
