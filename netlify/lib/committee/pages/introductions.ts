/**
 * /committee/mailings/: the introductions of a year. Each active pair, whether and when it was
 * introduced; both emails of any pair as they will be sent; one confirmed action that sends
 * every introduction still due (the service of `npm run introductions`), and the kind note to
 * mentees left unmatched.
 */
import { introduction } from '../../mailing/introductionEmails.ts';
import { introductionContext, runIntroductions } from '../../mailing/introductionsService.ts';
import { emptyIntroductionsLedger, type IntroductionsLedger, introductionKey, introductionsLedgerPath, introductionsLedgerSchema, readJsonRecord } from '../../mailing/ledger.ts';
import { loadPairs, type ResolvedPair } from '../../mailing/pairs.ts';
import type { RecordsStore } from '../../records/ports.ts';
import type { WorkspacePorts } from '../ports.ts';
import { confirmBox, errorSummary, type FieldError, hidden, notice, panel, problem, table, tag } from '../views/components.ts';
import { type Html, html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';
import { yearOf } from './applications.ts';

/** Longest one "send" may run inside a request; what is left waits for the next press. */
const SEND_BUDGET_MS = 8_000;

export interface IntroductionsState {
  errors?: FieldError[];
  problem?: string;
}

export async function introductionsPage(ports: WorkspacePorts, url: URL, state: IntroductionsState = {}): Promise<WorkspacePage> {
  const year = yearOf(url, ports.settings);
  const preview = url.searchParams.get('preview');
  // The pairs and the ledger are read once: the page shows them and the dry run plans from them.
  const [yearPairs, ledger] = await Promise.all([
    loadPairs(ports.records, year),
    readJsonRecord(ports.records, introductionsLedgerPath(year), introductionsLedgerSchema, () => emptyIntroductionsLedger(year)),
  ]);
  const dryRun = await runIntroductions(
    { ...ports.mailing, records: ports.records },
    { programYear: year, dryRun: true, unmatched: true, loaded: { pairs: yearPairs, ledger: ledger.value } },
  );
  const pairs = yearPairs.active;
  const introducedAt = ledgerDates(ledger.value);
  const due = dryRun.pairs.toIntroduce;
  const notes = dryRun.unmatched?.toNotify ?? 0;
  let previewBlock: Html = html``;
  const chosen = preview ? pairs.find((pair) => pair.id === preview) : undefined;
  if (chosen) {
    const context = await introductionContext(ports.mailing);
    previewBlock = html`<section class="workspace-section" aria-labelledby="preview">
<h2 id="preview">The emails to ${chosen.mentee.name} and ${chosen.mentor.name}</h2>
${(['mentee', 'mentor'] as const).map((role) => {
  const email = introduction(chosen, role, context);
  return html`<article class="email-preview"><h3>To the ${role}: ${email.to}</h3><p><strong>Subject:</strong> ${email.subject}</p><pre class="email-text">${email.text}</pre></article>`;
})}
</section>`;
  }
  const body = html`<h1>Introductions for ${year}</h1>
${notice(sentNotice(url.searchParams))}${problem(state.problem)}${errorSummary(state.errors ?? [])}
${previewBlock}
${table(
  `Active pairs (${pairs.length})`,
  [
    { heading: 'Mentee', cell: (pair: ResolvedPair) => html`<a href="/committee/applications/${pair.mentee.personId}/?year=${year}">${pair.mentee.name}</a>` },
    { heading: 'Mentor', cell: (pair) => html`<a href="/committee/applications/${pair.mentor.personId}/?year=${year}">${pair.mentor.name}</a>` },
    { heading: 'Paired on', cell: (pair) => pair.since },
    {
      heading: 'Introduced',
      cell: (pair) => {
        const at = introducedAt.get(introductionKey({ id: pair.id, mentor: pair.mentor.personId, mentee: pair.mentee.personId }));
        return at ? html`${tag('Introduced', 'good')} ${at.slice(0, 10)}` : tag('Not yet');
      },
    },
    {
      heading: 'Emails',
      cell: (pair) =>
        html`<a href="/committee/mailings/?year=${year}&amp;preview=${pair.id}#preview">Preview<span class="visually-hidden"> the emails to ${pair.mentee.name} and ${pair.mentor.name}</span></a>`,
    },
  ],
  pairs,
  `No pairs for ${year} yet. Accept a matching proposal first.`,
)}
${
  due > 0
    ? html`<form class="form" method="post" action="/committee/mailings/?year=${year}" novalidate>
${hidden('intent', 'introduce')}
<h2>Send the introductions</h2>
<p>${due} pair${due === 1 ? '' : 's'} ${due === 1 ? 'has' : 'have'} not been introduced yet: ${due * 2} emails, one to each person. Each pair is introduced once, however often this is pressed.</p>
${confirmBox({ id: 'confirm', label: `Send ${due * 2} introduction emails now`, errors: state.errors })}
<button class="button" type="submit">Send the introductions</button>
</form>`
    : pairs.length > 0
      ? panel(html`<p>Every pair has been introduced.</p>`)
      : ''
}
${
  notes > 0 && due === 0
    ? html`<form class="form" method="post" action="/committee/mailings/?year=${year}" novalidate>
${hidden('intent', 'notify-unmatched')}
<h2>Mentees left unmatched</h2>
<p>${notes} mentee${notes === 1 ? ' is' : 's are'} in no pair. They can be sent a kind note saying so, once.</p>
${dryRun.unmatchedPreview ? html`<details><summary>Read the note</summary><p><strong>Subject:</strong> ${dryRun.unmatchedPreview.subject}</p><pre class="email-text">${dryRun.unmatchedPreview.text}</pre></details>` : ''}
${confirmBox({ id: 'confirm-unmatched', label: `Send the note to ${notes} mentee${notes === 1 ? '' : 's'} now`, errors: state.errors })}
<button class="button" type="submit">Send the notes</button>
</form>`
    : ''
}`;
  return { title: `Introductions for ${year}`, section: '/committee/mailings/', body, status: state.errors?.length ? 400 : state.problem ? 503 : 200 };
}

/** When each pair was introduced, by introductionKey. */
function ledgerDates(ledger: IntroductionsLedger): Map<string, string> {
  const dates = new Map<string, string>();
  for (const batch of ledger.batches) for (const pair of batch.pairs) dates.set(introductionKey({ id: pair.pair, mentor: pair.mentor, mentee: pair.mentee }), batch.sentAt);
  return dates;
}

/** POST /committee/mailings/: send the introductions (or the unmatched notes), confirmed. */
export async function introductionsAction(
  ports: WorkspacePorts,
  store: RecordsStore,
  url: URL,
  fields: Record<string, unknown>,
): Promise<{ redirect: string } | IntroductionsState> {
  const year = yearOf(url, ports.settings);
  const intent = fields.intent;
  if (intent !== 'introduce' && intent !== 'notify-unmatched') return { problem: 'That is not something this page can do.' };
  const box = intent === 'introduce' ? 'confirm' : 'confirm-unmatched';
  if (fields.confirm !== 'yes')
    return {
      errors: [
        { field: box, message: intent === 'introduce' ? 'Tick the box to confirm that the introductions should go now.' : 'Tick the box to confirm that the notes should go now.' },
      ],
    };
  const result = await runIntroductions({ ...ports.mailing, records: store }, { programYear: year, budgetMs: SEND_BUDGET_MS, unmatched: intent === 'notify-unmatched' });
  if (result.status === 'already-running' || (result.status === 'stopped' && result.emails === 0))
    return { problem: result.message ?? 'Nothing was sent. Try again in a few minutes.' };
  const counts = `introduced=${result.pairs.introduced}&notified=${result.unmatched?.notified ?? 0}${result.status === 'stopped' ? '&more' : ''}`;
  return { redirect: `/committee/mailings/?year=${year}&done=sent&${counts}` };
}

/** The sentence after a send, from the counts in the address (never free text). */
function sentNotice(query: URLSearchParams): string | undefined {
  if (query.get('done') !== 'sent') return undefined;
  const introduced = Number(query.get('introduced') ?? 0);
  const notified = Number(query.get('notified') ?? 0);
  const parts = [
    introduced > 0 ? `${introduced} pair${introduced === 1 ? ' was' : 's were'} introduced (${introduced * 2} emails).` : '',
    notified > 0 ? `${notified} mentee${notified === 1 ? ' was' : 's were'} sent the note.` : '',
    query.has('more') ? 'Some are still to send: press the button again.' : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'Nothing was left to send.';
}
