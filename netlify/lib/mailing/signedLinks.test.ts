import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckInClaims, checkInExpiry, preferenceExpiry, signLink, verifyCheckInLink, verifyPreferenceLink } from './signedLinks.ts';

const SECRET = 'unit-test-secret';
const NOW = new Date('2026-10-02T14:00:00Z');
const claims: CheckInClaims = {
  purpose: 'check-in',
  programYear: '2026-2027',
  month: '2026-10',
  pairId: 'p-0001',
  personId: '6f1c2b9e-4a7d-4c1e-8b2a-0d3e5f6a7b8c',
  role: 'mentor',
  answer: 'met',
  expiresAt: checkInExpiry('2026-10'),
};

/** The token with its claims replaced but the original signature kept. */
function withClaims(token: string, changed: Record<string, unknown>): string {
  const [version, payload, signature] = token.split('.');
  const original = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  return `${version}.${Buffer.from(JSON.stringify({ ...original, ...changed }), 'utf8').toString('base64url')}.${signature}`;
}

describe('signed check-in links', () => {
  it('verify with the secret they were signed with', () => {
    const verified = verifyCheckInLink(signLink(claims, SECRET), SECRET, NOW);
    expect(verified).toEqual({ ok: true, claims });
  });

  it('are the same for the same claims (a re-sent batch carries the same emails)', () => {
    expect(signLink(claims, SECRET)).toBe(signLink({ ...claims }, SECRET));
  });

  it('cannot be changed to another person, pair, month or answer', () => {
    const token = signLink(claims, SECRET);
    const changes: Array<Record<string, unknown>> = [
      { personId: 'a1c2b9e0-4a7d-4c1e-8b2a-0d3e5f6a7b8c' },
      { pairId: 'p-0002' },
      { answer: 'need-help' },
      { answer: 'not-yet' },
      { month: '2026-11' },
      { role: 'mentee' },
      { expiresAt: claims.expiresAt + 86_400 * 365 },
    ];
    for (const change of changes) expect(verifyCheckInLink(withClaims(token, change), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses any change of any claim (property)', () => {
    const token = signLink(claims, SECRET);
    fc.assert(
      fc.property(
        fc.constantFrom('programYear', 'month', 'pairId', 'personId', 'role', 'answer', 'expiresAt'),
        fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.integer()),
        (field, value) => {
          fc.pre((claims as unknown as Record<string, unknown>)[field] !== value);
          const verified = verifyCheckInLink(withClaims(token, { [field]: value }), SECRET, NOW);
          return !verified.ok;
        },
      ),
    );
  });

  it('refuses a signature made with another secret, or a changed signature', () => {
    expect(verifyCheckInLink(signLink(claims, 'another-secret'), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    const token = signLink(claims, SECRET);
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(verifyCheckInLink(flipped, SECRET, NOW).ok).toBe(false);
  });

  it('refuses malformed tokens', () => {
    for (const token of [undefined, null, '', 'v1', 'v1.abc', 'v2.abc.def', 'v1.!!!.abc', 'x'.repeat(5000)]) {
      expect(verifyCheckInLink(token, SECRET, NOW).ok).toBe(false);
    }
  });

  it('expire a week into the month after next', () => {
    const token = signLink(claims, SECRET);
    expect(new Date(claims.expiresAt * 1000).toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(verifyCheckInLink(token, SECRET, new Date('2026-12-07T23:59:59Z')).ok).toBe(true);
    expect(verifyCheckInLink(token, SECRET, new Date('2026-12-08T00:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });

  it('are not accepted as preference links, nor the reverse', () => {
    const preference = signLink(
      { purpose: 'email-preferences', programYear: '2026-2027', personId: claims.personId, role: 'mentor', expiresAt: preferenceExpiry('2026-10') },
      SECRET,
    );
    expect(verifyCheckInLink(preference, SECRET, NOW)).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyPreferenceLink(signLink(claims, SECRET), SECRET, NOW)).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyPreferenceLink(preference, SECRET, NOW).ok).toBe(true);
  });

  it('refuse to sign claims that would not verify', () => {
    expect(() => signLink({ ...claims, pairId: '../../etc' }, SECRET)).toThrow();
    expect(() => signLink({ ...claims, personId: 'not-a-uuid' }, SECRET)).toThrow();
  });
});
