/**
 * The one request body reader of every function: the stream is read chunk by chunk and dropped
 * as soon as it passes the limit (413), so no body larger than the limit is ever held. It reads
 * urlencoded forms (plain HTML forms, mail clients' one-click), JSON objects (the enhanced forms,
 * committee calls) and, where a caller accepts it, multipart/form-data (some mail clients'
 * one-click). Other content types are refused (415) before the body is read; malformed bodies
 * answer 400.
 */
import type { z } from 'zod';
import { jsonResponse } from './securityHeaders.ts';

export type BodyType = 'form' | 'json' | 'multipart';
export type BodyRefusal = 'too-large' | 'unsupported-type' | 'unreadable' | 'malformed-json' | 'not-an-object';

/** Posted fields: strings (lists for a repeated urlencoded name), or a JSON object's values. */
export type BodyFields = Record<string, unknown>;

export type BodyReadResult = { ok: true; type: BodyType | 'empty'; fields: BodyFields } | { ok: false; status: 400 | 413 | 415; refusal: BodyRefusal; error: string };

export interface ReadBodyOptions {
  /** Bodies larger than this are refused with 413. */
  maxBytes: number;
  /** The content types read; in this order in the 415 message. */
  accept: readonly BodyType[];
  /** How a body sent without a Content-Type is read; default: refused (415). */
  untyped?: BodyType;
  /** An empty (or blank) body is {} whatever its content type (committee calls without options). */
  emptyIsObject?: boolean;
  /** Sentences that replace the default ones (the forms speak to applicants). */
  messages?: Partial<Record<BodyRefusal, string>>;
}

const MEDIA_TYPES: Record<BodyType, string> = {
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  json: 'application/json',
};
const MESSAGE_ORDER: readonly BodyType[] = ['form', 'multipart', 'json'];

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function typeOf(contentType: string | null, untyped: BodyType | undefined): BodyType | undefined {
  const media = mediaType(contentType);
  if (media === '') return untyped;
  return (Object.keys(MEDIA_TYPES) as BodyType[]).find((type) => MEDIA_TYPES[type] === media);
}

function defaultMessage(refusal: BodyRefusal, options: ReadBodyOptions): string {
  switch (refusal) {
    case 'too-large':
      return `The body is larger than ${options.maxBytes} bytes.`;
    case 'unsupported-type': {
      const types = MESSAGE_ORDER.filter((type) => options.accept.includes(type)).map((type) => MEDIA_TYPES[type]);
      const list = types.length > 1 ? `${types.slice(0, -1).join(', ')} or ${types.at(-1)}` : (types[0] ?? '');
      return `Send ${options.accept.includes('form') ? 'the form' : 'the body'} as ${list}.`;
    }
    case 'unreadable':
      return 'The body could not be read.';
    case 'malformed-json':
      return 'The body is not valid JSON.';
    case 'not-an-object':
      return 'The body must be a JSON object.';
  }
}

function refuse(refusal: BodyRefusal, options: ReadBodyOptions): BodyReadResult {
  const status = refusal === 'too-large' ? 413 : refusal === 'unsupported-type' ? 415 : 400;
  return { ok: false, status, refusal, error: options.messages?.[refusal] ?? defaultMessage(refusal, options) };
}

/** The body's bytes, read chunk by chunk; null as soon as they pass `maxBytes` (the rest is never read). */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Names and values in posting order; a repeated name collects a list (checkboxes). */
function collect(entries: Iterable<[string, string]>): BodyFields {
  const fields: BodyFields = Object.create(null);
  for (const [name, value] of entries) {
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing as string, value];
  }
  return fields;
}

/** Reads and parses the body (see the module comment); never throws for a client's mistake. */
export async function readBody(request: Request, options: ReadBodyOptions): Promise<BodyReadResult> {
  const type = typeOf(request.headers.get('content-type'), options.untyped);
  const accepted = type !== undefined && options.accept.includes(type);
  // Refused at once, unless an empty body must be read first to be allowed as {}.
  if (!accepted && !options.emptyIsObject) return refuse('unsupported-type', options);

  let bytes: Uint8Array<ArrayBuffer> | null;
  try {
    bytes = await readLimited(request, options.maxBytes);
  } catch {
    return refuse('unreadable', options);
  }
  if (bytes === null) return refuse('too-large', options);

  if (type === 'multipart' && accepted) {
    try {
      const form = await new Response(bytes, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
      const entries = [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      return { ok: true, type, fields: collect(entries) };
    } catch {
      return refuse('unreadable', options);
    }
  }

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('unreadable', options);
  }
  if (options.emptyIsObject && text.trim() === '') return { ok: true, type: 'empty', fields: {} };
  if (!accepted) return refuse('unsupported-type', options);

  if (type === 'form') return { ok: true, type, fields: collect(new URLSearchParams(text)) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse('malformed-json', options);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return refuse('not-an-object', options);
  return { ok: true, type: 'json', fields: parsed as BodyFields };
}

/** A result for the small bodies of the mailing endpoints: the value, or the answer to give. */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

function refusalResponse(read: Extract<BodyReadResult, { ok: false }>): Response {
  return jsonResponse(read.status, { error: read.error });
}

/** 400, naming the first field the schema refused. */
export function badBody(error: z.ZodError): Response {
  const issue = error.issues[0];
  return jsonResponse(400, { error: `${issue?.path.map(String).join('.') || 'body'}: ${issue?.message ?? 'not accepted'}` });
}

/** A small JSON object body (empty is {}) that passes `schema`; otherwise the 413, 415 or 400 answer (JSON). */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = 4096): Promise<BodyResult<z.output<S>>> {
  const read = await readBody(request, { maxBytes, accept: ['json'], emptyIsObject: true });
  if (!read.ok) return { ok: false, response: refusalResponse(read) };
  const parsed = schema.safeParse(read.fields);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: badBody(parsed.error) };
}

/**
 * The string fields of a small form post: urlencoded (also when untyped) or multipart, as browsers
 * and mail clients send them, or a JSON object. A repeated name keeps its last value; JSON values
 * that are not strings are left out. Refusals are answered as JSON.
 */
export async function readFormFields(request: Request, maxBytes = 16_384): Promise<BodyResult<Record<string, string>>> {
  const read = await readBody(request, { maxBytes, accept: ['form', 'multipart', 'json'], untyped: 'form' });
  if (!read.ok) return { ok: false, response: refusalResponse(read) };
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(read.fields)) {
    const last = Array.isArray(value) && read.type !== 'json' ? value.at(-1) : value;
    if (typeof last === 'string') fields[name] = last;
  }
  return { ok: true, value: fields };
}
