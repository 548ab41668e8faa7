/**
 * The workspace's pages and actions, one entry per address. A page module exports its routes;
 * this list puts them together, and workspace.ts answers each request with the first match.
 */
import type { RecordsStore } from '../records/ports.ts';
import { applicationPage, applicationsPage, saveReview } from './pages/applications.ts';
import { evaluationsPage } from './pages/evaluations.ts';
import { exportDownload, exportsPage, healthDownload, healthPage } from './pages/health.ts';
import { heldForReviewAction, heldForReviewPage } from './pages/heldForReview.ts';
import { introductionsAction, introductionsPage } from './pages/introductions.ts';
import { matchingAction, matchingPage } from './pages/matching.ts';
import { monthlyTopicsAction, monthlyTopicsPage } from './pages/monthlyTopics.ts';
import { messageAction, messageFlash, messagePage, messagesPage } from './pages/messages.ts';
import { addSampleApplications, addSampleYear, overviewPage } from './pages/overview.ts';
import { outboxEmailPage, outboxPage } from './pages/outbox.ts';
import { pairAction, pairFlash, pairPage, pairsPage } from './pages/pairs.ts';
import { peopleAction, peopleNotice, peoplePage } from './pages/people.ts';
import type { WorkspacePorts } from './ports.ts';
import type { CommitteeSession } from './session.ts';
import type { WorkspacePage } from './views/layout.ts';

export interface RouteContext {
  request: Request;
  url: URL;
  /** The groups the route's pattern captured (an application id, say). */
  params: string[];
  session: CommitteeSession;
  ports: WorkspacePorts;
  /** The records store whose commits carry the member's login: every write goes through it. */
  store: RecordsStore;
  /** The posted form's fields (urlencoded, at most 16 KB). */
  fields: () => Promise<Record<string, unknown>>;
}

/** A page (null: not found), a redirect after an action, or a response of its own (a download). */
export type RouteAnswer = WorkspacePage | null | { redirect: string } | Response;

export interface WorkspaceRoute {
  /** Matched against the path with its trailing slash. */
  path: RegExp;
  get?: (context: RouteContext) => Promise<RouteAnswer>;
  post?: (context: RouteContext) => Promise<RouteAnswer>;
}

const ID = '([0-9a-f-]{36})';

/** Sentences after an overview action, from the counts in the address (never free text). */
const overviewNotice = (query: URLSearchParams) =>
  query.get('done') === 'samples'
    ? `${Number(query.get('count') ?? 0)} sample applications were added. Review them under Applications.${Number(query.get('year-records') ?? 0) > 0 ? ` A sample running year was added too (${Number(query.get('year-records'))} made-up records): try Pairs, Messages, Evaluations and Health.` : ''}`
    : undefined;

export const WORKSPACE_ROUTES: WorkspaceRoute[] = [
  { path: /^\/committee\/evaluations\/$/, get: ({ ports }) => evaluationsPage(ports) },
  { path: /^\/committee\/health\/$/, get: ({ ports }) => healthPage(ports) },
  { path: /^\/committee\/health\/health-(\d{4}-\d{4})\.csv\/$/, get: ({ ports, params }) => healthDownload(ports, params[0]!) },
  { path: /^\/committee\/exports\/$/, get: ({ ports }) => exportsPage(ports) },
  { path: /^\/committee\/exports\/(\d{4}-\d{4})-([a-z-]+)\.csv\/$/, get: ({ ports, params }) => exportDownload(ports, params[0]!, params[1]!) },
  { path: /^\/committee\/outbox\/$/, get: ({ ports }) => outboxPage(ports) },
  { path: /^\/committee\/outbox\/([0-9TZa-f-]{1,64}\.eml)\/$/, get: ({ ports, params }) => outboxEmailPage(ports, params[0]!) },
  { path: /^\/committee\/held\/$/, get: (context) => heldForReviewPage(context), post: heldForReviewAction },
  { path: /^\/committee\/mailings\/monthly\/$/, get: ({ ports, url }) => monthlyTopicsPage(ports, url), post: monthlyTopicsAction },
  {
    path: /^\/committee\/$/,
    get: ({ ports, url }) => overviewPage(ports, overviewNotice(url.searchParams)),
    post: async ({ ports, store, fields }) => {
      const added = (await fields()).intent === 'sample-applications' ? await addSampleApplications(ports, store) : null;
      const yearRecords = added === null ? 0 : await addSampleYear(ports, store);
      return added === null ? null : { redirect: `/committee/?done=samples&count=${added}&year-records=${yearRecords}` };
    },
  },
  { path: /^\/committee\/applications\/$/, get: ({ ports, url }) => applicationsPage(ports, url) },
  {
    path: new RegExp(`^/committee/applications/${ID}/$`),
    get: ({ ports, url, params }) => applicationPage(ports, url, params[0]!, { flash: url.searchParams.get('done') === 'review' ? 'The review was saved.' : undefined }),
    post: async ({ ports, store, url, params, fields, session }) => {
      const outcome = await saveReview(ports, store, url, params[0]!, await fields(), session.login);
      return 'redirect' in outcome ? outcome : outcome.page;
    },
  },
  {
    path: /^\/committee\/matching\/$/,
    get: ({ ports, url }) => matchingPage(ports, url),
    post: async ({ ports, store, url, fields }) => {
      const outcome = await matchingAction(ports, store, url, await fields());
      return 'redirect' in outcome ? outcome : matchingPage(ports, url, outcome);
    },
  },
  {
    path: /^\/committee\/mailings\/$/,
    get: ({ ports, url }) => introductionsPage(ports, url),
    post: async ({ ports, store, url, fields }) => {
      const outcome = await introductionsAction({ ...ports, mailing: { ...ports.mailing, records: store } }, store, url, await fields());
      return 'redirect' in outcome ? outcome : introductionsPage(ports, url, outcome);
    },
  },
  { path: /^\/committee\/pairs\/$/, get: ({ ports }) => pairsPage(ports) },
  {
    path: /^\/committee\/pairs\/([A-Za-z0-9_-]{1,64})\/$/,
    get: ({ ports, url, params }) => pairPage(ports, params[0]!, { flash: pairFlash(url.searchParams) }),
    post: async ({ ports, store, params, fields }) => pairAction({ ...ports, mailing: { ...ports.mailing, records: store } }, store, params[0]!, await fields()),
  },
  { path: /^\/committee\/messages\/$/, get: ({ ports }) => messagesPage(ports) },
  {
    path: new RegExp(`^/committee/messages/${ID}/$`),
    get: ({ ports, url, params }) => messagePage(ports, params[0]!, { flash: messageFlash(url.searchParams) }),
    post: async ({ ports, store, params, fields, session }) => messageAction(ports, store, params[0]!, await fields(), session.login),
  },
  {
    path: /^\/committee\/people\/$/,
    get: async ({ url }) => peoplePage({ flash: peopleNotice(url.searchParams) }),
    post: async ({ ports, store, fields, session }) => peopleAction(ports, store, await fields(), session.login),
  },
];
