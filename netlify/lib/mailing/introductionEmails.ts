/**
 * Introduction emails for a new pair, and the note to mentees left unmatched.
 * The mentor gets the mentee's contact details and application answers (the mentee agreed to
 * share them with their match); the mentee gets the mentor's contact details; both get first
 * steps written for people already matched (guidance.ts) and a link to their role's page
 * (/mentors/ or /mentees/). Pure functions of their input (no clock), like every
 * email sent in batches with an idempotency key.
 */
import { applicationForms } from '../../../src/forms/formDefinitions.ts';
import { fieldMeta } from '../../../src/schemas/formField.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import type { z } from 'zod';
import type { OutgoingEmail } from '../mailer/ports.ts';
import { detailRows, h2, htmlEmail, link, oneLine, paragraph } from './emailLayout.ts';
import { renderMarkdown } from './markdown.ts';
import type { Person, ResolvedPair } from './pairs.ts';

export interface IntroductionContext {
  settings: Settings;
  siteUrl: string;
  sender: string;
  /** First steps for each role, as Markdown. */
  firstSteps: { mentor: string; mentee: string };
}

/** Fields shown as contact details rather than among the answers. */
const CONTACT_FIELDS = new Set(['name', 'email', 'pronouns', 'institution', 'timeZone', 'communication']);

/** An answer as a person reads it: the chosen labels, not the stored values. */
function readable(schema: z.ZodType, value: unknown): string {
  const meta = fieldMeta(schema);
  const label = (item: unknown) => meta.choices?.find((choice) => choice.value === item)?.label ?? String(item);
  if (meta.widget === 'agreement') return 'Yes';
  return Array.isArray(value) ? value.map(label).join(', ') : label(value);
}

function shape(role: 'mentor' | 'mentee', settings: Settings): Record<string, z.ZodType> {
  return applicationForms(settings)[role].schema.shape as Record<string, z.ZodType>;
}

/** How to reach a person: name, email, pronouns, institution, time zone, ways to keep in touch. */
export function contactRows(person: Person, settings: Settings): Array<{ label: string; value: string; href?: string }> {
  const fields = shape(person.role, settings);
  const answer = (name: string) => {
    const value = person.answers[name];
    const schema = fields[name];
    return value === undefined || value === null || !schema ? '' : readable(schema, value);
  };
  return [
    { label: 'Name', value: oneLine(person.name) },
    { label: 'Email', value: person.email, href: `mailto:${person.email}` },
    { label: 'Pronouns', value: answer('pronouns') },
    { label: fields.institution ? fieldMeta(fields.institution).label : 'Institution', value: answer('institution') },
    { label: 'Time zone', value: answer('timeZone') },
    { label: 'Ways to keep in touch', value: answer('communication') },
  ];
}

/** The rest of the application, question by question, in the form's order (no agreements). */
export function answerRows(person: Person, settings: Settings): Array<{ label: string; value: string }> {
  return Object.entries(shape(person.role, settings)).flatMap(([name, schema]) => {
    const value = person.answers[name];
    if (CONTACT_FIELDS.has(name) || value === undefined || value === null || value === '') return [];
    const meta = fieldMeta(schema);
    if (meta.widget === 'agreement') return [];
    return [{ label: meta.label, value: readable(schema, value) }];
  });
}

function signOff(settings: Settings): { text: string; html: string } {
  const line = `Questions at any time? Reply to this email or write to ${settings.contactEmail}.`;
  return {
    text: ['', line, '', settings.organisation.committeeName].join('\n'),
    html: `<p>Questions at any time? Reply to this email or write to ${link(`mailto:${settings.contactEmail}`, settings.contactEmail)}.</p>${paragraph(settings.organisation.committeeName)}`,
  };
}

type Role = Person['role'];

/** What sets one role's introduction apart from the other's. */
interface IntroductionWording {
  /** The person the reader is introduced to. */
  introduces: Role;
  opening: (programName: string, otherName: string) => string;
  /** The reader also gets the other's application answers (the mentee agreed to share them). */
  sharesApplication: boolean;
}

const WORDING: Record<Role, IntroductionWording> = {
  mentor: {
    introduces: 'mentee',
    opening: (programName, menteeName) =>
      `Welcome to the ${programName}, and thank you for mentoring this year. We are delighted to introduce your mentee, ${menteeName}. Please get in touch soon to introduce yourself: mentors make the first move.`,
    sharesApplication: true,
  },
  mentee: {
    introduces: 'mentor',
    opening: (programName, mentorName) =>
      `Welcome to the ${programName}! We are delighted to introduce your mentor, ${mentorName}, who has your application and will be in touch soon. If you have not heard from them within a week or two, write to them yourself.`,
    sharesApplication: false,
  },
};

/** The introduction of a pair to one of its two people: `role` is the reader's. */
export function introduction(pair: ResolvedPair, role: Role, context: IntroductionContext): OutgoingEmail {
  const wording = WORDING[role];
  const reader = pair[role];
  const other = pair[wording.introduces];
  const { settings, siteUrl } = context;
  const otherName = oneLine(other.name);
  const subject = oneLine(`Meet your ${wording.introduces}: ${otherName}`);
  const greeting = `Dear ${oneLine(reader.name)},`;
  const opening = wording.opening(settings.organisation.programName, otherName);
  const contact = detailRows(contactRows(other, settings));
  const steps = renderMarkdown(context.firstSteps[role], siteUrl);
  const guideUrl = `${siteUrl}/${role}s/`;
  const end = signOff(settings);
  const application = wording.sharesApplication ? applicationSection(other, settings) : { text: [], html: [] };
  const text = [
    greeting,
    '',
    opening,
    '',
    `How to reach ${otherName}`,
    contact.text,
    ...application.text,
    '',
    'First steps',
    steps.text,
    '',
    `Everything ${role}s commit to for the year: ${guideUrl}`,
    '',
    `The monthly topics arrive at the start of each month; the archive is at ${siteUrl}/topics/.`,
    end.text,
  ].join('\n');
  const html = htmlEmail(
    subject,
    [
      paragraph(greeting),
      paragraph(opening),
      h2(`How to reach ${otherName}`),
      contact.html,
      ...application.html,
      h2('First steps'),
      steps.html,
      `<p>Everything ${role}s commit to for the year is on ${link(guideUrl, `the page for ${role}s`)}.</p>`,
      `<p>The monthly topics arrive at the start of each month; see ${link(`${siteUrl}/topics/`, 'the topic archive')}.</p>`,
      end.html,
    ].join('\n'),
  );
  return { from: context.sender, to: [reader.email], replyTo: settings.contactEmail, subject, text, html };
}

/** The mentee's application answers, shown to their mentor, and the request to keep them private. */
function applicationSection(mentee: Person, settings: Settings): { text: string[]; html: string[] } {
  const answers = detailRows(answerRows(mentee, settings));
  const sharing = `${oneLine(mentee.name)} agreed to share their application with you. Please keep it between the two of you and the committee.`;
  return {
    text: ['', 'What they wrote in their application', answers.text, sharing],
    html: [h2('What they wrote in their application'), answers.html, paragraph(sharing)],
  };
}

/** A kind note from the committee to a mentee who could not be matched this year. */
export function unmatchedNote(mentee: Person, programYear: string, context: Pick<IntroductionContext, 'settings' | 'siteUrl' | 'sender'>): OutgoingEmail {
  const { settings, siteUrl } = context;
  const subject = oneLine(`Your ${settings.organisation.programName} application`);
  const greeting = `Dear ${oneLine(mentee.name)},`;
  const lines = [
    `Thank you for applying to the ${settings.organisation.programName} for ${programYear}. We are sorry to tell you that we could not match you with a mentor this year: more mentees applied than we had mentor places, and we could not find a mentor whose experience fits what you hope to learn.`,
    'This is no reflection on your application, and we would be glad to hear from you again. If a mentor place opens up during the year, we will get in touch first with the mentees who were not matched.',
    `In the meantime, the monthly discussion topics are open to everyone at ${siteUrl}/topics/, and the ${settings.organisation.name} community has much to offer: ${settings.organisation.website}`,
  ];
  const end = signOff(settings);
  const text = [greeting, '', ...lines.flatMap((line) => [line, '']), 'With best wishes,', end.text.trimStart()].join('\n');
  const html = htmlEmail(
    subject,
    [
      paragraph(greeting),
      paragraph(lines[0]!),
      paragraph(lines[1]!),
      `<p>In the meantime, ${link(`${siteUrl}/topics/`, 'the monthly discussion topics')} are open to everyone, and ${link(settings.organisation.website, `the ${settings.organisation.name} community`)} has much to offer.</p>`,
      paragraph('With best wishes,'),
      end.html,
    ].join('\n'),
  );
  return { from: context.sender, to: [mentee.email], replyTo: settings.contactEmail, subject, text, html };
}
