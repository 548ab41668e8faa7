import type { Choice } from './formField.ts';

// Choice lists shared by the forms, the records and the matching engine. The interest areas
// follow the program's own priority areas.

export const INTEREST_AREAS = [
  { value: 'cataloging', label: 'Cataloging' },
  { value: 'metadata', label: 'Metadata' },
  { value: 'acquisitions', label: 'Acquisitions' },
  { value: 'e-resources', label: 'E-resource management' },
  { value: 'scholarly-communication', label: 'Scholarly communication' },
  { value: 'digital-preservation', label: 'Digital preservation' },
  { value: 'not-sure', label: 'Not sure yet', hint: 'Exploring is welcome: the program gives priority to people still finding their area.' },
  { value: 'other', label: 'Something else' },
] as const satisfies readonly Choice[];
export type InterestArea = (typeof INTEREST_AREAS)[number]['value'];

/** The areas NASIG members know best, which the program prioritises when places are short. */
export const PRIORITY_AREAS: readonly InterestArea[] = ['cataloging', 'metadata', 'acquisitions', 'e-resources', 'scholarly-communication', 'digital-preservation'];

/** Areas a mentor can offer expertise in: the interest areas less "not sure". */
export const EXPERTISE_AREAS = INTEREST_AREAS.filter((area) => area.value !== 'not-sure');

export const CAREER_STAGES = [
  { value: 'student', label: 'Library or information science student' },
  { value: 'early-career', label: 'Early career', hint: 'Up to about five years in the profession.' },
  { value: 'mid-career', label: 'Mid-career' },
  { value: 'senior', label: 'Senior or late career' },
] as const satisfies readonly Choice[];
export type CareerStage = (typeof CAREER_STAGES)[number]['value'];

export const INSTITUTION_TYPES = [
  { value: 'academic', label: 'Academic or research library' },
  { value: 'public', label: 'Public library' },
  { value: 'special', label: 'Special, corporate or medical library' },
  { value: 'government', label: 'Government or national library' },
  { value: 'school', label: 'School library' },
  { value: 'vendor', label: 'Publisher, vendor or service provider' },
  { value: 'lis-school', label: 'Library school (as a student)' },
  { value: 'other', label: 'Other' },
] as const satisfies readonly Choice[];

export const COMMUNICATION_WAYS = [
  { value: 'email', label: 'Email' },
  { value: 'video', label: 'Video or online meeting' },
  { value: 'phone', label: 'Phone' },
  { value: 'chat', label: 'Chat or text messages' },
] as const satisfies readonly Choice[];
export type CommunicationWay = (typeof COMMUNICATION_WAYS)[number]['value'];

export const MEMBERSHIP_STATUSES = [
  { value: 'member', label: 'Yes, I am a member in good standing' },
  { value: 'joining', label: 'Not yet: I will join or renew before the program starts' },
] as const satisfies readonly Choice[];

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
