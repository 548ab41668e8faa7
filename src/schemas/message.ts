import { z } from 'zod';
import { choiceOf, emailField, fullNameField, text } from './formField.ts';
import type { Choice } from './formField.ts';

export const MESSAGE_REASONS = [
  { value: 'need-help', label: 'I need help or advice from the committee' },
  { value: 'leaving', label: 'I need to leave the program' },
  { value: 'match-not-working', label: 'My match is not working out' },
  { value: 'other', label: 'Something else' },
] as const satisfies readonly Choice[];

const SENDER_ROLES = [
  { value: 'mentor', label: 'Mentor' },
  { value: 'mentee', label: 'Mentee' },
  { value: 'applicant', label: 'Applicant or someone thinking of applying' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly Choice[];

/** A confidential message to the committee (POST /api/messages). */
export const messageSchema = z.object({
  /** Who is writing. */
  name: fullNameField(),
  /** Where the committee replies. */
  email: emailField('The committee replies to this address.'),
  /** The writer's part in the program. */
  senderRole: choiceOf(SENDER_ROLES, 'Select your part in the program.').meta({
    label: 'Are you a mentor or a mentee?',
    widget: 'radios',
    choices: SENDER_ROLES,
    required: 'Select your part in the program.',
  }),
  /** What the message is about. */
  reason: choiceOf(MESSAGE_REASONS, 'Select what your message is about.').meta({
    label: 'What is your message about?',
    widget: 'radios',
    choices: MESSAGE_REASONS,
    required: 'Select what your message is about.',
  }),
  /** The message itself. */
  message: text({
    required: 'Enter your message.',
    min: 10,
    minMessage: 'Your message must be at least 10 characters.',
    max: 5000,
    maxMessage: 'Your message must be 5,000 characters or fewer.',
  }).meta({
    label: 'Your message',
    hint: 'Only the committee reads this. Your partner is not told unless you ask us to.',
    widget: 'textarea',
    required: 'Enter your message.',
  }),
});
export type Message = z.infer<typeof messageSchema>;
