import type { z } from 'zod';
import { CONTROL_FIELDS } from '../../../src/forms/formDefinitions.ts';
import { fieldMeta } from '../../../src/schemas/formField.ts';
import { readBody } from './readBody.ts';

/** Bodies larger than this are refused with 413 (docs/architecture.md, "Endpoints"). */
export const MAX_BODY_BYTES = 64 * 1024;

export type RawValue = string | string[];

export interface Submission {
  /** The answers, shaped for the form's schema (arrays, numbers, booleans). */
  answers: Record<string, unknown>;
  /** What was typed, as strings, to put back into the form on an error page. */
  typed: Record<string, RawValue>;
  submissionId?: string;
  elapsedMs?: number;
  honeypot: string;
}

export type ReadResult = { ok: true; submission: Submission } | { ok: false; status: 400 | 413 | 415; error: string };

/** Turns the posted values of one field into what its schema expects. */
function normaliseField(schema: z.ZodType, raw: unknown): { value: unknown; typed: RawValue } | { error: string } {
  const { widget } = fieldMeta(schema);
  if (widget === 'checkboxes') {
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (!list.every((item) => typeof item === 'string')) return { error: 'a list of choices was expected' };
    const values = (list as string[]).filter((item) => item !== '');
    return { value: values, typed: values };
  }
  if (Array.isArray(raw)) return { error: 'one value was expected' };
  if (widget === 'agreement') {
    if (raw === true || raw === 'yes' || raw === 'true' || raw === 'on') return { value: true, typed: 'yes' };
    if (raw === undefined || raw === '' || raw === false) return { value: undefined, typed: '' };
    return { error: 'a tick box value was expected' };
  }
  if (widget === 'number') {
    if (typeof raw === 'number') return { value: raw, typed: String(raw) };
    if (raw === undefined || raw === '') return { value: undefined, typed: '' };
    if (typeof raw !== 'string') return { error: 'a number was expected' };
    // Only spaces is no answer, as for text (and as the browser reads it).
    if (raw.trim() === '') return { value: undefined, typed: raw };
    const trimmed = raw.trim();
    return { value: /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN, typed: raw };
  }
  if (raw === undefined || raw === null) return { value: undefined, typed: '' };
  if (typeof raw !== 'string') return { error: 'text was expected' };
  // Browsers post line breaks in textareas as CRLF; store them as LF.
  // An email field's value loses its outer spaces, as a browser's email input sanitises it.
  const text = widget === 'email' ? raw.trim() : raw.replace(/\r\n?/g, '\n');
  return { value: text.trim() === '' ? undefined : text, typed: text };
}

/**
 * The posted values of the schema's fields shaped for it (arrays, numbers, booleans; empty ones
 * left out), and what was typed; or the first malformed field. Other posted names are ignored.
 */
export function shapeAnswers(schema: z.ZodObject, posted: Record<string, unknown>): { answers: Record<string, unknown>; typed: Record<string, RawValue> } | { error: string } {
  const answers: Record<string, unknown> = {};
  const typed: Record<string, RawValue> = {};
  for (const [name, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const result = normaliseField(fieldSchema, posted[name]);
    if ('error' in result) return { error: `The field "${name}" is malformed: ${result.error}.` };
    if (result.value !== undefined) answers[name] = result.value;
    typed[name] = result.typed;
  }
  return { answers, typed };
}

/**
 * Parses a form post (urlencoded from a plain HTML form, or JSON from the enhanced one) into the
 * schema's shape. Refuses, storing nothing: bodies over 64 KB (413), other content types (415),
 * malformed bodies and unknown or malformed fields (400).
 */
export async function readSubmission(request: Request, schema: z.ZodObject): Promise<ReadResult> {
  const read = await readBody(request, {
    maxBytes: MAX_BODY_BYTES,
    accept: ['form', 'json'],
    messages: {
      'too-large': 'The form is too large to accept (over 64 KB). Shorten the longest answers and send it again.',
      unreadable: 'The form could not be read: it is not valid UTF-8 text.',
      'malformed-json': 'The form could not be read: the JSON is malformed.',
      'not-an-object': 'The form could not be read: a JSON object was expected.',
    },
  });
  if (!read.ok) return { ok: false, status: read.status, error: read.error };
  const posted = read.fields;

  const fields = schema.shape as Record<string, z.ZodType>;
  const control = new Set<string>(Object.values(CONTROL_FIELDS));
  const unknown = Object.keys(posted).filter((name) => !Object.hasOwn(fields, name) && !control.has(name));
  if (unknown.length) return { ok: false, status: 400, error: `The form has fields this service does not know: ${unknown.slice(0, 5).join(', ')}.` };

  const shaped = shapeAnswers(schema, posted);
  if ('error' in shaped) return { ok: false, status: 400, error: shaped.error };
  const { answers, typed } = shaped;

  const single = (name: string) => {
    const value = posted[name];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  };
  const submissionId = single(CONTROL_FIELDS.submissionId);
  const elapsed = single(CONTROL_FIELDS.elapsedMs);
  return {
    ok: true,
    submission: {
      answers,
      typed,
      ...(submissionId ? { submissionId } : {}),
      ...(elapsed !== undefined && /^\d+$/.test(elapsed) ? { elapsedMs: Number(elapsed) } : {}),
      honeypot: single(CONTROL_FIELDS.honeypot) ?? '',
    },
  };
}
