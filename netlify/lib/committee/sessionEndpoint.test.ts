/**
 * Signing in to the committee workspace through the function itself: the real Octokit asks the
 * GitHub stand-in who holds the token and what they may do with the records repository.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';
import { handlerContext } from '../../../tests/servers/harness/localServices.ts';
import { sessionHandler, workspaceHandler } from './functionHandlers.ts';
import { readSession, SESSION_COOKIE } from './session.ts';

const SITE = 'https://mentoring.example.org';
const SECRET = 'unit-test-committee-session-secret';
let github: FakeGitHub;
const saved = { ...process.env };

beforeAll(async () => {
  github = await startFakeGitHub({
    owner: 'nasig',
    repo: 'records',
    token: 'service-token',
    people: {
      'token-jdoe': { login: 'jdoe', permission: 'write' },
      'token-reader': { login: 'reader', permission: 'read' },
      'token-outsider': { login: 'outsider', permission: 'none' },
    },
  });
  Object.assign(process.env, {
    SITE_URL: SITE,
    RECORDS_REPO: 'nasig/records',
    GITHUB_TOKEN: 'service-token',
    GITHUB_API_URL: github.url,
    COMMITTEE_SESSION_SECRET: SECRET,
    RESEND_API_KEY: 're_unit_test',
    MAIL_FROM: 'Mentoring <mentoring@example.org>',
    LINK_SIGNING_SECRET: 'unit-test-link-secret',
  });
});
afterAll(async () => {
  process.env = saved;
  await github.stop();
});
afterEach(() => {
  delete process.env.COMMITTEE_SESSION_SECRET;
  process.env.COMMITTEE_SESSION_SECRET = SECRET;
});

const signIn = (body: Record<string, string>, origin = SITE, deployContext = 'production') =>
  sessionHandler(
    new Request(`${SITE}/api/committee/session`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
    handlerContext({ deployContext }),
  );

describe('POST /api/committee/session', () => {
  it('signs in a GitHub user with write access to the records repository, and keeps no token', async () => {
    const response = await signIn({ token: 'token-jdoe' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ login: 'jdoe' });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).not.toContain('token-jdoe');
    const value = cookie.split(';')[0]!;
    const session = readSession(new Request(SITE, { headers: { cookie: value } }), SECRET, new Date());
    expect(session).toMatchObject({ ok: true, session: { login: 'jdoe', via: 'github' } });
  });

  it('refuses a user who can only read, or cannot see, the records repository', async () => {
    for (const token of ['token-reader', 'token-outsider']) {
      const response = await signIn({ token });
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect((await response.json()).error).toMatch(/cannot write to the program’s records repository/);
    }
  });

  it('refuses a token GitHub does not know', async () => {
    const response = await signIn({ token: 'made-up' });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('says GitHub did not answer when it is down, and signs no one in', async () => {
    github.faults.failNext(2, 503, { path: '/user' });
    const response = await signIn({ token: 'token-jdoe' });
    expect(response.status).toBe(503);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a sign-in posted from another origin before asking GitHub', async () => {
    const before = github.state.requests.length;
    const response = await signIn({ token: 'token-jdoe' }, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(github.state.requests.length).toBe(before);
  });

  it('has no local committee sign-in when RECORDS_REPO is set, even outside a deploy', async () => {
    const response = await signIn({ intent: 'local' }, SITE, 'dev');
    expect(response.status).toBe(404);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('will not sign sessions with the public local key on a deploy without COMMITTEE_SESSION_SECRET', async () => {
    delete process.env.COMMITTEE_SESSION_SECRET;
    const response = await signIn({ token: 'token-jdoe' }, SITE, 'deploy-preview');
    expect(response.status).toBe(503);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('signs out at once', async () => {
    const response = await sessionHandler(new Request(`${SITE}/api/committee/session`, { method: 'DELETE', headers: { origin: SITE } }), handlerContext());
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^__Host-committee=; Max-Age=0/);
  });
});

describe('the workspace without a valid session', () => {
  it('shows nothing but the sign-in page, and changes nothing', async () => {
    const before = github.state.commits.length;
    const forged = `${SESSION_COOKIE}=${Buffer.from(JSON.stringify({ v: 1, login: 'jdoe' })).toString('base64url')}.bad`;
    const response = await workspaceHandler(
      new Request(`${SITE}/committee/matching/`, {
        method: 'POST',
        headers: { origin: SITE, cookie: forged, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'intent=propose',
      }),
      handlerContext({ deployContext: 'production' }),
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('could not be checked');
    expect(github.state.commits.length).toBe(before);
  });
});
