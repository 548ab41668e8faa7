import { z } from 'zod';

/** A choice in a radio group, checkbox group or select: the stored value and what people read. */
export interface Choice<Value extends string = string> {
  value: Value;
  label: string;
  /** A line under the label, when the label alone is not enough. */
  hint?: string;
}

/**
 * What a form needs to present a field, kept on the field's schema (zod's metadata), so the
 * form, the server's messages and the CMS-free record all come from the one schema.
 */
export interface FieldMeta {
  /** The question, as the label or legend. */
  label: string;
  /** Help under the label, in plain words. */
  hint?: string;
  /** How the field is shown. */
  widget: 'text' | 'email' | 'textarea' | 'number' | 'radios' | 'checkboxes' | 'select' | 'agreement';
  /** Choices for radios, checkboxes and select. */
  choices?: readonly Choice[];
  /** The message shown when the field is left empty (GOV.UK: say what to do). */
  required?: string;
  /** Browser autocomplete token (WCAG 1.3.5). */
  autocomplete?: string;
  /** Shown only when another field has one of these values (progressive disclosure). */
  showWhen?: { field: string; values: readonly string[] };
  /** Width hint for text inputs, in characters. */
  width?: number;
}

/** Reads a field's presentation metadata; every form field must have some. */
export function fieldMeta(schema: z.ZodType): FieldMeta {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const meta = current.meta() as FieldMeta | undefined;
    if (meta?.label) return meta;
    const def: { innerType?: z.ZodType } | undefined = (current as { def?: { innerType?: z.ZodType } }).def;
    current = def?.innerType;
  }
  throw new Error('A form field has no label in its schema metadata.');
}

/**
 * A type's error that says what to do: `missing` when the answer was left empty (the server
 * reads an empty field as absent), `wrong` otherwise. The browser shows the same words, as it
 * takes both from the schema (src/forms/fieldConstraints.ts).
 */
export function missingOr(missing: string, wrong: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? missing : wrong);
}

/** An enum schema from a list of choices, with a message that names what to do. */
export function choiceOf<const Value extends string>(choices: readonly Choice<Value>[], message: string) {
  return z.enum(choices.map((choice) => choice.value) as [Value, ...Value[]], { error: message });
}

/** Trimmed text of bounded length: empty counts as missing. */
export function text(options: { required: string; max: number; maxMessage?: string; min?: number; minMessage?: string }) {
  return z
    .string({ error: options.required })
    .trim()
    .min(options.min ?? 1, options.min ? (options.minMessage ?? options.required) : options.required)
    .max(options.max, options.maxMessage ?? `Keep this under ${options.max} characters.`)
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), { error: 'Remove the control characters from this answer.' });
}

/** Text that may reach an email header or subject: a line break there could inject headers. */
export function singleLine(options: { required: string; max: number; maxMessage?: string }) {
  return text(options).refine((value) => !/[\r\n]/.test(value), { error: 'Write this on one line, without line breaks.' });
}

/** A person's full name: every form asks it the same way. */
export function fullNameField() {
  return singleLine({ required: 'Enter your full name.', max: 120, maxMessage: 'Your name must be 120 characters or fewer.' }).meta({
    label: 'Full name',
    widget: 'text',
    autocomplete: 'name',
    required: 'Enter your full name.',
    width: 30,
  });
}

/** An email address, with a hint saying what this form uses it for. */
export function emailField(hint: string) {
  return z
    .email({ error: missingOr('Enter your email address.', 'Enter an email address in the correct format, like name@example.org.') })
    .max(254, 'Your email address must be 254 characters or fewer.')
    .meta({ label: 'Email address', hint, widget: 'email', autocomplete: 'email', required: 'Enter your email address.', width: 30 });
}
