/**
 * The monthly topic email: one per person, naming each of their partners, with the topic itself
 * (summary, introduction, questions, further reading), a link to its page, signed check-in links
 * per pair, a List-Unsubscribe that leads to /email-preferences/ (RFC 8058 one-click included),
 * and in the program's last month the evaluation form.
 *
 * The rendering is a pure function of its input (no clock): a batch re-sent after a crash is the
 * same bytes, which its idempotency key requires.
 */
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';
import { formatMonth as formatMonthUncached } from '../../../src/lib/zonedTime.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import type { OutgoingEmail } from '../mailer/ports.ts';
import { h2, htmlEmail, link, listOfNames, oneLine, paragraph } from './emailLayout.ts';
import { renderMarkdown } from './markdown.ts';
import type { Person } from './pairs.ts';
import { CHECK_IN_ANSWERS, CHECK_IN_LABELS, checkInExpiry, preferenceExpiry, signLink } from './signedLinks.ts';
import type { TopicFile } from './topics.ts';

/** One person's share of the month: who they are and whom they are paired with. */
export interface MonthlyRecipient {
  person: Person;
  pairs: Array<{ pairId: string; partner: Person }>;
}

export interface MonthlyEmailContext {
  programYear: string;
  month: string;
  topic: TopicFile;
  /** The program's last month: the email adds the evaluation form. */
  lastMonth: boolean;
  settings: Settings;
  siteUrl: string;
  sender: string;
  committeeEmail: string;
  signingSecret: string;
}

/** formatMonth builds an Intl formatter per call; a mailing renders thousands of emails. */
const monthNames = new Map<string, string>();
function formatMonth(month: string): string {
  let name = monthNames.get(month);
  if (name === undefined) {
    name = formatMonthUncached(month);
    monthNames.set(month, name);
  }
  return name;
}

export function topicUrl(siteUrl: string, topic: TopicFile): string {
  return `${siteUrl}/topics/${topic.id}/`;
}

export function checkInUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/check-in/?token=${token}`;
}

export function preferencesUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/email-preferences/?token=${token}`;
}

/** The preference token of a person for a month's email (also the List-Unsubscribe address). */
export function preferenceToken(context: Pick<MonthlyEmailContext, 'programYear' | 'month' | 'signingSecret'>, person: Pick<Person, 'personId' | 'role'>): string {
  return signLink(
    { purpose: 'email-preferences', programYear: context.programYear, personId: person.personId, role: person.role, expiresAt: preferenceExpiry(context.month) },
    context.signingSecret,
  );
}

/** List-Unsubscribe (https one-click first, then mailto to the committee) and List-Unsubscribe-Post. */
export function unsubscribeHeaders(preferencesLink: string, committeeEmail: string, programName: string): Record<string, string> {
  const mailto = `mailto:${committeeEmail}?subject=${encodeURIComponent(oneLine(`Pause my ${programName} emails`))}`;
  return {
    'List-Unsubscribe': `<${preferencesLink}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

export function monthlySubject(context: Pick<MonthlyEmailContext, 'month' | 'topic'>): string {
  return oneLine(`${formatMonth(context.month)} topic: ${context.topic.topic.title}`);
}

export function monthlyTopicEmail(recipient: MonthlyRecipient, context: MonthlyEmailContext): OutgoingEmail {
  const { person } = recipient;
  const { topic, settings, siteUrl } = context;
  const monthName = formatMonth(context.month);
  const partnerNames = recipient.pairs.map((pair) => oneLine(pair.partner.name));
  const partnerWord = person.role === 'mentor' ? (partnerNames.length === 1 ? 'your mentee' : 'your mentees') : 'your mentor';
  const withPartners = `${partnerWord} ${listOfNames(partnerNames)}`;
  const pageUrl = topicUrl(siteUrl, topic);
  const body = renderMarkdown(topic.body, siteUrl);
  const preferencesLink = preferencesUrl(siteUrl, preferenceToken(context, person));
  const contact = settings.contactEmail;

  const checkIns = recipient.pairs.map((pair) => ({
    partner: oneLine(pair.partner.name),
    links: CHECK_IN_ANSWERS.map((answer) => ({
      answer,
      label: CHECK_IN_LABELS[answer],
      url: checkInUrl(
        siteUrl,
        signLink(
          {
            purpose: 'check-in',
            programYear: context.programYear,
            month: context.month,
            pairId: pair.pairId,
            personId: person.personId,
            role: person.role,
            answer,
            expiresAt: checkInExpiry(context.month),
          },
          context.signingSecret,
        ),
      ),
    })),
  }));

  const greeting = `Dear ${oneLine(person.name)},`;
  const opening = `Here is the discussion topic for ${monthName}, for you and ${withPartners}. Use it to start your next conversation, or talk about anything else that is on your mind.`;
  // The heading asks the question; the sentence under it says what to do, without asking it again.
  const checkInHeading = 'How is it going?';
  const checkInIntro = `Tell the committee with one click whether you have met this month (${monthName}); the page that opens asks you to confirm.`;
  const evaluationUrl = `${siteUrl}/evaluation/${person.role}/`;
  const evaluationText = `This is the program’s last month. Thank you for taking part! Please tell the committee how the year went in the ${person.role} evaluation form: it takes a few minutes and shapes next year’s program.`;
  const footer = `${settings.organisation.committeeName}. Questions? Reply to this email or write to ${contact}.`;
  const preferencesText = 'Pause these emails, or tell the committee you are leaving the program:';

  const text = [
    greeting,
    '',
    opening,
    '',
    `== ${oneLine(topic.topic.title)} ==`,
    '',
    topic.topic.summary,
    ...(body.text ? ['', body.text] : []),
    '',
    'Questions to talk through',
    ...topic.topic.questions.map((question, index) => `${index + 1}. ${question}`),
    ...(topic.topic.resources.length > 0 ? ['', 'Further reading', ...topic.topic.resources.map((resource) => `- ${resource.title}: ${resource.url}`)] : []),
    '',
    `Read it on the website: ${pageUrl}`,
    '',
    checkInHeading,
    checkInIntro,
    ...checkIns.flatMap((pair) => [`With ${pair.partner}:`, ...pair.links.map((entry) => `- ${entry.label}: ${entry.url}`)]),
    ...(context.lastMonth ? ['', evaluationText, evaluationUrl] : []),
    '',
    '-- ',
    footer,
    `${preferencesText} ${preferencesLink}`,
  ].join('\n');

  const checkInHtml = checkIns
    .map(
      (pair) =>
        `<p style="margin:.5rem 0 .25rem">With ${escapeHtml(pair.partner)}:</p><ul style="margin:0 0 .75rem">${pair.links.map((entry) => `<li>${link(entry.url, entry.label)}</li>`).join('')}</ul>`,
    )
    .join('');
  const html = htmlEmail(
    monthlySubject(context),
    [
      paragraph(greeting),
      paragraph(opening),
      `<h1 style="font-size:1.5rem;margin:1.5rem 0 .5rem">${escapeHtml(topic.topic.title)}</h1>`,
      `<p style="font-size:1.1rem">${escapeHtml(topic.topic.summary)}</p>`,
      body.html,
      h2('Questions to talk through'),
      `<ol>${topic.topic.questions.map((question) => `<li>${escapeHtml(question)}</li>`).join('')}</ol>`,
      topic.topic.resources.length > 0
        ? `${h2('Further reading')}<ul>${topic.topic.resources.map((resource) => `<li>${link(resource.url, resource.title)}</li>`).join('')}</ul>`
        : '',
      `<p>${link(pageUrl, 'Read this topic on the website')}</p>`,
      h2(checkInHeading),
      paragraph(checkInIntro),
      checkInHtml,
      context.lastMonth ? `${h2('Tell us how the year went')}${paragraph(evaluationText)}<p>${link(evaluationUrl, `Open the ${person.role} evaluation form`)}</p>` : '',
      `<hr style="border:0;border-top:1px solid #ccc;margin:1.5rem 0">`,
      `<p style="font-size:.9rem">${escapeHtml(settings.organisation.committeeName)}. Questions? Reply to this email or write to ${link(`mailto:${contact}`, contact)}.</p>`,
      `<p style="font-size:.9rem">${link(preferencesLink, 'Pause these emails, or tell the committee you are leaving the program')}</p>`,
    ]
      .filter(Boolean)
      .join('\n'),
  );

  return {
    from: context.sender,
    to: [person.email],
    replyTo: contact,
    subject: monthlySubject(context),
    text,
    html,
    headers: unsubscribeHeaders(preferencesLink, context.committeeEmail, settings.organisation.programName),
  };
}
