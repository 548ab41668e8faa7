import { z } from 'zod';
import { choiceOf, emailField, fullNameField, text } from './formField.ts';
import type { Choice } from './formField.ts';

const RATINGS = [
  { value: '5', label: 'Excellent' },
  { value: '4', label: 'Good' },
  { value: '3', label: 'Fair' },
  { value: '2', label: 'Poor' },
  { value: '1', label: 'Very poor' },
] as const satisfies readonly Choice[];

const CONTACT_FREQUENCIES = [
  { value: 'weekly', label: 'About every week' },
  { value: 'fortnightly', label: 'About every two weeks' },
  { value: 'monthly', label: 'About once a month' },
  { value: 'less-often', label: 'Less than once a month' },
  { value: 'never', label: 'We did not manage to meet' },
] as const satisfies readonly Choice[];

const TOPIC_USEFULNESS = [
  { value: 'very', label: 'Very useful' },
  { value: 'somewhat', label: 'Somewhat useful' },
  { value: 'not-really', label: 'Not really useful' },
  { value: 'not-used', label: 'We did not use them' },
] as const satisfies readonly Choice[];

const AGAIN = [
  { value: 'yes', label: 'Yes' },
  { value: 'maybe', label: 'Maybe' },
  { value: 'no', label: 'No' },
] as const satisfies readonly Choice[];

/** The end-of-program evaluation; mentor and mentee variants differ only in wording. */
function evaluationSchema(role: 'mentor' | 'mentee') {
  const partner = role === 'mentor' ? 'mentee' : 'mentor';
  return z.object({
    /** Who is answering, so the committee can follow up if asked to. */
    name: fullNameField(),
    /** The address the program wrote to. */
    email: emailField('The one the program wrote to.'),
    /** Overall rating. */
    overall: choiceOf(RATINGS, 'Select how you would rate the program overall.').meta({
      label: 'How would you rate the program overall?',
      widget: 'radios',
      choices: RATINGS,
      required: 'Select how you would rate the program overall.',
    }),
    /** How often the pair met. */
    contactFrequency: choiceOf(CONTACT_FREQUENCIES, `Select how often you were in touch with your ${partner}.`).meta({
      label: `How often were you in touch with your ${partner}?`,
      widget: 'radios',
      choices: CONTACT_FREQUENCIES,
      required: `Select how often you were in touch with your ${partner}.`,
    }),
    /** Whether the monthly topics helped. */
    topicsUseful: choiceOf(TOPIC_USEFULNESS, 'Select how useful the monthly topics were.').meta({
      label: 'How useful were the monthly discussion topics?',
      widget: 'radios',
      choices: TOPIC_USEFULNESS,
      required: 'Select how useful the monthly topics were.',
    }),
    /** What went well. */
    highlights: text({ required: '', max: 3000, maxMessage: 'Keep this under 3,000 characters.' }).optional().meta({ label: 'What worked well? (optional)', widget: 'textarea' }),
    /** What to change. */
    improvements: text({ required: '', max: 3000, maxMessage: 'Keep this under 3,000 characters.' })
      .optional()
      .meta({ label: 'What should the committee change? (optional)', widget: 'textarea' }),
    /** Interest in another year. */
    again: choiceOf(AGAIN, `Select whether you would take part again as a ${role}.`).meta({
      label: `Would you take part again as a ${role}?`,
      widget: 'radios',
      choices: AGAIN,
      required: `Select whether you would take part again as a ${role}.`,
    }),
  });
}

/** POST /api/evaluations/mentor */
export const mentorEvaluationSchema = evaluationSchema('mentor');
/** POST /api/evaluations/mentee */
export const menteeEvaluationSchema = evaluationSchema('mentee');
export type Evaluation = z.infer<typeof mentorEvaluationSchema>;
