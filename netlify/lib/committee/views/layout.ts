/**
 * A workspace page: the committee's navigation, who is signed in and a sign-out button, then
 * the page's own content, all inside the site's layout from the build (http/pageShell.ts).
 */
import { fillPageShell, loadPageShell } from '../../http/pageShell.ts';
import { withSecurityHeaders } from '../../http/securityHeaders.ts';
import type { CommitteeSession } from '../session.ts';
import { type Html, html } from './html.ts';

export const WORKSPACE_SECTIONS = [
  { path: '/committee/', label: 'Overview' },
  { path: '/committee/applications/', label: 'Applications' },
  { path: '/committee/matching/', label: 'Matching' },
  { path: '/committee/mailings/', label: 'Introductions' },
  { path: '/committee/mailings/monthly/', label: 'Monthly topics' },
  { path: '/committee/pairs/', label: 'Pairs' },
  { path: '/committee/messages/', label: 'Messages' },
  { path: '/committee/evaluations/', label: 'Evaluations' },
  { path: '/committee/health/', label: 'Health' },
  { path: '/committee/held/', label: 'Held for review' },
  { path: '/committee/people/', label: 'People' },
] as const;

export interface WorkspacePage {
  title: string;
  /** The section the page belongs to (its path in WORKSPACE_SECTIONS). */
  section?: string;
  body: Html;
  status?: number;
  headers?: Record<string, string>;
}

function navigation(session: CommitteeSession | null, section: string | undefined): Html {
  if (!session) return html``;
  return html`<nav class="workspace-nav" aria-label="Committee workspace">
<ul class="workspace-nav-list">${WORKSPACE_SECTIONS.map(
    (item) => html`<li><a href="${item.path}"${item.path === section ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  )}</ul>
<form class="workspace-signout" method="post" action="/api/committee/session">
<input type="hidden" name="intent" value="sign-out">
<p class="meta">Signed in as <strong>${session.login}</strong></p>
<button class="button button-secondary" type="submit">Sign out</button>
</form>
</nav>`;
}

/** The page as the browser gets it: never cached, never indexed (the shell has the robots meta too), under the site's strict CSP. */
export async function workspaceResponse(request: Request, session: CommitteeSession | null, page: WorkspacePage): Promise<Response> {
  const shell = await loadPageShell(request.url);
  const content = html`<div class="workspace">${navigation(session, page.section)}
<div class="workspace-main">${page.body}</div></div>`;
  const filled = fillPageShell(shell, `${page.title} – committee`, content.value);
  return new Response(filled, {
    status: page.status ?? 200,
    headers: withSecurityHeaders({ 'Content-Type': 'text/html; charset=utf-8', 'X-Robots-Tag': 'noindex, nofollow', ...page.headers }),
  });
}
