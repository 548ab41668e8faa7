/**
 * The committee's session: a signed cookie (`__Host-committee`, HttpOnly, Secure,
 * SameSite=Strict, Path=/) that says who signed in and until when, at most 8 hours. No store
 * of our own: the cookie carries the member's GitHub login, signed with HMAC-SHA256 under
 * COMMITTEE_SESSION_SECRET, and GitHub decided at sign-in that the login may write the records.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SESSION_COOKIE = '__Host-committee';
export const SESSION_HOURS = 8;
const SESSION_MS = SESSION_HOURS * 60 * 60 * 1000;

const claimsSchema = z.object({
  v: z.literal(1),
  /** The GitHub login (or "local-committee" for the local stand-in). */
  login: z.string().regex(/^[A-Za-z0-9-]{1,39}$/),
  /** How the member signed in. */
  via: z.enum(['github', 'local']),
  /** Issued and expiry times, ms since the epoch. */
  iat: z.number().int(),
  exp: z.number().int(),
  /** One id per sign-in, for the log of who signed in and out. */
  sid: z.uuid(),
});
export type CommitteeSession = z.infer<typeof claimsSchema>;

const encode = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
const sign = (payload: string, secret: string) => createHmac('sha256', `committee-session:${secret}`).update(payload).digest('base64url');

/** A new session for `login`, valid for SESSION_HOURS from `now`. */
export function newSession(login: string, via: CommitteeSession['via'], now: Date): CommitteeSession {
  return claimsSchema.parse({ v: 1, login, via, iat: now.getTime(), exp: now.getTime() + SESSION_MS, sid: randomUUID() });
}

/** The cookie's value: the claims and their signature. */
export function sealSession(session: CommitteeSession, secret: string): string {
  const payload = encode(JSON.stringify(session));
  return `${payload}.${sign(payload, secret)}`;
}

export type SessionCheck = { ok: true; session: CommitteeSession } | { ok: false; reason: 'none' | 'forged' | 'expired' };

/** Reads and checks the session cookie of a request: its signature, its shape and its time. */
export function readSession(request: Request, secret: string, now: Date): SessionCheck {
  const value = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
  if (!value) return { ok: false, reason: 'none' };
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'forged' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'forged' };
  }
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return { ok: false, reason: 'forged' };
  const time = now.getTime();
  // A session from the future, or one longer than the limit, was not issued by us as it stands.
  if (parsed.data.exp - parsed.data.iat > SESSION_MS || parsed.data.iat > time + 60_000) return { ok: false, reason: 'forged' };
  if (parsed.data.exp <= time) return { ok: false, reason: 'expired' };
  return { ok: true, session: parsed.data };
}

/** The Set-Cookie header that starts a session. */
export function sessionCookie(session: CommitteeSession, secret: string, now: Date): string {
  const maxAge = Math.max(0, Math.floor((session.exp - now.getTime()) / 1000));
  return `${SESSION_COOKIE}=${sealSession(session, secret)}; Max-Age=${maxAge}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

/** The Set-Cookie header that ends a session at once. */
export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * State-changing requests must come from the site's own pages: the Origin header (which
 * browsers send on every POST) must be the site's origin. SameSite=Strict already keeps the
 * cookie off other sites' requests; this refuses them outright.
 */
export function fromOwnOrigin(request: Request, siteUrl: string): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const own = new Set([new URL(request.url).origin, new URL(siteUrl).origin]);
  return own.has(origin);
}
