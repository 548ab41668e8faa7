/**
 * Records for the mailing tests: application records as the forms store them (validated answers
 * in the envelope), a matches file, and topics that may be sent (not examples). Ids are derived
 * from a seed and an index, so files and expectations are stable across runs.
 */
import { createHash } from 'node:crypto';
import { menteeApplicationSchema, mentorApplicationSchema } from '../../../src/schemas/application.ts';
import type { MatchesFile } from '../../../src/schemas/record.ts';
import { topicSchema } from '../../../src/schemas/topic.ts';
import type { TopicFile } from '../../../netlify/lib/mailing/topics.ts';

/** A UUID (v4 layout) made from a label, so the same label always gives the same id. */
export function stableUuid(label: string): string {
  const hex = createHash('sha256').update(label).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const PROGRAM_YEAR = '2026-2027';

export function mentorRecordAnswers(index: number, overrides: Record<string, unknown> = {}) {
  return mentorApplicationSchema.parse({
    name: `Mentor Person ${index}`,
    email: `mentor${index}@example.org`,
    pronouns: 'she/her',
    membership: 'member',
    careerStage: 'mid-career',
    institutionType: 'academic',
    institution: 'Example State University',
    interests: ['e-resources', 'metadata'],
    goals: 'Share what I have learned about licensing and usage statistics with someone new.',
    communication: ['email', 'video'],
    timeZone: 'America/Chicago',
    yearsExperience: 12,
    expertise: ['e-resources', 'acquisitions'],
    capacity: 1,
    agreeCodeOfConduct: true,
    agreeFullYear: true,
    agreeSharing: true,
    ...overrides,
  });
}

export function menteeRecordAnswers(index: number, overrides: Record<string, unknown> = {}) {
  return menteeApplicationSchema.parse({
    name: `Mentee Person ${index}`,
    email: `mentee${index}@example.org`,
    membership: 'member',
    careerStage: 'student',
    institutionType: 'lis-school',
    institution: 'Example iSchool',
    interests: ['not-sure'],
    goals: 'Find out which area of technical services suits me and how to get a first job in it.',
    communication: ['email'],
    timeZone: 'America/New_York',
    agreeCodeOfConduct: true,
    agreeFullYear: true,
    agreeSharing: true,
    ...overrides,
  });
}

export function applicationRecord(role: 'mentor' | 'mentee', id: string, answers: Record<string, unknown>, programYear = PROGRAM_YEAR) {
  return {
    path: `applications/${programYear}/${role}/${id}.json`,
    content: `${JSON.stringify({ schemaVersion: 1, id, type: 'application', role, programYear, submittedAt: '2026-07-01T12:00:00.000Z', answers }, null, 2)}\n`,
  };
}

export interface PairFixture {
  files: Record<string, string>;
  matches: MatchesFile;
  mentorIds: string[];
  menteeIds: string[];
}

/**
 * `pairs` pairs, one mentor and one mentee each (so 2 × pairs people), as record files plus
 * matches/<year>.json. `seed` keeps the ids of different tests apart.
 */
export function pairFixture(pairs: number, seed = 'pairs', programYear = PROGRAM_YEAR): PairFixture {
  const files: Record<string, string> = {};
  const mentorIds: string[] = [];
  const menteeIds: string[] = [];
  const matches: MatchesFile = { programYear, pairs: [] };
  for (let index = 0; index < pairs; index += 1) {
    const mentor = stableUuid(`${seed}/mentor/${index}`);
    const mentee = stableUuid(`${seed}/mentee/${index}`);
    const mentorFile = applicationRecord('mentor', mentor, mentorRecordAnswers(index), programYear);
    const menteeFile = applicationRecord('mentee', mentee, menteeRecordAnswers(index), programYear);
    files[mentorFile.path] = mentorFile.content;
    files[menteeFile.path] = menteeFile.content;
    mentorIds.push(mentor);
    menteeIds.push(mentee);
    matches.pairs.push({ id: `p-${String(index + 1).padStart(4, '0')}`, mentor, mentee, status: 'active', since: '2026-08-20' });
  }
  files[`matches/${programYear}.json`] = `${JSON.stringify(matches, null, 2)}\n`;
  return { files, matches, mentorIds, menteeIds };
}

export function matchesContent(matches: MatchesFile): string {
  return `${JSON.stringify(matches, null, 2)}\n`;
}

/** A topic that may be emailed (not a draft, not an example). */
export function publishableTopic(month: string, overrides: Record<string, unknown> = {}): TopicFile {
  const slug = 'careers-in-technical-services';
  const firstYear = Number(month.slice(0, 4)) - (Number(month.slice(5)) <= 5 ? 1 : 0);
  return {
    id: `${month}-${slug}`,
    topic: topicSchema.parse({
      title: 'Careers in technical services',
      month,
      programYear: `${firstYear}-${firstYear + 1}`,
      summary: 'How people find their way into technical services, and what the work looks like day to day.',
      questions: ['How did the mentor find their way into this work?', 'Which tasks does the mentee enjoy most so far?'],
      resources: [{ title: 'The NASIG website', url: 'https://www.nasig.org/' }],
      themes: ['career-paths'],
      ...overrides,
    }),
    body: 'Much of what makes a library work happens **out of public view**.\n\nMentors, describe your own path. See [the topic archive](/topics/).',
  };
}
