/**
 * POST /api/committee/session: signs a committee member in (a GitHub token, handed over once by
 * the sign-in page, or the local stand-in) or out (intent=sign-out). DELETE signs out too. The
 * token is used to ask GitHub who the person is and whether they can push to RECORDS_REPO, and
 * then dropped: only the signed session cookie remains.
 */
import { wantsJson } from '../http/negotiation.ts';
import { readBody } from '../http/readBody.ts';
import { jsonResponse, withSecurityHeaders } from '../http/securityHeaders.ts';
import type { CommitteeSignIn } from './ports.ts';
import { clearedSessionCookie, fromOwnOrigin, newSession, readSession, sessionCookie } from './session.ts';
import { workspaceResponse } from './views/layout.ts';
import { SIGN_IN_STATUS, type SignInProblem, signInMessage, signInPage } from './views/signIn.ts';

export interface SessionPorts extends CommitteeSignIn {
  now: () => Date;
  log: (line: string) => void;
}

/** The local stand-in's login in commit messages. */
export const LOCAL_COMMITTEE_LOGIN = 'local-committee';

export async function handleSession(request: Request, ports: SessionPorts): Promise<Response> {
  const json = wantsJson(request);
  const refuse = async (problem: SignInProblem) =>
    json ? jsonResponse(SIGN_IN_STATUS[problem], { error: signInMessage(problem) }) : workspaceResponse(request, null, signInPage(ports, problem));
  if (!fromOwnOrigin(request, ports.siteUrl)) return refuse('origin');

  if (request.method === 'DELETE') return signedOut(request, json, ports);
  const body = await readBody(request, { maxBytes: 8192, accept: ['form', 'json'] });
  if (!body.ok) return jsonResponse(body.status, { error: body.error });
  const intent = typeof body.fields.intent === 'string' ? body.fields.intent : 'github';
  if (intent === 'sign-out') return signedOut(request, json, ports);

  const now = ports.now();
  if (intent === 'local') {
    if (!ports.localSignIn) return refuse('no-local');
    ports.log('committee: the local committee signed in');
    return signedIn(json, ports, newSession(LOCAL_COMMITTEE_LOGIN, 'local', now), now);
  }
  const token = typeof body.fields.token === 'string' ? body.fields.token.trim() : '';
  if (!token) return refuse('missing-token');
  if (!ports.identity) return refuse(ports.localSignIn ? 'no-local' : 'unavailable');
  const check = await ports.identity.check(token);
  if (!check.ok) {
    ports.log(`committee: sign-in refused (${check.reason})`);
    return refuse(check.reason);
  }
  ports.log('committee: a member signed in with GitHub');
  return signedIn(json, ports, newSession(check.login, 'github', now), now);
}

function signedIn(json: boolean, ports: SessionPorts, session: ReturnType<typeof newSession>, now: Date): Response {
  const cookie = sessionCookie(session, ports.sessionSecret, now);
  if (json) return jsonResponse(200, { login: session.login, expiresAt: new Date(session.exp).toISOString() }, { 'Set-Cookie': cookie });
  return new Response(null, { status: 303, headers: withSecurityHeaders({ Location: '/committee/', 'Set-Cookie': cookie }) });
}

/**
 * Clears the cookie and remembers the session as ended, so a copy of the cookie stops working
 * too. If Netlify Blobs does not answer, the cookie is still cleared in this browser.
 */
async function signedOut(request: Request, json: boolean, ports: SessionPorts): Promise<Response> {
  const check = readSession(request, ports.sessionSecret, ports.now());
  if (check.ok) {
    try {
      await ports.endedSessions.end(check.session.sid, check.session.exp, ports.now().getTime());
      ports.log('committee: a member signed out');
    } catch (error) {
      ports.log(`committee: a sign-out could not be recorded (${error instanceof Error ? error.name : 'error'}); the cookie is cleared in that browser only`);
    }
  }
  if (json || request.method === 'DELETE') return jsonResponse(200, { signedOut: true }, { 'Set-Cookie': clearedSessionCookie() });
  return new Response(null, { status: 303, headers: withSecurityHeaders({ Location: '/committee/?signed-out', 'Set-Cookie': clearedSessionCookie() }) });
}
