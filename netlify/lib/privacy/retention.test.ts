import type { Context } from '@netlify/functions';
import { describe, expect, it } from 'vitest';
import { createRecordingMailer } from '../../../tests/servers/harness/mailingRecordingMailer.ts';
import { settings } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { createMemoryRecordsStore } from '../../../tests/servers/harness/memoryRecordsStore.ts';
import { PERSON_EMAIL, personFixture } from '../../../tests/support/personFixture.ts';
import { deletionDay, noticeDay, programYearEnds, runRetention, summaryPath, yearSummarySchema } from './retention.ts';
import { recordRetentionHandler } from './retentionHandler.ts';

const context = { deploy: { context: 'dev' }, waitUntil: () => {} } as unknown as Context;

function setUp() {
  const fixture = personFixture('retention');
  const records = createMemoryRecordsStore({ ...fixture.files, 'erasures/2026-2027.json': '{"schemaVersion":1,"programYear":"2026-2027","erasures":[]}\n' });
  const mailer = createRecordingMailer();
  const invoke = async (iso: string) => {
    const handler = recordRetentionHandler.with({
      records,
      mailer,
      now: () => new Date(iso),
      sender: 'Mentoring <mentoring@example.org>',
      committeeEmail: 'committee@example.org',
    });
    const response = await handler(new Request('http://localhost/.netlify/functions/record-retention', { method: 'POST' }), context);
    return { status: response.status, body: (await response.json()) as { years: Array<{ programYear: string; action: string; done: boolean; files: number }> } };
  };
  return { fixture, records, mailer, invoke };
}

describe('the retention dates', () => {
  it('counts the months from the end of the year’s last mentoring month', () => {
    expect(programYearEnds('2026-2027', settings)).toBe('2027-05-31');
    expect(deletionDay('2026-2027', settings)).toBe(
      `${2027 + Math.floor((5 + settings.recordRetentionMonths) / 12)}-${String(((5 + settings.recordRetentionMonths) % 12) + 1).padStart(2, '0')}-01`,
    );
    expect(deletionDay('2026-2027', { ...settings, recordRetentionMonths: 12 })).toBe('2028-06-01');
    expect(noticeDay('2026-2027', { ...settings, recordRetentionMonths: 12 })).toBe('2028-05-18');
    expect(deletionDay('2026-2027', { ...settings, recordRetentionMonths: 1, program: { startMonth: 9, endMonth: 12 } })).toBe('2028-02-01');
  });
});

describe('the record-retention scheduled function, invoked directly on a fixture year', () => {
  it('keeps everything before the notice day, and says when', async () => {
    expect(settings.recordRetentionMonths).toBe(12);
    const { records, mailer, invoke, fixture } = setUp();
    const before = await records.listFiles('');
    const { status, body } = await invoke('2028-05-17T16:00:00Z');
    expect(status).toBe(200);
    expect(body.years.find((year) => year.programYear === fixture.year)).toMatchObject({ action: 'keep', done: false });
    expect(await records.listFiles('')).toEqual(before);
    expect(mailer.sent).toHaveLength(0);
    expect(records.commits).toHaveLength(0);
  });

  it('emails the committee fourteen days before with folders and counts, nothing personal, and deletes nothing', async () => {
    const { records, mailer, invoke, fixture } = setUp();
    const { body } = await invoke('2028-05-18T16:00:00Z');
    expect(body.years.find((year) => year.programYear === fixture.year)).toMatchObject({ action: 'notify', done: true });
    expect(mailer.sent).toHaveLength(1);
    const email = mailer.sent[0]!;
    expect(email.to).toEqual(['committee@example.org']);
    expect(email.subject).toBe('Records of 2026-2027 will be deleted on 2028-06-01');
    expect(email.text).toContain(`- applications/${fixture.year}/: 6 files`);
    expect(email.text).toContain(`- matches/${fixture.year}.json: 1 file`);
    expect(email.text).not.toMatch(/@example\.org|Mentee Person|Mentor Person/);
    expect(email.text).not.toContain(PERSON_EMAIL);
    expect(records.commits).toHaveLength(0);
    // The next day: no second email.
    await invoke('2028-05-19T16:00:00Z');
    expect(mailer.sent).toHaveLength(1);
  });

  it('deletes the year’s personal records on the day, in one commit, keeping its counts, the erasure log and other years', async () => {
    const { records, mailer, invoke, fixture } = setUp();
    const { body } = await invoke('2028-06-01T16:00:00Z');
    expect(body.years.find((year) => year.programYear === fixture.year)).toMatchObject({ action: 'delete', done: true });
    expect(records.commits).toHaveLength(1);
    expect(records.commits[0]!.message).toMatch(/^Delete the personal records of 2026-2027 after the retention period: \d+ files; counts kept in reports\/2026-2027-summary.json$/);
    const left = await records.listFiles('');
    expect(left.filter((path) => path.includes(fixture.year))).toEqual(['erasures/2026-2027.json', 'reports/2026-2027-summary.json']);
    expect(left.filter((path) => path.includes(`/${fixture.next}/`))).toHaveLength(3);
    const summary = yearSummarySchema.parse(JSON.parse((await records.readFile(summaryPath(fixture.year)))!.content));
    expect(summary).toMatchObject({
      programYear: fixture.year,
      applications: { mentor: 3, mentee: 3 },
      evaluations: { mentor: 0, mentee: 1 },
      messages: 2,
      pairs: { total: 3, active: 3, ended: 0 },
      checkIns: { 'need-help': 1, met: 1 },
    });
    expect(JSON.stringify(summary)).not.toMatch(/@|Person/);
    expect(mailer.sent).toHaveLength(0);
    // Run again: nothing left to delete, no commit.
    await invoke('2028-06-02T16:00:00Z');
    expect(records.commits).toHaveLength(1);
  });

  it('changes nothing and sends nothing in a dry run', async () => {
    const { records, mailer, fixture } = setUp();
    const plans = await runRetention(
      { records, mailer, settings, now: () => new Date('2028-06-01T16:00:00Z'), log: () => {}, sender: 'x@example.org', committeeEmail: 'c@example.org' },
      { dryRun: true },
    );
    expect(plans.find((plan) => plan.programYear === fixture.year)).toMatchObject({ action: 'delete', done: false });
    expect(records.commits).toHaveLength(0);
    expect(mailer.sent).toHaveLength(0);
  });
});
