import { z } from 'zod';
import type { ApplicationContent, ChoiceContent } from './applicationContent.ts';
import { COMMUNICATION_WAYS, MEMBERSHIP_VALUES, NOT_SURE_AREA, OTHER_AREA, OTHER_INSTITUTION_TYPE, TIME_ZONES } from './choices.ts';
import { type Choice, choiceOf, emailField, fullNameField, missingOr, singleLine, text } from './formField.ts';

/** A required tick box: the schema accepts only `true`. */
function agreement(label: string, required: string, hint?: string) {
  return z.literal(true, { error: required }).meta({ label, hint, widget: 'agreement', required });
}

/** A choice of the content as the forms offer it. */
function offered(choice: ChoiceContent): Choice {
  return { value: choice.id, label: choice.label, ...(choice.hint ? { hint: choice.hint } : {}) };
}

/**
 * What the forms offer for the association's lists: its areas with "Not sure yet" and
 * "Something else" after them (mentors offer no "Not sure yet"), its kinds of institution with
 * "Other" last, its career stages.
 */
export function applicationChoices(content: ApplicationContent) {
  const areas = content.areas.choices.map(offered);
  return {
    interests: [...areas, NOT_SURE_AREA, OTHER_AREA] as readonly Choice[],
    expertise: [...areas, OTHER_AREA] as readonly Choice[],
    priorityAreas: content.areas.choices.filter((area) => area.priority).map((area) => area.id) as readonly string[],
    institutionTypes: [...content.institutionType.choices.map(offered), OTHER_INSTITUTION_TYPE] as readonly Choice[],
    careerStages: content.careerStages.map(offered) as readonly Choice[],
    membership: [
      { value: MEMBERSHIP_VALUES[0], label: content.membership.member },
      { value: MEMBERSHIP_VALUES[1], label: content.membership.joining },
    ] as const satisfies readonly Choice[],
  };
}

/** The two application schemas for one association's content (content/settings.yaml → application). */
function buildApplicationSchemas(content: ApplicationContent) {
  const choices = applicationChoices(content);
  /** Questions both roles answer. Field order is the order on the form. */
  const personFields = {
    /** Full name, as the partner and the committee will address you. */
    name: fullNameField(),
    /** Where the committee and the partner write to you. */
    email: emailField('We use this to send your confirmation, your introduction and the monthly topics.'),
    /** Optional pronouns, shared with the partner. */
    pronouns: singleLine({ required: '', max: 40, maxMessage: 'Pronouns must be 40 characters or fewer.' })
      .optional()
      .meta({ label: 'Pronouns (optional)', hint: 'For example she/her, he/him, they/them.', widget: 'text', width: 15 }),
    /** Membership of the association at the start of the program is required (member, or joining). */
    membership: choiceOf(choices.membership, content.membership.missing).meta({
      label: content.membership.question,
      ...(content.membership.hint ? { hint: content.membership.hint } : {}),
      widget: 'radios',
      choices: choices.membership,
      required: content.membership.missing,
    }),
    /** Where you are in your career. */
    careerStage: choiceOf(choices.careerStages, 'Select your career stage.').meta({
      label: 'Career stage',
      widget: 'radios',
      choices: choices.careerStages,
      required: 'Select your career stage.',
    }),
    /** Kind of institution you work or study at. */
    institutionType: choiceOf(choices.institutionTypes, content.institutionType.missing).meta({
      label: content.institutionType.question,
      widget: 'radios',
      choices: choices.institutionTypes,
      required: content.institutionType.missing,
    }),
    /** The employer or school; lets the committee avoid pairing colleagues. */
    institution: singleLine({ required: content.institutionName.missing, max: 160, maxMessage: 'The name must be 160 characters or fewer.' }).meta({
      label: content.institutionName.question,
      hint: 'We avoid pairing people from the same institution.',
      widget: 'text',
      autocomplete: 'organization',
      required: content.institutionName.missing,
      width: 30,
    }),
    /** Areas of the profession of interest; the association's areas first. */
    interests: z
      .array(choiceOf(choices.interests, 'Select areas from the list.'), { error: 'Select at least one area of interest.' })
      .min(1, 'Select at least one area of interest.')
      .meta({
        label: content.areas.question,
        hint: 'Select all that apply.',
        widget: 'checkboxes',
        choices: choices.interests,
        required: 'Select at least one area of interest.',
      }),
    /** Free text when "Something else" is among the interests. */
    interestsOther: singleLine({ required: 'Say which other area interests you.', max: 200, maxMessage: 'Keep this under 200 characters.' })
      .optional()
      .meta({
        label: 'If you selected “Something else”, which area?',
        widget: 'text',
        showWhen: { field: 'interests', values: [OTHER_AREA.value] },
        required: 'Say which other area interests you.',
        width: 30,
      }),
    /** What the applicant hopes the year brings. */
    goals: text({
      required: 'Tell us what you hope to get from the program.',
      min: 20,
      minMessage: 'Tell us a little more about your goals: at least 20 characters.',
      max: 2000,
      maxMessage: 'Your goals must be 2,000 characters or fewer.',
    }).meta({
      label: 'What would you like to get out of the year?',
      hint: 'A few sentences is plenty. Your partner will read this.',
      widget: 'textarea',
      required: 'Tell us what you hope to get from the program.',
    }),
    /** Ways the applicant is happy to keep in touch. */
    communication: z
      .array(choiceOf(COMMUNICATION_WAYS, 'Select ways from the list.'), { error: 'Select at least one way to keep in touch.' })
      .min(1, 'Select at least one way to keep in touch.')
      .meta({
        label: 'How would you like to keep in touch?',
        hint: 'Select all that apply.',
        widget: 'checkboxes',
        choices: COMMUNICATION_WAYS,
        required: 'Select at least one way to keep in touch.',
      }),
    /** Home time zone, to find pairs who can meet at reasonable hours. */
    timeZone: choiceOf(TIME_ZONES, 'Select your time zone.').meta({
      label: 'Your time zone',
      widget: 'select',
      choices: TIME_ZONES,
      required: 'Select your time zone.',
    }),
  };

  /** Agreements every applicant must make. */
  const agreements = {
    /** The association's code of conduct, in its own words. */
    agreeCodeOfConduct: agreement(content.codeOfConduct.agreement, content.codeOfConduct.missing),
    /** The whole program year. */
    agreeFullYear: agreement('I can commit to taking part for the whole program year.', 'Confirm that you can take part for the whole program year.'),
    /** Sharing the application with the committee and the match. */
    agreeSharing: agreement(
      'I agree that my application is shared with the committee and with the person I am matched with.',
      'Confirm that your application may be shared with the committee and your match.',
    ),
  };

  /** The mentee application (POST /api/applications/mentee). */
  const mentee = z.object({ ...personFields, ...agreements }).superRefine(requireOtherDetail);

  /** The mentor application (POST /api/applications/mentor): the same, plus experience and capacity. */
  const mentor = z
    .object({
      ...personFields,
      /** Years in the profession. */
      yearsExperience: z
        .number({ error: missingOr('Enter your years of experience.', 'Enter your years of experience as a number, like 8.') })
        .int('Enter whole years, like 8.')
        .min(0, 'Years of experience cannot be negative.')
        .max(70, 'Years of experience must be 70 or fewer.')
        .meta({ label: content.experienceQuestion, widget: 'number', required: 'Enter your years of experience.', width: 3 }),
      /** Areas the mentor can speak to from experience. */
      expertise: z
        .array(choiceOf(choices.expertise, 'Select areas from the list.'), { error: 'Select at least one area of expertise.' })
        .min(1, 'Select at least one area of expertise.')
        .meta({
          label: 'Areas of expertise',
          hint: 'Select the areas you could talk about from experience.',
          widget: 'checkboxes',
          choices: choices.expertise,
          required: 'Select at least one area of expertise.',
        }),
      /** How many mentees the mentor can take this year. */
      capacity: z
        .number({ error: 'Enter how many mentees you can take, from 1 to 3.' })
        .int('Enter a whole number from 1 to 3.')
        .min(1, 'You can take at least 1 mentee.')
        .max(3, 'You can take at most 3 mentees.')
        .meta({
          label: 'How many mentees could you take on?',
          hint: 'From 1 to 3. Most mentors take one.',
          widget: 'number',
          required: 'Enter how many mentees you can take, from 1 to 3.',
          width: 2,
        }),
      ...agreements,
    })
    .superRefine(requireOtherDetail);

  return { mentor, mentee };
}

/** "Something else" needs its detail. Shared by both roles. */
function requireOtherDetail(value: { interests: string[]; interestsOther?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.interests.includes(OTHER_AREA.value) && !value.interestsOther) {
    ctx.addIssue({ code: 'custom', path: ['interestsOther'], message: 'Say which other area interests you.' });
  }
}

export type ApplicationSchemas = ReturnType<typeof buildApplicationSchemas>;
export type MentorApplication = z.infer<ApplicationSchemas['mentor']>;
export type MenteeApplication = z.infer<ApplicationSchemas['mentee']>;
export type Application = MentorApplication | MenteeApplication;
export type Role = keyof ApplicationSchemas;
export const ROLES = ['mentor', 'mentee'] as const satisfies readonly Role[];

const built = new WeakMap<ApplicationContent, ApplicationSchemas>();

/**
 * The mentor and mentee application schemas of one association, from its settings
 * (content/settings.yaml → application): the forms, the functions and the matching tool all
 * validate with these. Built once per settings object.
 */
export function applicationSchemas(settings: { application: ApplicationContent }): ApplicationSchemas {
  let schemas = built.get(settings.application);
  if (!schemas) {
    schemas = buildApplicationSchemas(settings.application);
    built.set(settings.application, schemas);
  }
  return schemas;
}
