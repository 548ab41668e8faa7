/**
 * /committee/held/: submissions that looked automated (sent within seconds, or with the hidden
 * field filled), held instead of dropped. The committee reads each one and releases it into the
 * records (stored and confirmed as if it had just arrived) or discards it. They go by themselves
 * after 30 days.
 */
import { HELD_FOR_REVIEW_DAYS, type HeldForReview, formOf, listHeldForReview } from '../../submissions/heldForReview.ts';
import { releaseFromReview } from '../../submissions/submitForm.ts';
import type { RouteContext, RouteAnswer } from '../routes.ts';
import { hidden, notice, problem, table } from '../views/components.ts';
import { html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';

const REASONS: Record<HeldForReview['reason'], string> = {
  fast: 'Sent within 3 seconds of the page opening',
  honeypot: 'A field people do not see was filled in',
};

const FORM_NAMES: Record<HeldForReview['formId'], string> = {
  'mentor-application': 'Mentor application',
  'mentee-application': 'Mentee application',
  'mentor-evaluation': 'Mentor evaluation',
  'mentee-evaluation': 'Mentee evaluation',
  message: 'Message to the committee',
};

const DONE: Record<string, string> = {
  released: 'The submission was released: it is in the records now, and its confirmation email has gone.',
  discarded: 'The submission was discarded.',
};

const said = (answers: Record<string, unknown>, key: string) => (typeof answers[key] === 'string' ? (answers[key] as string) : '');

const UNREADABLE =
  'The held submissions cannot be read just now: Netlify Blobs, where they wait, did not answer. Nothing has been lost, and nothing was changed. Try again in a few minutes.';
const NOT_DISCARDED = 'The submission could not be discarded just now: Netlify Blobs, where it waits, did not answer. It is still held. Try again in a few minutes.';

/** The held submissions, or null (logged by the error's name only) when Netlify Blobs does not answer. */
async function heldOrNull(ports: RouteContext['ports']) {
  try {
    return await listHeldForReview(ports.submissions.reviewQueue, ports.now());
  } catch (error) {
    ports.log(`committee: held for review: the queue could not be read (${error instanceof Error ? error.name : 'error'})`);
    return null;
  }
}

const unreadablePage = (): WorkspacePage => ({ title: 'Held for review', section: '/committee/held/', status: 503, body: html`<h1>Held for review</h1>${problem(UNREADABLE)}` });

export async function heldForReviewPage({ ports, url }: Pick<RouteContext, 'ports' | 'url'>, state: { problem?: string } = {}): Promise<WorkspacePage> {
  const held = await heldOrNull(ports);
  if (held === null) return unreadablePage();
  const body = html`<h1>Held for review</h1>
${notice(DONE[url.searchParams.get('done') ?? ''])}${problem(state.problem)}
<p>These arrived so quickly, or in such a way, that they may have been sent by a program rather than a person. Nobody has been sent a confirmation. Release the ones a person sent; discard the rest. Anything not released goes after ${HELD_FOR_REVIEW_DAYS} days.</p>
${table(
  `Held submissions (${held.length})`,
  [
    { heading: 'Form', cell: (entry: (typeof held)[number]) => FORM_NAMES[entry.item.formId] },
    {
      heading: 'From',
      cell: (entry) =>
        html`${said(entry.item.answers, 'name') || 'No name given'}${said(entry.item.answers, 'email') ? html`<br><span class="meta">${said(entry.item.answers, 'email')}</span>` : ''}`,
    },
    { heading: 'What it says', cell: (entry) => (said(entry.item.answers, 'message') || said(entry.item.answers, 'goals') || '').slice(0, 200) },
    { heading: 'Why it was held', cell: (entry) => REASONS[entry.item.reason] },
    { heading: 'Received', cell: (entry) => entry.item.receivedAt.slice(0, 16).replace('T', ' ') },
    {
      heading: 'Decide',
      cell: (entry) => html`<div class="actions"><form class="inline-form" method="post" action="/committee/held/">${hidden('intent', 'release')}${hidden('key', entry.key)}
<button class="button button-small" type="submit">Release<span class="visually-hidden"> the ${FORM_NAMES[entry.item.formId].toLowerCase()} received ${entry.item.receivedAt.slice(0, 16)}</span></button></form>
<form class="inline-form" method="post" action="/committee/held/">${hidden('intent', 'discard')}${hidden('key', entry.key)}
<button class="button button-secondary button-small" type="submit">Discard<span class="visually-hidden"> the ${FORM_NAMES[entry.item.formId].toLowerCase()} received ${entry.item.receivedAt.slice(0, 16)}</span></button></form></div>`,
    },
  ],
  held,
  'Nothing is held for review.',
)}`;
  return { title: 'Held for review', section: '/committee/held/', body, status: state.problem ? 409 : 200 };
}

/** POST /committee/held/: release one into the records, or discard it. */
export async function heldForReviewAction(context: RouteContext): Promise<RouteAnswer> {
  const { ports, store } = context;
  const fields = await context.fields();
  const key = typeof fields.key === 'string' ? fields.key : '';
  const held = await heldOrNull(ports);
  if (held === null) return unreadablePage();
  const entry = held.find((candidate) => candidate.key === key);
  if (!entry) return heldForReviewPage(context, { problem: 'That submission is no longer held: someone has released or discarded it already.' });
  if (fields.intent === 'discard') {
    try {
      await ports.submissions.reviewQueue.release(key);
    } catch (error) {
      ports.log(`committee: held submission ${entry.item.id}: discarding failed (${error instanceof Error ? error.name : 'error'})`);
      return { ...(await heldForReviewPage(context, { problem: NOT_DISCARDED })), status: 503 };
    }
    ports.log(`committee: held submission ${entry.item.id} discarded`);
    return { redirect: '/committee/held/?done=discarded' };
  }
  if (fields.intent !== 'release') return heldForReviewPage(context, { problem: 'That is not something this page can do.' });
  const form = formOf(entry.item, ports.settings);
  if (!form) return heldForReviewPage(context, { problem: 'The form this was sent to no longer exists, so it cannot be released.' });
  // The confirmation and the notice are sent before the page answers, so the committee knows they went.
  const pending: Array<Promise<unknown>> = [];
  const outcome = await releaseFromReview(key, entry.item, form, { ...ports.submissions, records: store, afterResponse: (work) => pending.push(work) });
  await Promise.all(pending);
  if (outcome.kind !== 'stored' && outcome.kind !== 'queued')
    return heldForReviewPage(context, { problem: 'The records system did not take it. Nothing was changed; try again in a few minutes.' });
  ports.log(`committee: held submission ${entry.item.id} released`);
  return { redirect: '/committee/held/?done=released' };
}
