/**
 * The one bearer-secret check: the committee endpoints (mailings, check-in summary, the
 * background mailing) need `Authorization: Bearer $MAILER_SECRET`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { type BodyResult, readJsonBody } from './readBody.ts';
import { jsonResponse } from './securityHeaders.ts';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Null when the request carries `Authorization: Bearer <secret>`; otherwise the answer to give:
 * 503 when no secret is set (the endpoints are off), 401 for a wrong or missing one.
 */
export function checkMailerSecret(request: Request, secret: string | undefined): Response | null {
  if (!secret) return jsonResponse(503, { error: 'The mailing endpoints are switched off: MAILER_SECRET is not set for this site.' });
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  // Compare digests, so neither the length nor the content leaks through timing.
  if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(secret))) {
    return jsonResponse(401, { error: 'This endpoint needs the mailing secret: Authorization: Bearer <MAILER_SECRET>.' }, { 'WWW-Authenticate': 'Bearer realm="mailings"' });
  }
  return null;
}

/**
 * A committee call: the bearer secret first (checkMailerSecret), then the JSON body against
 * `schema` (readJsonBody). `onRefused` hears of a refused secret, before the answer is given.
 */
export async function readAuthorisedJsonBody<S extends z.ZodType>(
  request: Request,
  secret: string | undefined,
  schema: S,
  onRefused?: (response: Response) => void,
): Promise<BodyResult<z.output<S>>> {
  const denied = checkMailerSecret(request, secret);
  if (denied) {
    onRefused?.(denied);
    return { ok: false, response: denied };
  }
  return readJsonBody(request, schema);
}
