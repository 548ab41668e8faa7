import type { z } from 'zod';
import { CONTENT_SCHEMAS, type CollectionName } from './contentSchemas.ts';
import { cmsMetaOf, schemaAtPath } from './schemaFields.ts';

/** Parses a field's `schema_path` (`<collection>:<dotted path>`). */
export function parseSchemaPath(schemaPath: string): { collection: CollectionName; path: string } {
  const [collection, path] = schemaPath.split(':');
  if (!collection || !(collection in CONTENT_SCHEMAS) || !path) throw new Error(`Unknown schema path "${schemaPath}".`);
  return { collection: collection as CollectionName, path };
}

/** Empty as Decap sees it: such a field is left to Decap's own "is required" check. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether a problem the document schema found (at `issuePath`) belongs to the field at `pattern`
 * whose value is `value`. In a list, a field does not know its position, so an item's field
 * claims the problems of the items whose value at that field equals its own.
 */
function issueBelongsTo(issuePath: ReadonlyArray<PropertyKey>, pattern: string[], data: unknown, value: unknown, reportsListIssues: boolean): boolean {
  const listPath = pattern.slice(0, pattern.lastIndexOf('*'));
  if (reportsListIssues && listPath.length > 0 && issuePath.length === listPath.length && listPath.every((segment, index) => segment === String(issuePath[index]))) {
    return true;
  }
  if (issuePath.length !== pattern.length) return false;
  const matches = pattern.every((segment, index) => (segment === '*' ? typeof issuePath[index] === 'number' : segment === String(issuePath[index])));
  return matches && (!pattern.includes('*') || sameValue(valueAt(data, issuePath), value));
}

/**
 * The first problem with one field, in the words of the content schemas: its own checks (a
 * month that is not a month, a date that does not exist) and the checks across fields that
 * name it (a window that closes before it opens, a colour with too little contrast). `document`
 * is the whole entry as the editor holds it; null when all is well.
 */
export function fieldProblem(schemaPath: string, value: unknown, document?: unknown): string | null {
  if (isEmptyValue(value)) return null;
  const { collection, path } = parseSchemaPath(schemaPath);
  const documentSchema: z.ZodType = CONTENT_SCHEMAS[collection];
  const fieldSchema = schemaAtPath(documentSchema, path);
  if (!fieldSchema) throw new Error(`No schema for "${schemaPath}".`);

  const own = fieldSchema.safeParse(value);
  if (!own.success) return own.error.issues[0]?.message ?? 'Check this value.';
  if (document === undefined) return null;

  const whole = documentSchema.safeParse(document);
  if (whole.success) return null;
  const pattern = path.split('.');
  const reportsListIssues = cmsMetaOf(fieldSchema)?.reportsListIssues === true;
  const issue = whole.error.issues.find((candidate) => issueBelongsTo(candidate.path, pattern, document, value, reportsListIssues));
  return issue?.message ?? null;
}
