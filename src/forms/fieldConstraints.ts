import type { z } from 'zod';
import { fieldMeta } from '../schemas/formField.ts';

/** A field's checks as the browser can express them, with the server's own messages. */
export interface FieldConstraints {
  required: boolean;
  minLength?: number;
  maxLength?: number;
  /** For whole-number fields. */
  integer?: boolean;
  min?: number;
  max?: number;
  email?: boolean;
  /** For email fields: the schema's own pattern, so the browser accepts exactly what the server does. */
  pattern?: string;
  messages: { required?: string; minLength?: string; maxLength?: string; format?: string; integer?: string; tooSmall?: string; tooLarge?: string };
}

function unwrapOptional(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let current = schema;
  let optional = false;
  while (current.def.type === 'optional' || current.def.type === 'default') {
    optional = true;
    current = (current.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return { inner: current, optional };
}

/** The message the schema itself gives for a value, so browser and server say the same words. */
function messageFor(schema: z.ZodType, value: unknown): string | undefined {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Derives HTML constraint attributes and their messages from a field's zod schema. The messages
 * come from parsing probe values with the same schema, so they cannot drift from the server's:
 * an empty field is probed as the server reads it (absent; an empty list for tick boxes).
 * `conditionalMessage` is for a field that the form requires only with another answer (a
 * check on the whole form, which one field's schema cannot give).
 */
export function fieldConstraints(schema: z.ZodType, conditionalMessage: string | undefined): FieldConstraints {
  const { inner, optional } = unwrapOptional(schema);
  const empty = fieldMeta(schema).widget === 'checkboxes' ? [] : undefined;
  const required = !optional && messageFor(schema, empty) !== undefined;
  const constraints: FieldConstraints = { required, messages: { required: required ? messageFor(schema, empty) : conditionalMessage } };
  // zod 4 exposes a string's and a number's bounds as properties of the schema.
  const bounds = inner as unknown as {
    minLength?: number | null;
    maxLength?: number | null;
    minValue?: number | null;
    maxValue?: number | null;
    isInt?: boolean;
    def: { type: string; format?: string };
  };

  if (bounds.def.type === 'string') {
    if (typeof bounds.minLength === 'number' && bounds.minLength > 1) {
      constraints.minLength = bounds.minLength;
      constraints.messages.minLength = messageFor(inner, 'x'.repeat(bounds.minLength - 1));
    }
    if (typeof bounds.maxLength === 'number') {
      constraints.maxLength = bounds.maxLength;
      constraints.messages.maxLength = messageFor(inner, 'x'.repeat(bounds.maxLength + 1));
    }
    if (bounds.def.format === 'email') {
      constraints.email = true;
      const pattern = (inner.def as { pattern?: RegExp }).pattern;
      if (pattern) constraints.pattern = pattern.source;
      constraints.messages.format = messageFor(inner, 'not-an-email');
    }
  }
  if (bounds.def.type === 'number') {
    constraints.integer = bounds.isInt === true;
    if (typeof bounds.minValue === 'number' && Number.isFinite(bounds.minValue)) constraints.min = bounds.minValue;
    if (typeof bounds.maxValue === 'number' && Number.isFinite(bounds.maxValue)) constraints.max = bounds.maxValue;
    // The server reads text that is not a number as NaN, and a decimal as itself: the same two probes.
    constraints.messages.format = messageFor(inner, Number.NaN);
    if (constraints.integer) constraints.messages.integer = messageFor(inner, 1.5);
    if (constraints.min !== undefined) constraints.messages.tooSmall = messageFor(inner, constraints.min - 1);
    if (constraints.max !== undefined) constraints.messages.tooLarge = messageFor(inner, constraints.max + 1);
  }
  return constraints;
}
