import { describe, expect, it } from 'vitest';
import { applicationSchemas } from '../../../src/schemas/application.ts';
import { APPLICATION } from './fixtures.ts';
import { recordEnvelopeSchema } from '../../../src/schemas/record.ts';
import { createMemoryRecordsStore } from './memoryRecordsStore.ts';
import { generateSampleApplications, writeSampleApplications } from './sampleApplications.ts';

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
