import { z } from 'zod';
import { CAREER_STAGES, COMMUNICATION_WAYS, EXPERTISE_AREAS, INSTITUTION_TYPES, INTEREST_AREAS, MEMBERSHIP_STATUSES, TIME_ZONES } from './choices.ts';
import { choiceOf, emailField, fullNameField, singleLine, text } from './formField.ts';

/** A required tick box: the schema accepts only `true`. */
function agreement(label: string, required: string, hint?: string) {
  return z.literal(true, { error: required }).meta({ label, hint, widget: 'agreement', required });
}

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
  /** NASIG membership at the start of the program is required. */
  membership: choiceOf(MEMBERSHIP_STATUSES, 'Select whether you are a member in good standing.').meta({
    label: 'Are you a NASIG member in good standing?',
    hint: 'Membership is needed by the time the program starts. Student membership is free.',
    widget: 'radios',
    choices: MEMBERSHIP_STATUSES,
    required: 'Select whether you are a member in good standing.',
  }),
  /** Where you are in your career. */
  careerStage: choiceOf(CAREER_STAGES, 'Select your career stage.').meta({
    label: 'Career stage',
    widget: 'radios',
    choices: CAREER_STAGES,
    required: 'Select your career stage.',
  }),
  /** Kind of library or institution you work or study at. */
  institutionType: choiceOf(INSTITUTION_TYPES, 'Select the type of library or institution.').meta({
    label: 'Type of library or institution',
    widget: 'radios',
    choices: INSTITUTION_TYPES,
    required: 'Select the type of library or institution.',
  }),
  /** The employer or school; lets the committee avoid pairing colleagues. */
  institution: singleLine({ required: 'Enter the name of your library, employer or school.', max: 160, maxMessage: 'The name must be 160 characters or fewer.' }).meta({
    label: 'Library, employer or school',
    hint: 'We avoid pairing people from the same institution.',
    widget: 'text',
    autocomplete: 'organization',
    required: 'Enter the name of your library, employer or school.',
    width: 30,
  }),
  /** Areas of librarianship of interest; the program's priority areas first. */
  interests: z
    .array(choiceOf(INTEREST_AREAS, 'Select areas from the list.'), { error: 'Select at least one area of interest.' })
    .min(1, 'Select at least one area of interest.')
    .meta({
      label: 'Which areas of librarianship interest you?',
      hint: 'Select all that apply.',
      widget: 'checkboxes',
      choices: INTEREST_AREAS,
      required: 'Select at least one area of interest.',
    }),
  /** Free text when "Something else" is among the interests. */
  interestsOther: singleLine({ required: 'Say which other area interests you.', max: 200, maxMessage: 'Keep this under 200 characters.' })
    .optional()
    .meta({
      label: 'If you selected “Something else”, which area?',
      widget: 'text',
      showWhen: { field: 'interests', values: ['other'] },
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
  agreeCodeOfConduct: agreement('I will follow the NASIG Code of Conduct in all program communications.', 'Confirm that you will follow the Code of Conduct.'),
  agreeFullYear: agreement('I can commit to taking part for the whole program year.', 'Confirm that you can take part for the whole program year.'),
  agreeSharing: agreement(
    'I agree that my application is shared with the committee and with the person I am matched with.',
    'Confirm that your application may be shared with the committee and your match.',
  ),
};

/** The mentee application (POST /api/applications/mentee). */
export const menteeApplicationSchema = z.object({ ...personFields, ...agreements }).superRefine(requireOtherDetail);
export type MenteeApplication = z.infer<typeof menteeApplicationSchema>;

/** The mentor application (POST /api/applications/mentor): the same, plus experience and capacity. */
export const mentorApplicationSchema = z
  .object({
    ...personFields,
    /** Years in the profession. */
    yearsExperience: z
      .number({ error: 'Enter your years of experience as a number, like 8.' })
      .int('Enter whole years, like 8.')
      .min(0, 'Years of experience cannot be negative.')
      .max(70, 'Years of experience must be 70 or fewer.')
      .meta({ label: 'Years of experience in libraries', widget: 'number', required: 'Enter your years of experience.', width: 3 }),
    /** Areas the mentor can speak to from experience. */
    expertise: z
      .array(choiceOf(EXPERTISE_AREAS, 'Select areas from the list.'), { error: 'Select at least one area of expertise.' })
      .min(1, 'Select at least one area of expertise.')
      .meta({
        label: 'Areas of expertise',
        hint: 'Select the areas you could talk about from experience.',
        widget: 'checkboxes',
        choices: EXPERTISE_AREAS,
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
export type MentorApplication = z.infer<typeof mentorApplicationSchema>;

/** "Something else" needs its detail. Shared by both roles. */
function requireOtherDetail(value: { interests: string[]; interestsOther?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.interests.includes('other') && !value.interestsOther) {
    ctx.addIssue({ code: 'custom', path: ['interestsOther'], message: 'Say which other area interests you.' });
  }
}

export const APPLICATION_SCHEMAS = { mentor: mentorApplicationSchema, mentee: menteeApplicationSchema } as const;
export type Role = keyof typeof APPLICATION_SCHEMAS;
export type Application = MentorApplication | MenteeApplication;
