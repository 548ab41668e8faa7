/**
 * /committee/mailings/monthly/: each month of the running year with its topic and state (no
 * sendable topic yet and why, not begun, not started, partly sent with counts, complete), a
 * preview of the email a chosen person got or will get, and "Send now" or "Resume" with a
 * confirmation, which starts the same background mailing as the daily schedule. A warning comes
 * days ahead when next month has no sendable topic.
 */
import { programMonths } from '../../../../src/lib/programMonths.ts';
import { formatMonth, startOfZonedDay, zonedMonth } from '../../../../src/lib/zonedTime.ts';
import { type MailingCounts, type MonthlyMailingResult, runMonthlyMailing } from '../../mailing/monthlyTopicService.ts';
import { emptyMonthlyLedger, monthlyLedgerPath, monthlyLedgerSchema, readJsonRecord, sentPeople } from '../../mailing/ledger.ts';
import { loadPairs } from '../../mailing/pairs.ts';
import { chooseTopic } from '../../mailing/topics.ts';
import { type StartBackground, startMailingByHand } from '../../mailing/startMailing.ts';
import type { WorkspacePorts } from '../ports.ts';
import type { RouteAnswer, RouteContext } from '../routes.ts';
import { confirmBox, errorSummary, type FieldError, hidden, notice, panel, problem, select, table, tag } from '../views/components.ts';
import { type Html, html } from '../views/html.ts';

/** How many days before a month the committee is warned that it has no sendable topic. */
export const TOPIC_WARNING_DAYS = 14;

export interface MonthRow {
  month: string;
  state: 'done' | 'partly-sent' | 'not-started' | 'not-begun' | 'no-topic';
  topic: string | null;
  sent: number;
  /** Why there is nothing to send (no-topic), in the service's words. */
  reason?: string;
  counts?: MailingCounts;
}

const STATE_LABELS: Record<MonthRow['state'], string> = {
  done: 'Complete',
  'partly-sent': 'Partly sent',
  'not-started': 'Not started',
  'not-begun': 'Not begun yet',
  'no-topic': 'No topic to send',
};

/** Every month of the running year: the ledger for the past ones, a dry run for this month and the next. */
export async function monthRows(ports: WorkspacePorts): Promise<MonthRow[]> {
  const year = ports.settings.programYears.running;
  const current = zonedMonth(ports.now(), ports.settings.timeZone);
  const months = programMonths(year, ports.settings.program);
  const next = months.find((month) => month > current);
  return Promise.all(
    months.map(async (month): Promise<MonthRow> => {
      const ledger = (await readJsonRecord(ports.records, monthlyLedgerPath(year, month), monthlyLedgerSchema, () => emptyMonthlyLedger(year, month))).value;
      const sent = sentPeople(ledger).size;
      const topic = ledger.batches.at(-1)?.topic ?? null;
      if (ledger.completedAt) return { month, state: 'done', topic, sent };
      if (month !== current && month !== next) return { month, state: month > current ? 'not-begun' : sent > 0 ? 'partly-sent' : 'not-started', topic, sent };
      const dry = await runMonthlyMailing({ ...ports.mailing, records: ports.records }, { month, dryRun: true });
      if (dry.status === 'no-topic') return { month, state: 'no-topic', topic: null, sent, reason: dry.message };
      const counts = dry.status === 'dry-run' ? dry.counts : undefined;
      const state = month > current ? 'not-begun' : sent > 0 ? 'partly-sent' : 'not-started';
      return { month, state, topic: dry.status === 'dry-run' ? dry.topic : topic, sent, ...(counts ? { counts } : {}) };
    }),
  );
}

/**
 * The warning for next month, when it starts within TOPIC_WARNING_DAYS and has no sendable
 * topic. Only the topics are read (the same choice the mailing makes), no records.
 */
export async function topicWarning(ports: Pick<WorkspacePorts, 'mailing' | 'settings' | 'now'>): Promise<string | undefined> {
  const { settings } = ports;
  const now = ports.now();
  const current = zonedMonth(now, settings.timeZone);
  const next = programMonths(settings.programYears.running, settings.program).find((month) => month > current);
  if (!next) return undefined;
  const days = Math.ceil((startOfZonedDay(`${next}-01`, settings.timeZone).getTime() - now.getTime()) / 86_400_000);
  if (days > TOPIC_WARNING_DAYS) return undefined;
  const choice = chooseTopic(await ports.mailing.topics.list(), next);
  if (choice.kind === 'topic') return undefined;
  return `${formatMonth(next)} starts in ${days} day${days === 1 ? '' : 's'} and has no topic that can be sent: ${choice.reason} Publish it in the content editor before then.`;
}

export async function monthlyTopicsPage(ports: WorkspacePorts, url: URL, state: { errors?: FieldError[]; problem?: string } = {}): Promise<RouteAnswer> {
  const year = ports.settings.programYears.running;
  const rows = await monthRows(ports);
  const current = zonedMonth(ports.now(), ports.settings.timeZone);
  const warning = await topicWarning(ports);
  const previewMonth = rows.find((row) => row.month === url.searchParams.get('month'))?.month ?? current;
  const person = url.searchParams.get('person') ?? '';
  let previewBlock: Html = html``;
  const people = (await loadPairs(ports.records, year).catch(() => null))?.active.flatMap((pair) => [pair.mentee, pair.mentor]) ?? [];
  if (url.searchParams.has('preview')) {
    const dry: MonthlyMailingResult = await runMonthlyMailing(
      { ...ports.mailing, records: ports.records },
      { month: previewMonth, dryRun: true, previewPerson: person || undefined },
    );
    previewBlock =
      dry.status === 'dry-run' && dry.preview
        ? html`<article class="email-preview" id="preview"><h2>The ${formatMonth(previewMonth)} email to ${dry.preview.to.join(', ')}</h2><p><strong>Subject:</strong> ${dry.preview.subject}</p><pre class="email-text">${dry.preview.text}</pre></article>`
        : panel(html`<p>No email to preview for ${formatMonth(previewMonth)}: ${'message' in dry ? dry.message : 'nobody is in a pair yet.'}</p>`, { id: 'preview' });
  }
  const done = url.searchParams.get('done');
  const body = html`<h1>Monthly topics for ${year}</h1>
${done === 'started' ? notice(`The ${formatMonth(url.searchParams.get('started') ?? current)} mailing has started. It sends in batches in the background; reload this page to see it progress.`) : ''}
${warning ? panel(html`<p><strong>Next month has no topic yet.</strong> ${warning}</p>`, { kind: 'warning', status: true }) : ''}
${problem(state.problem)}${errorSummary(state.errors ?? [])}
${table(
  `Each month of ${year}`,
  [
    { heading: 'Month', cell: (row: MonthRow) => formatMonth(row.month) },
    { heading: 'Topic', cell: (row) => row.topic ?? '' },
    {
      heading: 'State',
      cell: (row) =>
        html`${tag(STATE_LABELS[row.state], row.state === 'done' ? 'good' : row.state === 'no-topic' || row.state === 'partly-sent' ? 'warn' : 'neutral')}${row.reason ? html`<br>${row.reason}` : ''}`,
    },
    {
      heading: 'Sent',
      cell: (row) => (row.counts ? `${row.sent} of ${row.counts.people - row.counts.paused - row.counts.leaving}` : row.sent > 0 ? String(row.sent) : ''),
      numeric: true,
    },
  ],
  rows,
  'The program year has no months.',
)}
<form class="form" method="get" action="/committee/mailings/monthly/#preview">
<h2>Preview an email</h2>
${hidden('preview', '1')}
${select({ id: 'month', name: 'month', label: 'Month', selected: previewMonth, choices: rows.map((row) => ({ value: row.month, label: formatMonth(row.month) })) })}
${select({ id: 'person', name: 'person', label: 'Person', selected: person, choices: [{ value: '', label: 'The next person due' }, ...people.map((p) => ({ value: p.personId, label: `${p.name} (${p.role})` }))] })}
<button class="button button-secondary" type="submit">Preview</button>
</form>
${previewBlock}
${sendForm(
  rows.find((row) => row.month === current),
  state.errors,
)}`;
  return { title: `Monthly topics for ${year}`, section: '/committee/mailings/monthly/', body, status: state.errors?.length ? 400 : state.problem ? 409 : 200 };
}

function sendForm(row: MonthRow | undefined, errors: readonly FieldError[] = []): Html {
  if (!row || (row.state !== 'not-started' && row.state !== 'partly-sent')) return html``;
  const action = row.state === 'partly-sent' ? 'Resume' : 'Send now';
  const left = row.counts?.toSend;
  return html`<form class="form" method="post" action="/committee/mailings/monthly/" novalidate>
<h2>${action}: ${formatMonth(row.month)}</h2>
<p>The daily schedule sends each month’s topic in the first week of the month. To send it now${left === undefined ? '' : ` (${left} email${left === 1 ? '' : 's'} left to send)`}, confirm below. Nobody gets it twice.</p>
${hidden('intent', 'send')}${hidden('month', row.month)}
${confirmBox({ id: 'confirm', label: `Send the ${formatMonth(row.month)} topic email now`, errors })}
<button class="button" type="submit">${action}</button>
</form>`;
}

/** POST: starts (or resumes) this month's mailing, confirmed, as the schedule does. */
export async function monthlyTopicsAction(context: RouteContext): Promise<RouteAnswer> {
  const { ports, url, store } = context;
  const start = ports.startMonthlyMailing;
  const fields = await context.fields();
  if (fields.intent !== 'send' || typeof fields.month !== 'string') return monthlyTopicsPage(ports, url, { problem: 'That is not something this page can do.' });
  if (fields.confirm !== 'yes') return monthlyTopicsPage(ports, url, { errors: [{ field: 'confirm', message: 'Tick the box to confirm that the email should go now.' }] });
  if (!start && !ports.localSignIn) {
    return monthlyTopicsPage(ports, url, {
      problem: 'The mailing cannot be started from here: MAILER_SECRET is not set for this site (see the deploy checklist). Nothing was sent.',
    });
  }
  const mailing = { ...ports.mailing, records: store };
  // Locally there is no background function secret: the same service runs within the request.
  const begin: StartBackground =
    start ??
    (async (month) => {
      const result = await runMonthlyMailing(mailing, { month, budgetMs: 8_000 });
      return { ok: result.status === 'complete' || result.status === 'stopped', status: 200 };
    });
  const outcome = await startMailingByHand(mailing, { month: fields.month }, begin);
  if (outcome.kind === 'refused') return monthlyTopicsPage(ports, url, { problem: outcome.error });
  if (outcome.kind === 'start-failed')
    return monthlyTopicsPage(ports, url, { problem: `The mailing could not be started (it answered ${outcome.status}). Nothing was sent. Try again in a few minutes.` });
  if (outcome.kind === 'dry-run') return null;
  return { redirect: `/committee/mailings/monthly/?done=started&started=${outcome.month}` };
}
