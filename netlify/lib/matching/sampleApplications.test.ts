import { describe, expect, it } from 'vitest';
import { applicationSchemas } from '../../../src/schemas/application.ts';
import { APPLICATION } from '../../../tests/support/matchingFixtures.ts';
import { menteeEvaluationSchema, mentorEvaluationSchema } from '../../../src/schemas/evaluation.ts';
import { messageSchema } from '../../../src/schemas/message.ts';
import { matchesFileSchema, recordEnvelopeSchema } from '../../../src/schemas/record.ts';
import { checkInRecordSchema } from '../mailing/checkIns.ts';
import { introductionsLedgerSchema } from '../mailing/ledger.ts';
import { loadPairs } from '../mailing/pairs.ts';
import { preferenceRecordSchema } from '../mailing/preferences.ts';
import { reviewFileSchema } from '../reviews/reviews.ts';
import { createMemoryRecordsStore } from '../../../tests/servers/harness/memoryRecordsStore.ts';
import { generateSampleApplications, generateSampleYear, writeSampleApplications, writeSampleYear } from './sampleApplications.ts';

describe('sample applications', () => {
  const records = generateSampleApplications({ programYear: '2026-2027', mentors: 40, mentees: 60, seed: 7, settings: { application: APPLICATION } });

  it('are valid record envelopes with valid answers for their role', () => {
    expect(records.filter((record) => record.role === 'mentor')).toHaveLength(40);
    expect(records.filter((record) => record.role === 'mentee')).toHaveLength(60);
    for (const record of records) {
      expect(recordEnvelopeSchema.parse(record)).toEqual(record);
      expect(record).toMatchObject({ schemaVersion: 1, type: 'application', programYear: '2026-2027' });
      expect(applicationSchemas({ application: APPLICATION })[record.role!].safeParse(record.answers).error?.issues ?? []).toEqual([]);
      expect(record.submittedAt >= '2026-06-01' && record.submittedAt <= '2026-07-16').toBe(true);
    }
  });

  it('are clearly fake and each person is distinct', () => {
    const emails = records.map((record) => String(record.answers.email));
    expect(emails.every((email) => email.endsWith('@example.org'))).toBe(true);
    expect(new Set(emails).size).toBe(records.length);
    expect(new Set(records.map((record) => record.answers.name)).size).toBe(records.length);
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
  });

  it('are the same for the same seed, and different for another', () => {
    expect(generateSampleApplications({ programYear: '2026-2027', mentors: 40, mentees: 60, seed: 7, settings: { application: APPLICATION } })).toEqual(records);
    expect(generateSampleApplications({ programYear: '2026-2027', mentors: 40, mentees: 60, seed: 8, settings: { application: APPLICATION } })).not.toEqual(records);
  });

  it('go into the store where the forms put applications, once', async () => {
    const store = createMemoryRecordsStore();
    const few = records.slice(0, 3);
    expect(await writeSampleApplications(store, few)).toEqual({ created: 3, existing: 0 });
    expect(await writeSampleApplications(store, few)).toEqual({ created: 0, existing: 3 });
    expect(await store.listFiles('applications/2026-2027')).toEqual(few.map((record) => `applications/2026-2027/${record.role}/${record.id}.json`).sort());
  });
});

describe('a whole sample year', () => {
  const settings = { application: APPLICATION, program: { startMonth: 9, endMonth: 5 }, timeZone: 'America/New_York' };
  const options = { programYear: '2026-2027', mentors: 12, mentees: 20, seed: 2, settings, now: new Date('2026-12-03T12:00:00Z') };
  const year = generateSampleYear(options);
  const files = new Map(year.files.map((file) => [file.path, JSON.parse(file.content)]));
  const under = (prefix: string) => [...files].filter(([path]) => path.startsWith(prefix)).map(([, value]) => value);

  it('has the applications, every one reviewed, and pairs the mailings accept', async () => {
    expect(under('applications/2026-2027/')).toHaveLength(32);
    const reviews = under('reviews/2026-2027/').map((review) => reviewFileSchema.parse(review));
    expect(reviews).toHaveLength(32);
    expect(reviews.filter((review) => review.decision !== 'eligible').map((review) => review.decision)).toEqual(['not-eligible', 'withdrawn']);
    const matches = matchesFileSchema.parse(files.get('matches/2026-2027.json'));
    expect(matches.pairs.length).toBe(year.counts.pairs);
    expect(matches.pairs.filter((pair) => pair.status === 'ended')).toHaveLength(1);
    const store = createMemoryRecordsStore(Object.fromEntries(year.files.map((file) => [file.path, file.content])));
    // The strict loader the mailings use finds nothing wrong (capacities kept, one mentor per mentee).
    const pairs = await loadPairs(store, '2026-2027');
    expect(pairs.active).toHaveLength(year.counts.pairs - 1);
    expect(introductionsLedgerSchema.parse(files.get('mailings/2026-2027/introductions.json')).batches[0]!.pairs).toHaveLength(year.counts.pairs);
  });

  it('has check-ins for the program months so far only, messages, a leaver and evaluations, all valid and clearly fake', () => {
    const checkIns = under('check-ins/').map((entry) => checkInRecordSchema.parse(entry));
    expect(checkIns.length).toBe(year.counts.checkIns);
    expect([...new Set(checkIns.map((entry) => entry.month))].sort()).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
    expect(checkIns.some((entry) => entry.answer === 'need-help' && entry.month === '2026-12')).toBe(true);
    const messages = under('messages/').map((message) => recordEnvelopeSchema.parse(message));
    expect(messages).toHaveLength(3);
    for (const message of messages) expect(messageSchema.parse(message.answers).message).toMatch(/^\(Sample message\)/);
    expect(under('preferences/').map((entry) => preferenceRecordSchema.parse(entry).status)).toEqual(['leaving']);
    const evaluations = under('evaluations/').map((entry) => recordEnvelopeSchema.parse(entry));
    expect(evaluations.length).toBe(year.counts.evaluations);
    for (const evaluation of evaluations) (evaluation.role === 'mentor' ? mentorEvaluationSchema : menteeEvaluationSchema).parse(evaluation.answers);
    expect(evaluations.filter((evaluation) => evaluation.role === 'mentor')).toHaveLength(4);
    expect(evaluations.filter((evaluation) => evaluation.role === 'mentee').length).toBeGreaterThanOrEqual(5);
    expect(year.files.every((file) => !/@(?!example\.org)[a-z]/i.test(file.content))).toBe(true);
  });

  it('is the same for the same options; before the program starts it has no check-ins or evaluations', () => {
    expect(generateSampleYear(options)).toEqual(year);
    const early = generateSampleYear({ ...options, now: new Date('2026-08-01T12:00:00Z') });
    expect(early.counts).toMatchObject({ checkIns: 0, evaluations: 0 });
  });

  it('is written once, and never over a year that has other pairs', async () => {
    const store = createMemoryRecordsStore();
    expect(await writeSampleYear(store, year)).toEqual({ created: year.files.length, existing: 0, refused: false });
    expect(await writeSampleYear(store, year)).toEqual({ created: 0, existing: year.files.length, refused: false });
    const other = createMemoryRecordsStore({ 'matches/2026-2027.json': JSON.stringify({ programYear: '2026-2027', pairs: [] }) });
    expect(await writeSampleYear(other, year)).toEqual({ created: 0, existing: 0, refused: true });
    expect(await other.listFiles('')).toEqual(['matches/2026-2027.json']);
  });
});

describe('a whole sample year, dated', () => {
  it('has nothing dated after now', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const year = generateSampleYear({
      programYear: '2026-2027',
      mentors: 12,
      mentees: 20,
      seed: 2,
      settings: { application: APPLICATION, program: { startMonth: 9, endMonth: 5 }, timeZone: 'America/New_York' },
      now,
    });
    const dates = year.files.flatMap((file) => [...file.content.matchAll(/"(?:recordedAt|submittedAt|updatedAt|at|sentAt|decidedAt)": "([^"]+)"/g)].map((match) => match[1]!));
    expect(dates.length).toBeGreaterThan(100);
    expect(dates.filter((date) => date > '2026-12-03T12:00:00Z')).toEqual([]);
  });
});
