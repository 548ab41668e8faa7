import type { z } from 'zod';
import { fieldConstraints } from '../../../src/forms/fieldConstraints.ts';
import { applicationForms, FORM_DEFINITIONS, type FormDefinition } from '../../../src/forms/formDefinitions.ts';
import { type FieldMeta, fieldMeta } from '../../../src/schemas/formField.ts';
import { siteSettings } from '../support/site.ts';

/** One answer as a person gives it: text typed, the label of a choice, or the labels of several. */
export type Answer = string | string[] | boolean;

/** One field of a form, read from the form's own schema (label, widget, messages). */
export interface FieldInfo {
  name: string;
  meta: FieldMeta;
  required: boolean;
  /** The message the schema gives when the field is left empty. */
  requiredMessage: string | undefined;
}

/** A form under test: its definition, valid answers (every field filled) and what the record must hold. */
export interface FormCase {
  form: FormDefinition;
  /** Valid answers, by field name, as a person enters them (choice labels, not values). */
  answers: Record<string, Answer>;
  /** The answers as the record must store them (values, numbers, booleans). */
  stored: Record<string, unknown>;
  /** Wrong-format answers that the browser catches, with the schema's messages in form order. */
  wrongFormat: { answers: Record<string, Answer>; errors: Array<{ field: string; message: string }> };
  /** The folder of the records repository the record lands in (docs/architecture.md, "Records repository"). */
  recordFolder: string;
}

export function formFields(form: FormDefinition): FieldInfo[] {
  return Object.entries(form.schema.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const meta = fieldMeta(schema);
    const constraints = fieldConstraints(schema, meta.required);
    return { name, meta, required: constraints.required, requiredMessage: meta.required };
  });
}

/** The message the schema gives for a value, so the tests expect the server's own words. */
export function schemaMessage(form: FormDefinition, field: string, value: unknown): string {
  const schema = (form.schema.shape as Record<string, z.ZodType>)[field]!;
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`${field}: ${JSON.stringify(value)} is valid, so it has no message.`);
  return result.error.issues[0]!.message;
}

/** A unique address per run, so a record and its email can be found among others. */
export function uniqueEmail(tag: string): string {
  return `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

const settings = siteSettings();

function personAnswers(email: string): Record<string, Answer> {
  return {
    name: 'Ada Ortiz-Lovelace',
    email,
    pronouns: 'she/her',
    membership: 'Yes, I am a member in good standing',
    careerStage: 'Early career',
    institutionType: 'Academic or research library',
    institution: 'Riverside University Library',
    interests: ['Metadata', 'Something else'],
    interestsOther: 'Linked data for music collections',
    goals: 'I would like to understand how metadata work is organised in larger libraries.',
    communication: ['Email', 'Video or online meeting'],
    timeZone: 'Eastern time',
  };
}

function personStored(email: string): Record<string, unknown> {
  return {
    name: 'Ada Ortiz-Lovelace',
    email,
    pronouns: 'she/her',
    membership: 'member',
    careerStage: 'early-career',
    institutionType: 'academic',
    institution: 'Riverside University Library',
    interests: ['metadata', 'other'],
    interestsOther: 'Linked data for music collections',
    goals: 'I would like to understand how metadata work is organised in larger libraries.',
    communication: ['email', 'video'],
    timeZone: 'America/New_York',
  };
}

const agreementAnswers = { agreeCodeOfConduct: true, agreeFullYear: true, agreeSharing: true };

function applicationCase(role: 'mentor' | 'mentee'): FormCase {
  const form = applicationForms(settings)[role];
  const email = uniqueEmail(`${role}-application`);
  const mentorAnswers: Record<string, Answer> = role === 'mentor' ? { yearsExperience: '12', expertise: ['Cataloging', 'Metadata'], capacity: '2' } : {};
  const mentorStored: Record<string, unknown> = role === 'mentor' ? { yearsExperience: 12, expertise: ['cataloging', 'metadata'], capacity: 2 } : {};
  const answers = { ...personAnswers(email), ...mentorAnswers, ...agreementAnswers };
  const wrong: Record<string, Answer> = { ...answers, email: 'ada.example.org', goals: 'More cataloging.' };
  const errors = [
    { field: 'email', message: schemaMessage(form, 'email', 'ada.example.org') },
    { field: 'goals', message: schemaMessage(form, 'goals', 'More cataloging.') },
  ];
  if (role === 'mentor') {
    wrong.capacity = '5';
    errors.push({ field: 'capacity', message: schemaMessage(form, 'capacity', 5) });
  }
  return {
    form,
    answers,
    stored: { ...personStored(email), ...mentorStored, ...agreementAnswers },
    wrongFormat: { answers: wrong, errors },
    recordFolder: `applications/${settings.programYears.applications}/${role}`,
  };
}

function evaluationCase(role: 'mentor' | 'mentee'): FormCase {
  const form = FORM_DEFINITIONS[`${role}-evaluation`];
  const email = uniqueEmail(`${role}-evaluation`);
  const answers: Record<string, Answer> = {
    name: 'Grace Hopper-Baker',
    email,
    overall: 'Good',
    contactFrequency: 'About once a month',
    topicsUseful: 'Somewhat useful',
    highlights: 'Our monthly calls, and the topic on conference presentations.',
    improvements: 'An introduction call with the committee at the start.',
    again: 'Yes',
  };
  return {
    form,
    answers,
    stored: {
      name: 'Grace Hopper-Baker',
      email,
      overall: '4',
      contactFrequency: 'monthly',
      topicsUseful: 'somewhat',
      highlights: 'Our monthly calls, and the topic on conference presentations.',
      improvements: 'An introduction call with the committee at the start.',
      again: 'yes',
    },
    wrongFormat: {
      answers: { ...answers, email: 'grace@' },
      errors: [{ field: 'email', message: schemaMessage(form, 'email', 'grace@') }],
    },
    recordFolder: `evaluations/${settings.programYears.running}/${role}`,
  };
}

function messageCase(): FormCase {
  const form = FORM_DEFINITIONS.message;
  const email = uniqueEmail('message');
  const answers: Record<string, Answer> = {
    name: 'Sam Rivera',
    email,
    senderRole: 'Mentee',
    reason: 'I need help or advice from the committee',
    message: 'My mentor and I cannot find a time that suits us both. Could you suggest something?',
  };
  return {
    form,
    answers,
    stored: {
      name: 'Sam Rivera',
      email,
      senderRole: 'mentee',
      reason: 'need-help',
      message: 'My mentor and I cannot find a time that suits us both. Could you suggest something?',
    },
    wrongFormat: {
      answers: { ...answers, email: 'sam rivera@example.org', message: 'Help!' },
      errors: [
        { field: 'email', message: schemaMessage(form, 'email', 'sam rivera@example.org') },
        { field: 'message', message: schemaMessage(form, 'message', 'Help!') },
      ],
    },
    recordFolder: `messages/${settings.programYears.running}`,
  };
}

const CASES = {
  'mentor-application': () => applicationCase('mentor'),
  'mentee-application': () => applicationCase('mentee'),
  'mentor-evaluation': () => evaluationCase('mentor'),
  'mentee-evaluation': () => evaluationCase('mentee'),
  message: messageCase,
} satisfies Record<FormDefinition['id'], () => FormCase>;

/** Every form, in the order of the pages. */
export const FORM_IDS = Object.keys(CASES) as Array<keyof typeof CASES>;

/** A fresh case for a form: a new email address, so each test finds its own record and email. */
export function formCase(id: FormDefinition['id']): FormCase {
  return CASES[id]();
}
