import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, fromOwnOrigin, newSession, readSession, SESSION_COOKIE, sealSession, sessionCookie } from './session.ts';

const SECRET = 'unit-test-session-secret';
const NOW = new Date('2027-08-03T14:00:00Z');
const withCookie = (value: string) => new Request('https://mentoring.example.org/committee/', { headers: { cookie: `other=1; ${SESSION_COOKIE}=${value}` } });

describe('the committee session cookie', () => {
  it('reads back who signed in, until eight hours later', () => {
    const session = newSession('jdoe', 'github', NOW);
    const sealed = sealSession(session, SECRET);
    expect(readSession(withCookie(sealed), SECRET, new Date(NOW.getTime() + 7.9 * 3600_000))).toEqual({ ok: true, session });
    expect(readSession(withCookie(sealed), SECRET, new Date(NOW.getTime() + 8 * 3600_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a cookie signed with another key, or altered', () => {
    const sealed = sealSession(newSession('jdoe', 'github', NOW), SECRET);
    expect(readSession(withCookie(sealed), 'another-secret', NOW)).toEqual({ ok: false, reason: 'forged' });
    const [payload, signature] = sealed.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const altered = Buffer.from(JSON.stringify({ ...claims, login: 'mallory' })).toString('base64url');
    expect(readSession(withCookie(`${altered}.${signature}`), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
    expect(readSession(withCookie('not-a-session'), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a validly signed session longer than eight hours', () => {
    const long = { ...newSession('jdoe', 'github', NOW), exp: NOW.getTime() + 9 * 3600_000 };
    expect(readSession(withCookie(sealSession(long, SECRET)), SECRET, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('says when there is no session at all', () => {
    expect(readSession(new Request('https://mentoring.example.org/committee/'), SECRET, NOW)).toEqual({ ok: false, reason: 'none' });
  });

  it('is set HttpOnly, Secure, SameSite=Strict on the whole site, and cleared at once', () => {
    const header = sessionCookie(newSession('jdoe', 'github', NOW), SECRET, NOW);
    expect(header).toMatch(/^__Host-committee=[^;]+; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(clearedSessionCookie()).toMatch(/^__Host-committee=; Max-Age=0;/);
  });
});

describe('the origin check of state-changing requests', () => {
  const post = (origin?: string) => new Request('https://mentoring.example.org/committee/matching/', { method: 'POST', headers: origin ? { origin } : {} });
  it('accepts only the site’s own origin', () => {
    expect(fromOwnOrigin(post('https://mentoring.example.org'), 'https://mentoring.example.org')).toBe(true);
    expect(fromOwnOrigin(post('https://evil.example'), 'https://mentoring.example.org')).toBe(false);
    expect(fromOwnOrigin(post(), 'https://mentoring.example.org')).toBe(false);
  });
});
