import type { z } from 'zod';
import type { FormDefinition } from '../../../src/forms/formDefinitions.ts';
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';
import { fieldMeta } from '../../../src/schemas/formField.ts';
import type { RecordEnvelope } from '../../../src/schemas/record.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import type { OutgoingEmail } from '../mailer/ports.ts';

/** One answer as a person reads it: the question and the chosen labels. */
export function readableAnswers(form: FormDefinition, answers: Record<string, unknown>): Array<{ question: string; answer: string }> {
  return Object.entries(form.schema.shape as Record<string, z.ZodType>).flatMap(([name, schema]) => {
    const value = answers[name];
    if (value === undefined) return [];
    const meta = fieldMeta(schema);
    const label = (item: unknown) => meta.choices?.find((choice) => choice.value === item)?.label ?? String(item);
    const answer = meta.widget === 'agreement' ? 'Yes' : Array.isArray(value) ? value.map(label).join(', ') : label(value);
    return [{ question: meta.label, answer }];
  });
}

/** "mentor application", "evaluation", "message". */
function submissionKind(form: FormDefinition): string {
  if (form.recordType === 'application') return `${form.role} application`;
  return form.recordType;
}

function nextSteps(form: FormDefinition, settings: Settings): string {
  if (form.recordType === 'application') {
    return `The committee matches mentors and mentees after applications close, and introduces each pair by email. Please make sure you are a ${settings.organisation.name} member in good standing by the time the program starts.`;
  }
  if (form.recordType === 'evaluation') return 'Thank you for helping the committee improve the program for next year.';
  return 'A member of the committee will reply to you by email.';
}

/** An application's own link (privacy/applicationLink.ts), and whether this email confirms a correction. */
export interface ApplicationLinkText {
  link: string;
  corrected?: boolean;
}

function linkSentence(form: FormDefinition): string {
  return `To see your ${submissionKind(form)}, correct it while applications are open and before you are matched, or withdraw it, use this link. It is yours alone, so please do not pass it on. After a correction, only the link in the newest email works.`;
}

/**
 * The sender's confirmation: what they sent, what happens next, how to reach the committee; for
 * an application, the signed link to see, correct or withdraw it (a corrected application gets
 * a new confirmation with a new link).
 */
export function confirmationEmail(form: FormDefinition, record: RecordEnvelope, settings: Settings, from: string, manage?: ApplicationLinkText): OutgoingEmail {
  const answers = readableAnswers(form, record.answers);
  const name = String(record.answers.name ?? '');
  const steps = nextSteps(form, settings);
  const contact = `Questions? Reply to this email or write to ${settings.contactEmail}.`;
  const opening = manage?.corrected
    ? `Thank you. The ${settings.organisation.programName} has saved the corrections to your ${submissionKind(form)} (reference ${record.id}).`
    : `Thank you. The ${settings.organisation.programName} has received your ${submissionKind(form)} (reference ${record.id}).`;
  const text = [
    `Dear ${name},`,
    '',
    opening,
    '',
    steps,
    '',
    ...(manage ? [linkSentence(form), manage.link, ''] : []),
    manage?.corrected ? 'Your application now reads:' : 'What you sent:',
    ...answers.map(({ question, answer }) => `- ${question}\n  ${answer.replace(/\n/g, '\n  ')}`),
    '',
    contact,
    '',
    settings.organisation.committeeName,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b">
<p>Dear ${escapeHtml(name)},</p>
<p>${escapeHtml(opening)}</p>
<p>${escapeHtml(steps)}</p>
${manage ? `<p>${escapeHtml(linkSentence(form))}</p>\n<p><a href="${escapeHtml(manage.link)}">See, correct or withdraw your application</a></p>\n` : ''}<h2 style="font-size:1.1rem">${manage?.corrected ? 'Your application now reads' : 'What you sent'}</h2>
<dl>${answers.map(({ question, answer }) => `<dt style="font-weight:bold">${escapeHtml(question)}</dt><dd style="margin:0 0 .75rem;white-space:pre-wrap">${escapeHtml(answer)}</dd>`).join('')}</dl>
<p>${escapeHtml(contact)}</p>
<p>${escapeHtml(settings.organisation.committeeName)}</p>
</body></html>`;
  const subject = manage?.corrected ? `Your ${submissionKind(form)} is updated` : form.confirmationSubject;
  return { from, to: [String(record.answers.email)], replyTo: settings.contactEmail, subject, text, html };
}

/** Where the committee opens a record: its page in the workspace, or its file on GitHub. */
export interface RecordLink {
  url: string;
  label: string;
}

/**
 * The link a committee notice gives for a record: the workspace's page of an application or a
 * message (netlify/lib/committee/routes.ts), at the site's public address; for an evaluation,
 * which has no page of its own, the file in the records repository on GitHub, or the
 * workspace's evaluations page when the records are in the local store (never in production).
 */
export function recordLink(
  form: FormDefinition,
  recordId: string,
  programYear: string,
  path: string,
  where: { siteUrl: string; webUrl?: ((path: string) => string) | undefined },
): RecordLink {
  if (form.recordType === 'application') return { url: `${where.siteUrl}/committee/applications/${recordId}/?year=${programYear}`, label: 'Open it in the committee workspace' };
  if (form.recordType === 'message') return { url: `${where.siteUrl}/committee/messages/${recordId}/`, label: 'Open it in the committee workspace' };
  if (where.webUrl) return { url: where.webUrl(path), label: 'Open the file on GitHub' };
  return { url: `${where.siteUrl}/committee/evaluations/`, label: 'See the year’s evaluations in the committee workspace' };
}

/**
 * The committee's notice: a link to the record and where it is stored, never what it says (no
 * personal data leaves the records repository by this route), and a flag when the address
 * applied before this year.
 */
export function committeeNotice(
  form: FormDefinition,
  record: RecordEnvelope,
  details: { path: string; recordsLocation: string; link: RecordLink; earlierRecordLink: RecordLink | null; earlierRecordId: string | null; queued: boolean },
  from: string,
  to: string,
): OutgoingEmail {
  const kind = form.recordType === 'message' ? 'confidential message' : `${form.role} ${form.recordType}`; // no personal data
  const queued = details.queued
    ? 'The records repository was unavailable, so the record is held and will be committed by the next drain (within the hour); the link works from then.'
    : '';
  const earlier = details.earlierRecordId ? `Note: the same email address already sent an application for ${record.programYear} (record ${details.earlierRecordId}).` : '';
  const text = [
    `A new ${kind} for ${record.programYear} has arrived.`,
    '',
    `${details.link.label}: ${details.link.url}`,
    '',
    `Record: ${details.path}`,
    `In: ${details.recordsLocation}`,
    ...(queued ? [queued] : []),
    ...(earlier ? [earlier, ...(details.earlierRecordLink ? [`The earlier one: ${details.earlierRecordLink.url}`] : [])] : []),
  ].join('\n');
  const link = (target: RecordLink) => `<a href="${escapeHtml(target.url)}">${escapeHtml(target.label)}</a>`;
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5">${[
    `<p>${escapeHtml(`A new ${kind} for ${record.programYear} has arrived.`)}</p>`,
    `<p>${link(details.link)}</p>`,
    `<p>Record: ${escapeHtml(details.path)}<br>In: ${escapeHtml(details.recordsLocation)}</p>`,
    queued ? `<p>${escapeHtml(queued)}</p>` : '',
    earlier ? `<p>${escapeHtml(earlier)}${details.earlierRecordLink ? ` ${link({ ...details.earlierRecordLink, label: 'Open the earlier one' })}` : ''}</p>` : '',
  ].join('')}</body></html>`;
  return { from, to: [to], subject: `New ${kind} (${record.programYear})`, text, html };
}
