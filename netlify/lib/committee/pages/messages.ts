/**
 * /committee/messages/: the running year's confidential messages from /contact/ and the
 * "I am leaving" answers, newest first, those not yet handled marked. /committee/messages/<id>/:
 * one in full, and marking it handled with a short note (pairs/inbox.ts: a record of its own
 * under notes/<year>/, never an edit of the message). A stale form changes nothing.
 */
import { type InboxItem, loadInbox, markHandled } from '../../pairs/inbox.ts';
import type { RecordsStore } from '../../records/ports.ts';
import type { WorkspacePorts } from '../ports.ts';
import { errorSummary, type FieldError, hidden, notice, panel, problem, summaryList, table, tag, textField } from '../views/components.ts';
import { html } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';

const SECTION = '/committee/messages/';

const handledTag = (item: InboxItem) => (item.handled ? tag('Handled', 'good') : tag('Not handled', 'warn'));
const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export async function messagesPage(ports: WorkspacePorts): Promise<WorkspacePage> {
  const year = ports.settings.programYears.running;
  const { items, skipped } = await loadInbox(ports.records, year);
  const open = items.filter((item) => !item.handled).length;
  const body = html`<h1>Messages for ${year}</h1>
<p>Confidential messages sent from the contact page, and “I am leaving” answers from the email preferences. Only the committee reads them.</p>
${
  items.length === 0
    ? html`<p class="empty-state">There are no messages for ${year} yet. When someone writes to the committee from the contact page, or answers “I am leaving” in their email preferences, it appears here, newest first, marked “Not handled” until a committee member notes what was done.</p>`
    : table(
        `Messages, newest first: ${items.length}, ${open} not yet handled`,
        [
          { heading: 'Received', cell: (item: InboxItem) => when(item.at) },
          { heading: 'From', cell: (item) => html`<a href="/committee/messages/${item.id}/">${item.name}</a>` },
          { heading: 'Part', cell: (item) => item.part },
          { heading: 'About', cell: (item) => item.about },
          { heading: 'Handled', cell: handledTag },
        ],
        items,
        '',
      )
}
${skipped > 0 ? html`<p class="meta">${skipped} file${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'is' : 'are'} not shown.</p>` : ''}`;
  return { title: `Messages for ${year}`, section: SECTION, body };
}

export interface MessageState {
  errors?: FieldError[];
  note?: string;
  problem?: string;
  flash?: string;
}

export async function messagePage(ports: WorkspacePorts, id: string, state: MessageState = {}): Promise<WorkspacePage | null> {
  const year = ports.settings.programYears.running;
  const { items } = await loadInbox(ports.records, year);
  const item = items.find((each) => each.id === id);
  if (!item) return null;
  const body = html`<p><a href="/committee/messages/">Back to the messages</a></p>
<h1>${item.kind === 'leaving' ? `${item.name} is leaving` : `Message from ${item.name}`}</h1>
${notice(state.flash)}${problem(state.problem)}${errorSummary(state.errors ?? [])}
${summaryList([
  { label: 'From', value: item.personId ? html`<a href="/committee/applications/${item.personId}/?year=${year}">${item.name}</a>` : item.name },
  { label: 'Email', value: item.email ? html`<a href="mailto:${item.email}">${item.email}</a>` : 'Not known' },
  { label: 'Part in the program', value: item.part },
  { label: 'About', value: item.about },
  { label: 'Received', value: when(item.at) },
  { label: 'Handled', value: handledTag(item) },
])}
<h2>${item.kind === 'leaving' ? 'What they added' : 'The message'}</h2>
${item.text ? panel(html`<p class="email-text">${item.text}</p>`) : html`<p class="empty-state">Nothing was added.</p>`}
${item.note ? html`<h2>The committee’s note</h2>${panel(html`<p class="email-text">${item.note.note}</p><p class="meta">${item.note.handledBy}, ${when(item.note.handledAt)}</p>`)}` : ''}
${
  item.handled
    ? ''
    : html`<form class="form" method="post" action="/committee/messages/${item.id}/" novalidate>
<h2>Mark as handled</h2>
${hidden('noteSha', item.noteSha ?? '')}
${textField({ id: 'note', name: 'note', label: 'What was done', hint: 'A short note for the committee, such as “Replied on 3 March; rematch planned”. Only the committee sees it.', value: state.note, errors: state.errors, maxLength: 1000, rows: 3 })}
<button class="button" type="submit">Mark as handled</button>
</form>`
}`;
  return { title: item.kind === 'leaving' ? 'Leaving the program' : 'Message', section: SECTION, body, status: state.problem ? 409 : state.errors?.length ? 400 : 200 };
}

/** POST /committee/messages/<id>/: mark handled with a note, one commit; a stale form changes nothing. */
export async function messageAction(
  ports: WorkspacePorts,
  store: RecordsStore,
  id: string,
  fields: Record<string, unknown>,
  by: string,
): Promise<WorkspacePage | null | { redirect: string }> {
  const note = typeof fields.note === 'string' ? fields.note : '';
  const outcome = await markHandled(store, {
    year: ports.settings.programYears.running,
    id,
    note,
    noteSha: typeof fields.noteSha === 'string' ? fields.noteSha : '',
    by,
    now: ports.now(),
  });
  switch (outcome.kind) {
    case 'handled':
      return { redirect: `/committee/messages/${id}/?done=handled` };
    case 'invalid':
      return messagePage(ports, id, { errors: [{ field: 'note', message: outcome.message }], note });
    case 'stale':
      return messagePage(ports, id, { note, problem: 'Someone else marked this message handled after you opened the page. Read their note; nothing was changed.' });
    case 'not-found':
      return null;
  }
}

export const messageFlash = (query: URLSearchParams) => (query.get('done') === 'handled' ? 'The message was marked as handled.' : undefined);
