import { z } from 'zod';
import type { CmsFieldMeta } from '../src/schemas/cmsField.ts';
import { hexColour, isoDate } from '../src/schemas/primitives.ts';

/** One field of a Decap CMS collection, as the CMS configuration spells it. */
export interface DecapField {
  name: string;
  label: string;
  widget: string;
  hint?: string;
  required?: boolean;
  /** Where the field's zod schema is: `<collection>:<dotted path>`, `*` standing for a list item. */
  schema_path?: string;
  fields?: DecapField[];
  field?: DecapField;
  [option: string]: unknown;
}

/** Replaces the field a schema generates, e.g. with a custom widget; keeps the label, hint and checks. */
export type FieldOverride = (generated: DecapField) => DecapField;

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  checks?: Array<{ _zod: { def: { check: string; format?: string; pattern?: RegExp; error?: (issue?: unknown) => unknown } } }>;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The schema that decides what is stored, without the wrappers that only say whether it may be
 * absent (optional, default) or how an empty value is read (the preprocess of optionalField).
 */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType && ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) current = def.innerType;
    else if (def.type === 'pipe' && def.in && def.out) current = defOf(def.in).type === 'transform' ? def.out : def.in;
    else return current;
  }
}

/** The CMS presentation kept on a field's schema (or on any wrapper of it). */
export function cmsMetaOf(schema: z.ZodType): CmsFieldMeta | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const meta = current.meta() as { cms?: CmsFieldMeta } | undefined;
    if (meta?.cms) return meta.cms;
    const def = defOf(current);
    current = def.innerType ?? (def.type === 'pipe' ? (defOf(def.in!).type === 'transform' ? def.out : def.in) : undefined);
  }
  return undefined;
}

/** A field may be left out of the file when its schema accepts it missing (optional or defaulted). */
export function acceptsMissing(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/** The value a defaulted field takes when it is missing, if any. */
function defaultOf(schema: z.ZodType): unknown {
  const result = schema.safeParse(undefined);
  return result.success ? result.data : undefined;
}

function jsonOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(unwrap(schema), { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The message a string schema gives when its regular expression does not match. */
function regexMessage(schema: z.ZodType, pattern: string): string | undefined {
  for (const check of defOf(unwrap(schema)).checks ?? []) {
    const def = check._zod.def;
    if (def.format === 'regex' && def.pattern?.source === pattern) {
      const message = def.error?.({ code: 'invalid_format' });
      return typeof message === 'string' ? message : undefined;
    }
  }
  return undefined;
}

const DATE_PATTERN = (z.toJSONSchema(isoDate) as { pattern: string }).pattern;
const COLOUR_PATTERN = (z.toJSONSchema(hexColour) as { pattern: string }).pattern;

/**
 * The Decap field for one schema field: the widget follows from the zod type and format
 * (a YYYY-MM-DD date gets the date picker, a hex colour the colour picker, a whole number the
 * number input, a fixed list of values a select), the label and hint from the field's CMS
 * metadata, `required` from whether the schema accepts the field missing.
 */
export function fieldFromSchema(name: string, schema: z.ZodType, path: string, overrides: Record<string, FieldOverride> = {}): DecapField {
  const meta = cmsMetaOf(schema);
  if (!meta) throw new Error(`The content field "${path}" has no CMS label and hint: add .meta(cms({ label, hint })) to its schema.`);
  const base: DecapField = { name, label: meta.label, hint: meta.hint, widget: 'string', required: !acceptsMissing(schema) };
  const fallback = defaultOf(schema);
  if (fallback !== undefined && !Array.isArray(fallback)) base.default = fallback;
  const inner = unwrap(schema);
  const def = defOf(inner);
  const json = jsonOf(schema);
  let field: DecapField;

  switch (def.type) {
    case 'object':
      field = { ...base, widget: 'object', collapsed: false, fields: fieldsFromObject(inner as z.ZodObject, path, overrides) };
      break;
    case 'array': {
      const element = def.element!;
      const list: DecapField = { ...base, widget: 'list', collapsed: true, summary: meta.itemSummary, label_singular: meta.itemLabel };
      if (typeof json.minItems === 'number') list.min = json.minItems;
      if (typeof json.maxItems === 'number') list.max = json.maxItems;
      if (defOf(unwrap(element)).type === 'object') {
        list.fields = fieldsFromObject(unwrap(element) as z.ZodObject, `${path}.*`, overrides);
      } else {
        // A list of single values: each item is checked against the list's element schema.
        const itemLabel = meta.itemLabel ?? 'item';
        list.field = leafField({ name: itemLabel, label: itemLabel.charAt(0).toUpperCase() + itemLabel.slice(1), widget: 'string' }, element, `${path}.*`);
        list.collapsed = false;
      }
      field = list;
      break;
    }
    default:
      field = leafField(base, schema, path);
  }
  const override = overrides[path];
  return override ? override(field) : field;
}

/** The widget and checks of a single value (text, number, yes/no, date, colour, choice). */
function leafField(base: DecapField, schema: z.ZodType, path: string): DecapField {
  const meta = cmsMetaOf(schema);
  const inner = unwrap(schema);
  const def = defOf(inner);
  const json = jsonOf(schema);
  const field: DecapField = { ...base, schema_path: path };

  switch (def.type) {
    case 'boolean':
      return { ...field, widget: 'boolean' };
    case 'number':
      return {
        ...field,
        widget: 'number',
        value_type: json.type === 'integer' ? 'int' : 'float',
        ...(typeof json.minimum === 'number' ? { min: json.minimum } : {}),
        ...(typeof json.maximum === 'number' ? { max: json.maximum } : {}),
        step: 1,
      };
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return {
        ...field,
        widget: 'select',
        options: values.map((value) => ({ value, label: meta?.choiceLabels?.[value] ?? value })),
      };
    }
    case 'string': {
      const pattern = typeof json.pattern === 'string' ? json.pattern : undefined;
      const withPattern = pattern ? { pattern: [pattern, regexMessage(schema, pattern) ?? 'Check how this is written.'] } : {};
      if (pattern === DATE_PATTERN) return { ...field, ...withPattern, widget: 'datetime', date_format: 'YYYY-MM-DD', time_format: false };
      if (pattern === COLOUR_PATTERN) return { ...field, ...withPattern, widget: 'color', allowInput: true, enableAlpha: false };
      if (meta?.widget === 'image') return { ...field, widget: 'image', choose_url: false };
      return { ...field, ...withPattern, widget: meta?.multiline ? 'text' : 'string' };
    }
    default:
      throw new Error(`The content field "${path}" has a type (${def.type}) the CMS configuration does not know how to edit.`);
  }
}

/** The Decap fields of an object schema, in the schema's order. */
export function fieldsFromObject(schema: z.ZodObject, path: string, overrides: Record<string, FieldOverride> = {}): DecapField[] {
  const prefix = path.endsWith(':') ? path : `${path}.`;
  return Object.entries(schema.shape).map(([name, fieldSchema]) => fieldFromSchema(name, fieldSchema as z.ZodType, `${prefix}${name}`, overrides));
}

/** The zod schema at a `<dotted path>` inside an object schema, `*` standing for a list item. */
export function schemaAtPath(root: z.ZodType, path: string): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path.split('.')) {
    if (!current) return undefined;
    const def = defOf(unwrap(current));
    if (segment === '*') current = def.type === 'array' ? def.element : undefined;
    else current = def.type === 'object' ? ((unwrap(current) as z.ZodObject).shape[segment] as z.ZodType | undefined) : undefined;
  }
  return current;
}
