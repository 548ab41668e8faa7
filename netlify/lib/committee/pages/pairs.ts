/**
 * /committee/pairs/: every pair of the running year with its check-ins month by month, the
 * pairs that need attention first with the reasons (pairs/attention.ts).
 * /committee/pairs/<pairId>/: one pair in full (both people, check-ins, messages,
 * introductions) and ending it: a reason, both emails to read, a confirmed send, then a link
 * to matching for the mentee's rematch (pairs/endPair.ts).
 */
import { fieldText } from '../formFields.ts';
import { formatMonth } from '../../../../src/lib/zonedTime.ts';
import { CHECK_IN_LABELS } from '../../mailing/signedLinks.ts';
import { attentionSentence, type CheckInAnswerOf, checkInGrid } from '../../pairs/attention.ts';
import { END_REASONS, endPair, endPairInputSchema, pairEndedEmails, rolesToTell } from '../../pairs/endPair.ts';
import { loadPairsOfYear, type PairsOfYear, type PairView } from '../../pairs/pairsOfYear.ts';
import type { RecordsStore } from '../../records/ports.ts';
import type { WorkspacePorts } from '../ports.ts';
import { confirmBox, errorSummary, type FieldError, hidden, notice, panel, problem, radios, summaryList, table, tag, textField } from '../views/components.ts';
import { type Html, html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';

const SECTION = '/committee/pairs/';

const answerCell = (entry: CheckInAnswerOf | null) =>
  entry
    ? entry.answer === 'need-help'
      ? tag(CHECK_IN_LABELS[entry.answer], 'warn')
      : entry.answer === 'met'
        ? tag(CHECK_IN_LABELS.met, 'good')
        : CHECK_IN_LABELS[entry.answer]
    : html`<span class="meta">No answer</span>`;

/** Both people's names as the pairs pages (and the health page) show them. */
export const pairName = (view: PairView) => `${view.mentee?.name ?? `mentee ${view.pair.mentee.slice(0, 8)}`} and ${view.mentor?.name ?? `mentor ${view.pair.mentor.slice(0, 8)}`}`;

function statusCell(view: PairView): Html {
  if (view.status === 'ended') return tag('Ended');
  if (view.reasons.length === 0) return tag('Going well', 'good');
  return html`${tag('Needs attention', 'warn')}<ul class="reasons">${view.reasons.map((reason) => html`<li>${attentionSentence(reason)}</li>`)}</ul>`;
}

export async function pairsPage(ports: WorkspacePorts): Promise<WorkspacePage> {
  const year = await loadPairsOfYear(ports.records, ports.settings, ports.now());
  const attention = year.pairs.filter((view) => view.reasons.length > 0);
  const rest = year.pairs.filter((view) => view.reasons.length === 0);
  const columns = [
    { heading: 'Pair', cell: (view: PairView) => html`<a href="/committee/pairs/${view.pair.id}/">${pairName(view)}</a>` },
    { heading: 'Status', cell: statusCell },
    ...year.months.map((month) => ({
      heading: formatMonth(month),
      cell: (view: PairView) => {
        const [cell] = checkInGrid([month], view.checkIns);
        return html`<span class="check-in">Mentee: ${answerCell(cell!.mentee)}</span> <span class="check-in">Mentor: ${answerCell(cell!.mentor)}</span>`;
      },
    })),
  ];
  if (year.pairs.length === 0) {
    return {
      title: `Pairs for ${year.programYear}`,
      section: SECTION,
      body: html`<h1>Pairs for ${year.programYear}</h1>
<p class="empty-state">There are no pairs for ${year.programYear} yet. Pairs appear here once the committee accepts a matching proposal in <a href="/committee/matching/?year=${year.programYear}">Matching</a>. After that, each month’s check-in answers show beside each pair, and the pairs that need help come first.</p>`,
    };
  }
  const body = html`<h1>Pairs for ${year.programYear}</h1>
<p>${year.pairs.filter((view) => view.status === 'active').length} active pairs. A pair needs attention when one of them answered “We need help” this month or last, when there was no “We met” in the last two program months, when one of them paused their emails or is leaving, or when a message from one of them is not yet handled.</p>
${table(`Pairs needing attention (${attention.length})`, columns, attention, 'No pair needs attention.')}
${rest.length > 0 ? table(`Other pairs (${rest.length})`, columns, rest, '') : ''}
${year.skippedCheckIns > 0 ? html`<p class="meta">${year.skippedCheckIns} check-in file${year.skippedCheckIns === 1 ? '' : 's'} could not be read and ${year.skippedCheckIns === 1 ? 'is' : 'are'} not shown.</p>` : ''}`;
  return { title: `Pairs for ${year.programYear}`, section: SECTION, body };
}

export interface PairState {
  errors?: FieldError[];
  values?: { reason?: string; details?: string };
  problem?: string;
  /** Show both emails and the confirmation. */
  preview?: boolean;
  flash?: string;
}

function endForm(view: PairView, year: { matchesSha: string }, state: PairState, ports: WorkspacePorts): Html {
  const values = state.values ?? {};
  if (state.preview && view.mentor && view.mentee) {
    // Whoever has withdrawn is written to no more (endPair tells only the others).
    const withdrawn = new Set(view.reasons.flatMap((reason) => (reason.kind === 'withdrawn' ? [view.pair[reason.role]] : [])));
    const emails = pairEndedEmails({ mentor: view.mentor, mentee: view.mentee }, { ...ports.mailing, settings: ports.settings }, rolesToTell(view.pair, withdrawn));
    const sendLabel = emails.length === 2 ? 'send both emails' : emails.length === 1 ? `send the email to the ${emails[0]!.role}` : 'send no email (both have withdrawn)';
    const reason = END_REASONS.find((choice) => choice.value === values.reason)?.label ?? '';
    return html`<section class="workspace-section" aria-labelledby="emails">
<h2 id="emails">${emails.length === 2 ? html`The emails to ${view.mentee.name} and ${view.mentor.name}` : emails.length === 1 ? html`The email to ${emails[0]!.role === 'mentee' ? view.mentee.name : view.mentor.name}, whose partner has withdrawn` : 'No emails: both have withdrawn'}</h2>
<p>Reason kept in the matches file: ${values.reason === 'other' ? values.details : reason}${values.reason !== 'other' && values.details ? `: ${values.details}` : ''}. The emails do not give the reason.</p>
${emails.map(
  (email) =>
    html`<article class="email-preview"><h3>To the ${email.role}: ${email.to}</h3><p><strong>Subject:</strong> ${email.subject}</p><pre class="email-text">${email.text}</pre></article>`,
)}
<form class="form" method="post" action="/committee/pairs/${view.pair.id}/" novalidate>
${hidden('intent', 'end')}${hidden('reason', values.reason ?? '')}${hidden('details', values.details ?? '')}${hidden('matchesSha', year.matchesSha)}
${confirmBox({ id: 'confirm', label: `End the pair and ${sendLabel} now`, errors: state.errors })}
<button class="button" type="submit">End the pair and ${sendLabel}</button>
<a href="/committee/pairs/${view.pair.id}/">Cancel</a>
</form>
</section>`;
  }
  return html`<form class="form" method="post" action="/committee/pairs/${view.pair.id}/" novalidate>
<h2>End this pair</h2>
<p>Both people get a short, kind email; the mentee hears that the committee will look for another mentor. The pair stays in the matches file as ended and is never proposed again.</p>
${hidden('intent', 'preview')}${hidden('matchesSha', year.matchesSha)}
${radios({ id: 'reason', name: 'reason', legend: 'Why is the pair ending?', checked: values.reason, errors: state.errors, choices: END_REASONS.map((choice) => ({ value: choice.value, label: choice.label })) })}
${textField({ id: 'details', name: 'details', label: 'Details (needed for “Another reason”)', hint: 'Only the committee sees this.', value: values.details, errors: state.errors, maxLength: 400, rows: 2 })}
<button class="button" type="submit">Preview the emails</button>
</form>`;
}

/** `loaded`: the year as the action just read it, so an answer to a form reads the records once. */
export async function pairPage(ports: WorkspacePorts, pairId: string, state: PairState = {}, loaded?: PairsOfYear): Promise<WorkspacePage | null> {
  const year = loaded ?? (await loadPairsOfYear(ports.records, ports.settings, ports.now()));
  const view = year.pairs.find((each) => each.pair.id === pairId);
  if (!view) return null;
  const y = year.programYear;
  const personLink = (role: 'mentor' | 'mentee') => {
    const person = view[role];
    const id = view.pair[role];
    const preference = year.preferences.get(id);
    return html`<a href="/committee/applications/${id}/?year=${y}">${person?.name ?? `application ${id.slice(0, 8)}`}</a>${person ? html` <span class="meta">${person.email}</span>` : ''}${
      preference === 'paused' ? html` ${tag('Emails paused', 'warn')}` : preference === 'leaving' ? html` ${tag('Leaving', 'warn')}` : ''
    }`;
  };
  const grid = checkInGrid(year.months, view.checkIns);
  const ended = view.pair.ended;
  const body = html`<p><a href="/committee/pairs/">Back to the pairs</a></p>
<h1>${pairName(view)}</h1>
${notice(state.flash)}${problem(state.problem)}${errorSummary(state.errors ?? [])}
${summaryList([
  { label: 'Mentee', value: personLink('mentee') },
  { label: 'Mentor', value: personLink('mentor') },
  { label: 'Paired on', value: view.pair.since },
  { label: 'Status', value: statusCell(view) },
  ...(ended ? [{ label: 'Ended', value: `${ended.on}: ${ended.reason}` }] : []),
])}
${
  view.status === 'ended'
    ? panel(
        html`<p>The pair has ended. <a href="/committee/matching/?year=${y}">Find a new mentor for ${view.mentee?.name ?? 'the mentee'} in matching</a>: make a new proposal there; the mentee is among those to match and this pair is never proposed again.</p>`,
      )
    : ''
}
${table(
  'Check-ins month by month',
  [
    { heading: 'Month', cell: (row: (typeof grid)[number]) => formatMonth(row.month) },
    { heading: 'Mentee', cell: (row) => html`${answerCell(row.mentee)}${row.mentee?.note ? html`<p class="email-text">${row.mentee.note}</p>` : ''}` },
    { heading: 'Mentor', cell: (row) => html`${answerCell(row.mentor)}${row.mentor?.note ? html`<p class="email-text">${row.mentor.note}</p>` : ''}` },
  ],
  grid,
  'The program has not started yet: no check-ins.',
)}
<h2>Messages</h2>
${table(
  'Messages from either of them',
  [
    { heading: 'Received', cell: (item: PairView['messages'][number]) => item.at.slice(0, 10) },
    { heading: 'From', cell: (item) => html`<a href="/committee/messages/${item.id}/">${item.name}</a>` },
    { heading: 'About', cell: (item) => item.about },
    { heading: 'Handled', cell: (item) => (item.handled ? tag('Handled', 'good') : tag('Not handled', 'warn')) },
  ],
  view.messages,
  'No messages from either of them.',
)}
<h2>Introductions</h2>
<p>${view.introducedAt ? `Introduced on ${view.introducedAt.slice(0, 10)} (${view.introductionEmails} emails).` : 'Not introduced yet.'}${view.introducedAt ? '' : html` <a href="/committee/mailings/?year=${y}">Introductions</a>`}</p>
${view.status === 'active' ? endForm(view, year, state, ports) : ''}`;
  const status = state.problem ? 409 : state.errors?.length ? 400 : 200;
  return { title: pairName(view), section: SECTION, body, status };
}

const DONE: Record<string, string> = { ended: 'The pair was ended and both of them were sent the email.' };

export function pairFlash(query: URLSearchParams): string | undefined {
  return DONE[query.get('done') ?? ''];
}

/** POST /committee/pairs/<pairId>/: preview the end (intent=preview) or end it (intent=end, confirmed). */
export async function pairAction(
  ports: WorkspacePorts,
  store: RecordsStore,
  pairId: string,
  fields: Record<string, unknown>,
): Promise<WorkspacePage | null | { redirect: string }> {
  const values = { reason: fieldText(fields.reason), details: fieldText(fields.details) };
  const year = await loadPairsOfYear(store, ports.settings, ports.now());
  const view = year.pairs.find((each) => each.pair.id === pairId);
  if (!view) return null;
  const stale =
    'The pairs changed after you opened this page (someone else accepted, ended or changed a pair). Nothing was changed and no email was sent. Read the pair as it is now, then try again.';
  // Until endPair writes, the year as read here is the year as it is: the answers below reuse it.
  const page = (state: PairState) => pairPage(ports, pairId, state, year);
  if (view.status !== 'active') return page({ problem: 'This pair has already ended. Nothing was changed and no email was sent.' });
  if (fields.intent === 'preview') {
    const errors = validate(values);
    if (errors.length > 0) return page({ errors, values });
    if (fieldText(fields.matchesSha) !== year.matchesSha) return page({ problem: stale, values });
    return page({ preview: true, values });
  }
  if (fields.intent !== 'end') return page({ problem: 'That is not something this page can do.' });
  if (fields.confirm !== 'yes')
    return page({ preview: true, values, errors: [{ field: 'confirm', message: 'Tick the box to confirm that the pair should end and the emails go now.' }] });
  const outcome = await endPair(
    { store, mailer: ports.mailing.mailer, settings: ports.settings, siteUrl: ports.mailing.siteUrl, sender: ports.mailing.sender, now: ports.now, log: ports.log },
    { pairId, people: view.mentor && view.mentee ? { mentor: view.mentor, mentee: view.mentee } : null, fields: { ...values, matchesSha: fields.matchesSha } },
  );
  switch (outcome.kind) {
    case 'ended':
      return { redirect: `/committee/pairs/${pairId}/?done=ended` };
    case 'invalid':
      return page({ errors: outcome.errors, values });
    case 'stale':
      return pairPage(ports, pairId, { problem: stale, values });
    case 'not-active':
      return pairPage(ports, pairId, { problem: 'This pair has already ended. Nothing was changed and no email was sent.' });
    case 'not-found':
      return page({ problem: 'One of the two applications could not be read, so no email can be sent. Nothing was changed.' });
    case 'not-sent':
      return page({ problem: `The emails could not be sent (${outcome.message}), so the pair was not ended. Try again later.`, values, preview: true });
  }
}

function validate(values: { reason: string; details: string }): FieldError[] {
  const parsed = endPairInputSchema.safeParse({ reason: values.reason || undefined, details: values.details });
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'reason'), message: issue.message }));
}
