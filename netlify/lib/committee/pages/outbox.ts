/**
 * /committee/outbox/: on the committee's own computer (`npm start`), nothing is emailed: every
 * email is kept as a file in the local outbox. This page lists them, newest first, and
 * /committee/outbox/<file>/ shows one with its links clickable, so a confirmation's
 * /my-application/ link, a check-in link or an introduction can be followed without a mail
 * client. There is no such page on a deploy: the composition root gives no outbox reader there.
 */
import { escapeHtml } from '../../../../src/lib/escapeHtml.ts';
import type { OutboxEmailSummary } from '../../mailer/outboxReader.ts';
import type { WorkspacePorts } from '../ports.ts';
import { summaryList, table } from '../views/components.ts';
import { html, trusted } from '../views/html.ts';
import type { WorkspacePage } from '../views/layout.ts';

export const OUTBOX_PATH = '/committee/outbox/';
const SHOWN = 200;

const when = (iso: string) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'Unknown');

/** The email's text with its web addresses made into links (the text escaped first). */
function textWithLinks(text: string) {
  return trusted(escapeHtml(text).replace(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`));
}

export async function outboxPage(ports: WorkspacePorts): Promise<WorkspacePage | null> {
  if (!ports.localOutbox) return null;
  const { emails, total } = await ports.localOutbox.list(SHOWN);
  const body = html`<h1>Emails kept on this computer</h1>
<p>This copy of the site sends no email. Every email it would send (confirmations, committee notices, introductions, monthly topics) is kept in the folder <code>${ports.localOutbox.dir}</code> instead, and listed here, newest first. Open one to read it and follow its links.</p>
${table(
  `Emails, newest first: ${total}${total > emails.length ? `, the newest ${emails.length} shown` : ''}`,
  [
    { heading: 'Written', cell: (email: OutboxEmailSummary) => when(email.date) },
    { heading: 'To', cell: (email) => email.to.join(', ') },
    { heading: 'Subject', cell: (email) => html`<a href="${OUTBOX_PATH}${email.name}/">${email.subject || '(no subject)'}</a>` },
  ],
  emails,
  'No email has been written yet. When someone sends a form, or the committee sends introductions, the emails appear here.',
)}`;
  return { title: 'Emails kept on this computer', body };
}

export async function outboxEmailPage(ports: WorkspacePorts, name: string): Promise<WorkspacePage | null> {
  const email = await ports.localOutbox?.read(name);
  if (!email) return null;
  const body = html`<p><a href="${OUTBOX_PATH}">Back to the emails</a></p>
<h1>${email.subject || '(no subject)'}</h1>
${summaryList([
  { label: 'From', value: email.from },
  { label: 'To', value: email.to.join(', ') },
  { label: 'Written', value: when(email.date) },
  { label: 'File', value: html`<code>${email.name}</code>` },
])}
<div class="email-preview"><p class="email-text">${textWithLinks(email.text)}</p></div>`;
  return { title: email.subject || 'Email', body };
}
