/**
 * Signed links in emails: check-in answers and email preferences (the monthly email), and an
 * applicant's own application (the confirmation email). A link carries its
 * claims in the clear (nothing personal: ids, a month, an answer) and an HMAC-SHA256 over them
 * with LINK_SIGNING_SECRET, so changing any claim (another person, pair, month or answer)
 * breaks the signature. Links expire. A GET of a link never records anything: the page it opens
 * asks for a confirming POST (mail scanners open links).
 *
 *   token = "v1." + base64url(JSON claims) + "." + base64url(HMAC-SHA256(key, "v1." + payload))
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { programYear, yearMonth } from '../../../src/schemas/primitives.ts';

/** The three answers a check-in link can carry, in the order the email shows them. */
export const CHECK_IN_ANSWERS = ['met', 'not-yet', 'need-help'] as const;
export type CheckInAnswer = (typeof CHECK_IN_ANSWERS)[number];

/** How each answer reads on the page, in the email and in the committee summary. */
export const CHECK_IN_LABELS: Record<CheckInAnswer, string> = {
  met: 'We met',
  'not-yet': 'Not yet',
  'need-help': 'We need help',
};

const VERSION = 'v1';
/** Keeps these signatures apart from anything else signed with the same secret. */
const DOMAIN = 'mentoring-program/signed-link/v1\n';

const pairId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const role = z.enum(['mentor', 'mentee']);

/** A check-in link: one person of one pair answering for one month. */
export const checkInClaimsSchema = z.strictObject({
  purpose: z.literal('check-in'),
  programYear,
  month: yearMonth,
  pairId,
  /** The person's application id. */
  personId: z.uuid(),
  role,
  answer: z.enum(CHECK_IN_ANSWERS),
  /** Unix seconds after which the link is refused. */
  expiresAt: z.number().int().positive(),
});
export type CheckInClaims = z.infer<typeof checkInClaimsSchema>;

/** An email-preferences link (and the List-Unsubscribe one-click address). */
export const preferenceClaimsSchema = z.strictObject({
  purpose: z.literal('email-preferences'),
  programYear,
  personId: z.uuid(),
  role,
  expiresAt: z.number().int().positive(),
});
export type PreferenceClaims = z.infer<typeof preferenceClaimsSchema>;

/**
 * An applicant's link to their own application (/my-application/). `version` is the record's
 * submittedAt, or its correctedAt once corrected: a correction makes a new version, so the
 * link it replaced can no longer be used to overwrite it again.
 */
export const applicationClaimsSchema = z.strictObject({
  purpose: z.literal('my-application'),
  programYear,
  /** The application's id. */
  personId: z.uuid(),
  role,
  version: z.iso.datetime(),
  expiresAt: z.number().int().positive(),
});
export type ApplicationClaims = z.infer<typeof applicationClaimsSchema>;

export type LinkClaims = CheckInClaims | PreferenceClaims | ApplicationClaims;

/** Why a token was refused; each maps to a 4xx answer and a sentence for the person. */
export type LinkRefusal = 'malformed' | 'forged' | 'expired' | 'wrong-purpose';

export type VerifiedLink<T extends LinkClaims> = { ok: true; claims: T } | { ok: false; reason: LinkRefusal };

function signature(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(DOMAIN).update(payload).digest();
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The same checks as the schemas, by hand: a mailing signs thousands of links, and the schemas'
 * parse costs more than the signature. A claim the verifier would refuse is a bug: throw.
 */
function checkClaims(claims: LinkClaims): LinkClaims {
  const problems = [
    !/^\d{4}-\d{4}$/.test(claims.programYear) && 'programYear',
    !UUID.test(claims.personId) && 'personId',
    claims.role !== 'mentor' && claims.role !== 'mentee' && 'role',
    !(Number.isInteger(claims.expiresAt) && claims.expiresAt > 0) && 'expiresAt',
    ...(claims.purpose === 'check-in'
      ? [
          !/^\d{4}-(0[1-9]|1[0-2])$/.test(claims.month) && 'month',
          !/^[A-Za-z0-9_-]{1,64}$/.test(claims.pairId) && 'pairId',
          !(CHECK_IN_ANSWERS as readonly string[]).includes(claims.answer) && 'answer',
        ]
      : []),
    ...(claims.purpose === 'my-application' ? [!ISO_INSTANT.test(claims.version) && 'version'] : []),
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`A signed link cannot carry these claims: ${problems.join(', ')}.`);
  // A fixed key order, so the same claims always make the same token.
  if (claims.purpose === 'my-application') {
    return { purpose: claims.purpose, programYear: claims.programYear, personId: claims.personId, role: claims.role, version: claims.version, expiresAt: claims.expiresAt };
  }
  return claims.purpose === 'check-in'
    ? {
        purpose: claims.purpose,
        programYear: claims.programYear,
        month: claims.month,
        pairId: claims.pairId,
        personId: claims.personId,
        role: claims.role,
        answer: claims.answer,
        expiresAt: claims.expiresAt,
      }
    : { purpose: claims.purpose, programYear: claims.programYear, personId: claims.personId, role: claims.role, expiresAt: claims.expiresAt };
}

/** The token for a set of claims. The same claims and secret always give the same token. */
export function signLink(claims: LinkClaims, secret: string): string {
  const checked = checkClaims(claims);
  const payload = `${VERSION}.${Buffer.from(JSON.stringify(checked), 'utf8').toString('base64url')}`;
  return `${payload}.${signature(payload, secret).toString('base64url')}`;
}

function verify<T extends LinkClaims>(token: string | null | undefined, secret: string, now: Date, purpose: T['purpose'], schema: z.ZodType<T>): VerifiedLink<T> {
  if (typeof token !== 'string' || token.length > 2048) return { ok: false, reason: 'malformed' };
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[1] ?? '') || !/^[A-Za-z0-9_-]+$/.test(parts[2] ?? '')) {
    return { ok: false, reason: 'malformed' };
  }
  const payload = `${parts[0]}.${parts[1]}`;
  const given = Buffer.from(parts[2]!, 'base64url');
  const expected = signature(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!json || typeof json !== 'object' || (json as { purpose?: unknown }).purpose !== purpose) return { ok: false, reason: 'wrong-purpose' };
  const claims = schema.safeParse(json);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (claims.data.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims.data };
}

export function verifyCheckInLink(token: string | null | undefined, secret: string, now: Date): VerifiedLink<CheckInClaims> {
  return verify(token, secret, now, 'check-in', checkInClaimsSchema);
}

export function verifyPreferenceLink(token: string | null | undefined, secret: string, now: Date): VerifiedLink<PreferenceClaims> {
  return verify(token, secret, now, 'email-preferences', preferenceClaimsSchema);
}

export function verifyApplicationLink(token: string | null | undefined, secret: string, now: Date): VerifiedLink<ApplicationClaims> {
  return verify(token, secret, now, 'my-application', applicationClaimsSchema);
}

/** The first day of the month `offset` months after a YYYY-MM month, as a UTC instant. */
function monthStartUtc(month: string, offset: number): number {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return Date.UTC(year, monthNumber - 1 + offset, 1);
}

/**
 * A check-in link for a month works until a week into the month after next (October's links
 * until 8 December), so a late answer still counts and an old email cannot be replayed for ever.
 * Derived from the month alone, so a re-rendered email is byte-for-byte the same (a retried batch
 * must carry the same payload as its idempotency key's first attempt).
 */
export function checkInExpiry(month: string): number {
  return Math.floor(monthStartUtc(month, 2) / 1000) + 7 * 24 * 60 * 60;
}

/** Preference links (and List-Unsubscribe) keep working for thirteen months after the email's month. */
export function preferenceExpiry(month: string): number {
  return Math.floor(monthStartUtc(month, 13) / 1000);
}

/** A sentence for the person whose link was refused. */
export function describeRefusal(reason: LinkRefusal, contactEmail: string): string {
  switch (reason) {
    case 'expired':
      return `This link has expired. Links in the monthly email work for about two months; write to ${contactEmail} if you would like to tell the committee something.`;
    case 'forged':
    case 'wrong-purpose':
    case 'malformed':
      return `This link is not complete or has been changed, so it cannot be used. Open it again from the email (copy the whole address), or write to ${contactEmail}.`;
  }
}

/** The HTTP status for a refused link: the request is wrong (400), not allowed (403) or too late (410). */
export function refusalStatus(reason: LinkRefusal): 400 | 403 | 410 {
  if (reason === 'expired') return 410;
  if (reason === 'forged' || reason === 'wrong-purpose') return 403;
  return 400;
}
