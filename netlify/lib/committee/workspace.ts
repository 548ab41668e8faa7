/**
 * GET and POST /committee/…: the committee workspace. Every request is checked first: a valid
 * session cookie (else the sign-in page, and nothing else), and for a POST an Origin that is the
 * site's own. An action posts to its page's own address; it answers with a redirect to the page
 * (so a reload repeats nothing) or, when the input or the moment is wrong, the same page with
 * the problem said plainly and nothing written. Every write goes through a records store that
 * signs its commits with the member's login.
 */
import { readBody } from '../http/readBody.ts';
import { withSecurityHeaders } from '../http/securityHeaders.ts';
import { RecordFileError } from '../matching/applications.ts';
import { attributedStore } from '../records/attributedStore.ts';
import { RecordsUnavailableError } from '../records/ports.ts';
import { sharedReads } from '../records/sharedReads.ts';
import type { WorkspacePorts } from './ports.ts';
import { WORKSPACE_ROUTES } from './routes.ts';
import { type CommitteeSession, fromOwnOrigin, readSession } from './session.ts';
import { panel } from './views/components.ts';
import { html } from './views/html.ts';
import { type WorkspacePage, workspaceResponse } from './views/layout.ts';
import { signInPage } from './views/signIn.ts';

const notFound = (): WorkspacePage => ({
  title: 'Page not found',
  body: html`<h1>Page not found</h1><p>There is no such page in the committee workspace. <a href="/committee/">Go to the overview</a>.</p>`,
  status: 404,
});

const redirect = (location: string) => new Response(null, { status: 303, headers: withSecurityHeaders({ Location: location }) });

export async function handleWorkspace(request: Request, ports: WorkspacePorts): Promise<Response> {
  const url = new URL(request.url);
  const check = readSession(request, ports.sessionSecret, ports.now());
  if (!check.ok || (await endedEarlier(check.session, ports))) {
    const problem = check.ok ? 'signed-out' : check.reason === 'none' ? (url.searchParams.has('signed-out') ? 'signed-out' : undefined) : check.reason;
    const page = signInPage(ports, problem);
    // Signed out, nothing but the sign-in page is shown, whatever was asked for.
    return workspaceResponse(request, null, { ...page, status: problem === undefined || problem === 'signed-out' ? (url.pathname === '/committee/' ? 200 : 401) : page.status });
  }
  const session = check.session;
  if (request.method === 'POST' && !fromOwnOrigin(request, ports.siteUrl)) {
    return workspaceResponse(request, session, {
      title: 'Refused',
      status: 403,
      body: html`<h1>Refused</h1><p>That request did not come from the committee’s own pages, so nothing was changed.</p>`,
    });
  }
  try {
    return await route(request, url, session, ports);
  } catch (error) {
    if (error instanceof RecordsUnavailableError) {
      ports.log(`committee: ${url.pathname}: the records store did not answer (${error.message})`);
      return workspaceResponse(request, session, {
        title: 'Records not available',
        status: 503,
        body: html`<h1>The records are not available</h1>${panel(html`<p>GitHub, where the program’s records are kept, did not answer in time. ${request.method === 'POST' ? 'Nothing was changed. ' : ''}Try again in a few minutes.</p>`)}`,
      });
    }
    if (error instanceof RecordFileError) {
      ports.log(`committee: ${url.pathname}: ${error.message}`);
      return workspaceResponse(request, session, {
        title: 'A record needs fixing',
        status: 500,
        body: html`<h1>A record needs fixing</h1>${panel(html`<p>${error.message} Nothing was changed.</p>`)}`,
      });
    }
    throw error;
  }
}

/**
 * True when the session was signed out (a copy of its cookie, say). When Netlify Blobs does not
 * answer, the signed, unexpired cookie is let through rather than locking the committee out.
 */
async function endedEarlier(session: CommitteeSession, ports: WorkspacePorts): Promise<boolean> {
  try {
    return await ports.endedSessions.isEnded(session.sid);
  } catch (error) {
    ports.log(`committee: could not check whether the session was signed out (${error instanceof Error ? error.name : 'error'})`);
    return false;
  }
}

async function route(request: Request, url: URL, session: CommitteeSession, ports: WorkspacePorts): Promise<Response> {
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const post = request.method === 'POST';
  // A page's loaders share their reads (on GitHub: one archive for the whole page). Actions
  // read fresh: they write through other services' stores too, which a shared read would miss.
  const records = post ? ports.records : sharedReads(ports.records);
  const pagePorts = { ...ports, records };
  for (const candidate of WORKSPACE_ROUTES) {
    const match = candidate.path.exec(path);
    const handle = post ? candidate.post : candidate.get;
    if (!match || !handle) continue;
    const answer = await handle({
      request,
      url,
      params: match.slice(1),
      session,
      ports: pagePorts,
      store: attributedStore(records, session.login),
      fields: async () => {
        const body = await readBody(request, { maxBytes: 16_384, accept: ['form'] });
        return body.ok ? body.fields : {};
      },
    });
    if (answer instanceof Response) return answer;
    if (answer && 'redirect' in answer) return redirect(answer.redirect);
    return workspaceResponse(request, session, answer ?? notFound());
  }
  return workspaceResponse(request, session, notFound());
}
