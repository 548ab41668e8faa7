/**
 * HTTP pieces the mailing functions share: the bearer secret (MAILER_SECRET), small bodies read
 * with a size limit and checked against a schema, and pages in the site's built layout.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { readVariable, type Environment } from '../config/environment.ts';
import { fillPageShell, loadPageShell } from '../http/pageShell.ts';
import { htmlResponse, jsonResponse } from '../http/securityHeaders.ts';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Null when the request carries `Authorization: Bearer $MAILER_SECRET`; otherwise the answer to
 * give: 503 when no secret is set (the endpoints are off), 401 for a wrong or missing one.
 */
export function checkMailerSecret(request: Request, env: Environment, production: boolean): Response | null {
  const secret = readVariable(env, 'MAILER_SECRET', { production, requiredInProduction: false });
  if (!secret) return jsonResponse(503, { error: 'The mailing endpoints are switched off: MAILER_SECRET is not set for this site.' });
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  // Compare digests, so neither the length nor the content leaks through timing.
  if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(secret))) {
    return jsonResponse(401, { error: 'This endpoint needs the mailing secret: Authorization: Bearer <MAILER_SECRET>.' }, { 'WWW-Authenticate': 'Bearer realm="mailings"' });
  }
  return null;
}

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

async function readText(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return null;
  const text = await request.text();
  return Buffer.byteLength(text, 'utf8') > maxBytes ? null : text;
}

/** A small JSON object body; an empty body is {}. Unknown fields are refused by the caller's check. */
export async function readJsonObject(request: Request, maxBytes = 4096): Promise<BodyResult<Record<string, unknown>>> {
  const type = request.headers.get('content-type') ?? '';
  const text = await readText(request, maxBytes);
  if (text === null) return { ok: false, response: jsonResponse(413, { error: `The body is larger than ${maxBytes} bytes.` }) };
  if (text.trim() === '') return { ok: true, value: {} };
  if (!/^application\/json\b/i.test(type)) return { ok: false, response: jsonResponse(415, { error: 'Send the body as application/json.' }) };
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, response: jsonResponse(400, { error: 'The body must be a JSON object.' }) };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, response: jsonResponse(400, { error: 'The body is not valid JSON.' }) };
  }
}

/** 400, naming the first field the schema refused. */
export function badBody(error: z.ZodError): Response {
  const issue = error.issues[0]!;
  return jsonResponse(400, { error: `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` });
}

/** A small JSON object body (empty is {}) that passes `schema`; otherwise the 413, 415 or 400 answer. */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<BodyResult<z.output<S>>> {
  const body = await readJsonObject(request);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: badBody(parsed.error) };
}

/**
 * A committee call: the bearer secret first (checkMailerSecret), then the JSON body against
 * `schema` (readJsonBody). `onRefused` hears of a refused secret, before the answer is given.
 */
export async function readAuthorisedJsonBody<S extends z.ZodType>(
  request: Request,
  runtime: { env: Environment; production: boolean },
  schema: S,
  onRefused?: (response: Response) => void,
): Promise<BodyResult<z.output<S>>> {
  const denied = checkMailerSecret(request, runtime.env, runtime.production);
  if (denied) {
    onRefused?.(denied);
    return { ok: false, response: denied };
  }
  return readJsonBody(request, schema);
}

/** Fields of a small form post (urlencoded or multipart, as browsers and mail clients send) or JSON. */
export async function readFormFields(request: Request, maxBytes = 16_384): Promise<BodyResult<{ fields: Record<string, string>; json: boolean }>> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return { ok: false, response: jsonResponse(413, { error: `The body is larger than ${maxBytes} bytes.` }) };
  try {
    if (type.startsWith('application/json')) {
      const body = await readJsonObject(request, maxBytes);
      if (!body.ok) return body;
      const fields = Object.fromEntries(Object.entries(body.value).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
      return { ok: true, value: { fields, json: true } };
    }
    if (type.startsWith('application/x-www-form-urlencoded') || type === '') {
      const text = await readText(request, maxBytes);
      if (text === null) return { ok: false, response: jsonResponse(413, { error: `The body is larger than ${maxBytes} bytes.` }) };
      return { ok: true, value: { fields: Object.fromEntries(new URLSearchParams(text)), json: false } };
    }
    if (type.startsWith('multipart/form-data')) {
      const form = await request.formData();
      const fields: Record<string, string> = {};
      let size = 0;
      for (const [name, value] of form.entries()) {
        if (typeof value !== 'string') continue;
        size += name.length + value.length;
        fields[name] = value;
      }
      if (size > maxBytes) return { ok: false, response: jsonResponse(413, { error: `The body is larger than ${maxBytes} bytes.` }) };
      return { ok: true, value: { fields, json: false } };
    }
  } catch {
    return { ok: false, response: jsonResponse(400, { error: 'The body could not be read.' }) };
  }
  return { ok: false, response: jsonResponse(415, { error: 'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.' }) };
}

/** A page in the site's layout (the built form shell), with security headers. */
export async function shellPage(request: Request, status: number, title: string, contentHtml: string): Promise<Response> {
  const shell = await loadPageShell(request.url);
  return htmlResponse(status, fillPageShell(shell, title, contentHtml));
}

export function methodNotAllowed(allowed: string[]): Response {
  return jsonResponse(405, { error: `Use ${allowed.join(' or ')}.` }, { Allow: allowed.join(', ') });
}
