/**
 * Ending a pair in which one person has withdrawn: only the partner is emailed, and the matches
 * file records the one email sent.
 */
import { describe, expect, it } from 'vitest';
import { PROGRAM_YEAR, pairFixture } from '../../../tests/servers/harness/mailingFixtures.ts';
import { createMemoryRecordsStore } from '../../../tests/servers/harness/memoryRecordsStore.ts';
import { createRecordingMailer } from '../../../tests/servers/harness/mailingRecordingMailer.ts';
import { settings, TEST_SITE } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { loadPairs } from '../mailing/pairs.ts';
import { APPLICANT } from '../reviews/reviews.ts';
import { endPair } from './endPair.ts';

describe('ending a pair', () => {
  it('writes only to the partner of someone who has withdrawn', async () => {
    const fixture = pairFixture(1, 'end-withdrawn');
    const mentee = fixture.menteeIds[0]!;
    const review = { schemaVersion: 1, applicationId: mentee, role: 'mentee', programYear: PROGRAM_YEAR, decision: 'withdrawn', decidedBy: APPLICANT, notes: [] };
    const store = createMemoryRecordsStore({ ...fixture.files, [`reviews/${PROGRAM_YEAR}/${mentee}.json`]: JSON.stringify(review) });
    const mailer = createRecordingMailer();
    const people = (await loadPairs(createMemoryRecordsStore(fixture.files), PROGRAM_YEAR)).active[0]!;
    const matches = await store.readFile(`matches/${PROGRAM_YEAR}.json`);
    const year = { ...settings, programYears: { ...settings.programYears, running: PROGRAM_YEAR } };

    const outcome = await endPair(
      { store, mailer, settings: year, siteUrl: TEST_SITE, sender: 'Mentoring <mentoring@example.org>', now: () => new Date('2026-11-10T12:00:00Z'), log: () => {} },
      { pairId: 'p-0001', people: { mentor: people.mentor, mentee: people.mentee }, fields: { reason: 'leaving', details: '', matchesSha: matches!.sha } },
    );
    expect(outcome).toEqual({ kind: 'ended', emails: 1 });
    expect(mailer.sent.map((email) => email.to)).toEqual([[people.mentor.email]]);
    const ended = JSON.parse((await store.readFile(`matches/${PROGRAM_YEAR}.json`))!.content).pairs[0];
    expect(ended).toMatchObject({ status: 'ended', ended: { emails: [{ role: 'mentor' }] } });
  });
});
