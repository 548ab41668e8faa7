import type { Choice } from './formField.ts';

// Choice lists the kit itself defines, shared by the forms, the records and the matching engine.
// What depends on the association (the areas of the profession, the kinds of institution, the
// career stages, the membership question) is content: content/settings.yaml → application.

/** Offered after the association's areas: a mentee still finding their area (a priority too). */
export const NOT_SURE_AREA = {
  value: 'not-sure',
  label: 'Not sure yet',
  hint: 'Exploring is welcome: the program gives priority to people still finding their area.',
} as const satisfies Choice;

/** Offered last among the areas, with a line to say which. */
export const OTHER_AREA = { value: 'other', label: 'Something else' } as const satisfies Choice;

/** Offered last among the kinds of institution; never counts as the same kind as another's. */
export const OTHER_INSTITUTION_TYPE = { value: 'other', label: 'Other' } as const satisfies Choice;

export const COMMUNICATION_WAYS = [
  { value: 'email', label: 'Email' },
  { value: 'video', label: 'Video or online meeting' },
  { value: 'phone', label: 'Phone' },
  { value: 'chat', label: 'Chat or text messages' },
] as const satisfies readonly Choice[];
export type CommunicationWay = (typeof COMMUNICATION_WAYS)[number]['value'];

/** The stored values of the membership question; the question and its answers are content. */
export const MEMBERSHIP_VALUES = ['member', 'joining'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_VALUES)[number];

/** Time zones offered in the forms (IANA names), with their usual names. */
export const TIME_ZONES = [
  { value: 'America/St_Johns', label: 'Newfoundland time' },
  { value: 'America/Halifax', label: 'Atlantic time' },
  { value: 'America/New_York', label: 'Eastern time' },
  { value: 'America/Chicago', label: 'Central time' },
  { value: 'America/Denver', label: 'Mountain time' },
  { value: 'America/Phoenix', label: 'Mountain time (Arizona, no daylight saving)' },
  { value: 'America/Los_Angeles', label: 'Pacific time' },
  { value: 'America/Anchorage', label: 'Alaska time' },
  { value: 'Pacific/Honolulu', label: 'Hawaii time' },
  { value: 'Europe/London', label: 'UK and Ireland' },
  { value: 'Europe/Berlin', label: 'Central Europe' },
  { value: 'Asia/Kolkata', label: 'India' },
  { value: 'Australia/Sydney', label: 'Eastern Australia' },
  { value: 'Etc/UTC', label: 'Somewhere else (I will say in my goals)' },
] as const satisfies readonly Choice[];
