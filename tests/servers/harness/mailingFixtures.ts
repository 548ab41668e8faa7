/**
 * Records for the mailing tests: application records as the forms store them (the sample answers
 * of sampleAnswers.ts, shaped and validated, in the envelope), a matches file, and topics that
 * may be sent (not examples). Ids are derived from a seed and an index, so files and
 * expectations are stable across runs.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { shapeAnswers } from '../../../netlify/lib/http/readSubmission.ts';
import { applicationSchemas } from '../../../src/schemas/application.ts';
import type { MatchesFile } from '../../../src/schemas/record.ts';
import { topicSchema } from '../../../src/schemas/topic.ts';
import type { TopicFile } from '../../../netlify/lib/mailing/topics.ts';
import { shippedSettings } from '../../support/contentPacks.ts';
import { menteeAnswers, mentorAnswers } from './sampleAnswers.ts';

/** The shipped application forms: the sample answers answer them. */
const schemas = applicationSchemas(shippedSettings());

/** A UUID (v4 layout) made from a label, so the same label always gives the same id. */
export function stableUuid(label: string): string {
  const hex = createHash('sha256').update(label).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const PROGRAM_YEAR = '2026-2027';

/** Sample answers as a form post carries them, stored as the forms store them: shaped, then parsed. */
function asStored<S extends z.ZodObject>(schema: S, posted: Record<string, unknown>): z.output<S> {
  const shaped = shapeAnswers(schema, posted);
  if ('error' in shaped) throw new Error(shaped.error);
  return schema.parse(shaped.answers);
}

/** The sample mentor (sampleAnswers.ts) as person `index`, with one mentee place. */
export function mentorRecordAnswers(index: number, overrides: Record<string, unknown> = {}) {
  return asStored(schemas.mentor, mentorAnswers({ name: `Mentor Person ${index}`, email: `mentor${index}@example.org`, capacity: '1', ...overrides }));
}

/** The sample mentee (sampleAnswers.ts) as person `index`: in New York, no pronouns given, email only. */
export function menteeRecordAnswers(index: number, overrides: Record<string, unknown> = {}) {
  return asStored(
    schemas.mentee,
    menteeAnswers({
      name: `Mentee Person ${index}`,
      email: `mentee${index}@example.org`,
      pronouns: undefined,
      communication: ['email'],
      timeZone: 'America/New_York',
      ...overrides,
    }),
  );
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
