import { shippedSettings } from './contentPacks.ts';
import { applicationSchemas, type MenteeApplication, type MentorApplication } from '../../src/schemas/application.ts';
import type { ApplicationContent } from '../../src/schemas/applicationContent.ts';
import { DEFAULT_MATCHING_SETTINGS, type MatchingSettings } from '../../src/schemas/settings.ts';
import { type MatchingVocabulary, matchingVocabulary } from '../../netlify/lib/matching/compatibility.ts';
import type { MenteeCandidate, MentorCandidate } from '../../netlify/lib/matching/people.ts';

/**
 * Builders of valid applications for the matching tests: each case states only what matters to
 * it (areas, capacity, institution…), the rest is a plausible default. They answer the shipped
 * content's application forms (content/settings.yaml → application): its areas and words.
 */

/** The shipped application forms, and the matching vocabulary made from them. */
export const APPLICATION: ApplicationContent = shippedSettings().application;
export const vocabulary = (): MatchingVocabulary => matchingVocabulary({ application: APPLICATION });
const schemas = applicationSchemas({ application: APPLICATION });

/** A deterministic UUID from a small number, readable in failures: 00000000-0000-4000-8000-00000000002a. */
export function testId(role: 'mentor' | 'mentee', n: number): string {
  const prefix = role === 'mentor' ? '1' : '2';
  return `${prefix}0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const base = {
  membership: 'member',
  careerStage: 'mid-career',
  institutionType: 'academic',
  goals: 'Share what I know about serials and support a new colleague through the year.',
  communication: ['email'],
  timeZone: 'America/New_York',
  agreeCodeOfConduct: true,
  agreeFullYear: true,
  agreeSharing: true,
} as const;

export function mentor(n: number, overrides: Partial<MentorApplication> = {}): MentorCandidate {
  const answers = schemas.mentor.parse({
    ...base,
    name: `Mentor ${n}`,
    email: `mentor${n}@example.org`,
    institution: `Mentor University ${n}`,
    interests: overrides.expertise ?? ['cataloging'],
    yearsExperience: 10,
    expertise: ['cataloging'],
    capacity: 1,
    ...overrides,
  });
  return { id: testId('mentor', n), answers };
}

export function mentee(n: number, overrides: Partial<MenteeApplication> = {}): MenteeCandidate {
  const answers = schemas.mentee.parse({
    ...base,
    name: `Mentee ${n}`,
    email: `mentee${n}@example.org`,
    careerStage: 'student',
    institutionType: 'lis-school',
    institution: `Mentee School ${n}`,
    interests: ['cataloging'],
    goals: 'Learn how cataloging departments work and get ready for a first job.',
    ...overrides,
  });
  return { id: testId('mentee', n), answers };
}

export function settings(overrides: Partial<MatchingSettings> = {}): MatchingSettings {
  return { ...DEFAULT_MATCHING_SETTINGS, ...overrides };
}
