/**
 * The emails telling both people that the committee has ended their pair: kind, short, and
 * silent about the reason (that stays in the committee's records). The mentee hears that the
 * committee will look for another mentor; the mentor is thanked. Pure functions of their input
 * (no clock), like the introductions (introductionEmails.ts).
 */
import type { Settings } from '../../../src/schemas/settings.ts';
import type { OutgoingEmail } from '../mailer/ports.ts';
import { htmlEmail, link, oneLine, paragraph } from './emailLayout.ts';
import type { Person } from './pairs.ts';

export interface PairEndedContext {
  settings: Settings;
  siteUrl: string;
  sender: string;
}

type Role = Person['role'];

const WORDING: Record<Role, (programName: string, otherName: string) => string[]> = {
  mentee: (programName, mentorName) => [
    `We are writing to let you know that the committee has ended your pairing with ${mentorName} in the ${programName}. Pairings sometimes do not work out, for all kinds of reasons, and this is no reflection on you.`,
    'You remain in the program. We will look for another mentor for you and write again as soon as we have one; there is nothing you need to do in the meantime.',
    `The monthly discussion topics carry on as before, and you are welcome to use them on your own or with your next mentor.`,
  ],
  mentor: (programName, menteeName) => [
    `We are writing to let you know that the committee has ended your pairing with ${menteeName} in the ${programName}. Pairings sometimes do not work out, for all kinds of reasons, and this is no reflection on you.`,
    'Thank you for the time and care you have given. The committee will look after your mentee from here, so there is nothing you need to do.',
    'If you would like to stay on as a mentor this year or next, reply to this email and let us know.',
  ],
};

/** The email to one of the pair's two people: `role` is the reader's. */
export function pairEndedEmail(pair: { mentor: Person; mentee: Person }, role: Role, context: PairEndedContext): OutgoingEmail {
  const { settings, siteUrl } = context;
  const reader = pair[role];
  const other = pair[role === 'mentor' ? 'mentee' : 'mentor'];
  const subject = oneLine(`Your ${settings.organisation.programName} pairing`);
  const greeting = `Dear ${oneLine(reader.name)},`;
  const lines = WORDING[role](settings.organisation.programName, oneLine(other.name));
  const question = `Questions at any time? Reply to this email or write to ${settings.contactEmail}.`;
  const text = [
    greeting,
    '',
    ...lines.flatMap((line) => [line, '']),
    `The topic archive: ${siteUrl}/topics/`,
    '',
    question,
    '',
    'With best wishes,',
    settings.organisation.committeeName,
  ].join('\n');
  const html = htmlEmail(
    subject,
    [
      paragraph(greeting),
      ...lines.map(paragraph),
      `<p>The monthly topics are in ${link(`${siteUrl}/topics/`, 'the topic archive')}.</p>`,
      `<p>Questions at any time? Reply to this email or write to ${link(`mailto:${settings.contactEmail}`, settings.contactEmail)}.</p>`,
      paragraph('With best wishes,'),
      paragraph(settings.organisation.committeeName),
    ].join('\n'),
  );
  return { from: context.sender, to: [reader.email], replyTo: settings.contactEmail, subject, text, html };
}
