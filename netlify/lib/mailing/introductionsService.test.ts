import { describe, expect, it } from 'vitest';
import { applicationRecord, matchesContent, menteeRecordAnswers, pairFixture, stableUuid } from '../../../tests/servers/harness/mailingFixtures.ts';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { settings } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { introductionsLedgerPath, introductionsLedgerSchema } from './ledger.ts';
import { runIntroductions } from './introductionsService.ts';

const YEAR = '2026-2027';

describe('introductions', () => {
  it('introduce each pair once: the mentor gets the mentee’s details and answers, the mentee the mentor’s, both first steps', async () => {
    const fixture = pairFixture(2, 'intro');
    const ports = testPorts(fixture.files);
    const result = await runIntroductions(ports, { programYear: YEAR });
    expect(result).toMatchObject({ status: 'complete', pairs: { active: 2, introduced: 2 }, emails: 4 });

    const toMentor = ports.mailer.sent.find((email) => email.to[0] === 'mentor0@example.org')!;
    expect(toMentor.subject).toBe('Meet your mentee: Mentee Person 0');
    expect(toMentor.text).toContain('Email: mentee0@example.org');
    expect(toMentor.text).toContain('Find out which area of technical services suits me'); // the mentee's goals
    expect(toMentor.text).toContain('Career stage: Library or information science student');
    expect(toMentor.text).not.toContain('I agree'); // agreements are not answers
    expect(toMentor.html).toContain('href="mailto:mentee0@example.org"');
    expect(toMentor.text).toContain('Write to your mentee this week.'); // content/settings.yaml → introductionEmails
    expect(toMentor.html).toContain('<strong>Write to your mentee this week.</strong>');
    expect(toMentor.html).toContain('href="https://mentoring.example.org/mentors/"');

    const toMentee = ports.mailer.sent.find((email) => email.to[0] === 'mentee0@example.org')!;
    expect(toMentee.subject).toBe('Meet your mentor: Mentor Person 0');
    expect(toMentee.text).toContain('Email: mentor0@example.org');
    expect(toMentee.text).toContain('Look out for a message from your mentor'); // content/settings.yaml → introductionEmails
    expect(toMentee.text).toContain('https://mentoring.example.org/mentees/');
    expect(toMentee.text).not.toContain('licensing and usage statistics'); // the mentor's goals stay private

    const ledger = introductionsLedgerSchema.parse(JSON.parse(ports.records.files.get(introductionsLedgerPath(YEAR))!));
    expect(ledger.batches[0]!.pairs.map((entry) => entry.pair)).toEqual(['p-0001', 'p-0002']);
    expect(JSON.stringify(ledger)).not.toMatch(/@example\.org/);
  });

  it('are not repeated, and a rematch introduces only the new pair', async () => {
    const fixture = pairFixture(3, 'rematch');
    const ports = testPorts(fixture.files);
    await runIntroductions(ports, { programYear: YEAR });
    expect(ports.mailer.sent).toHaveLength(6);
    expect(await runIntroductions(ports, { programYear: YEAR })).toMatchObject({ status: 'complete', emails: 0, pairs: { alreadyIntroduced: 3 } });
    expect(ports.mailer.sent).toHaveLength(6);

    // Pair 1 ends; its mentee is matched with mentor 2's free place... here: with a new mentor.
    const newMentor = stableUuid('rematch/new-mentor');
    const mentorFile = applicationRecord('mentor', newMentor, {
      ...JSON.parse(fixture.files[`applications/${YEAR}/mentor/${fixture.mentorIds[0]}.json`]!).answers,
      name: 'New Mentor',
      email: 'new.mentor@example.org',
    });
    ports.records.files.set(mentorFile.path, mentorFile.content);
    fixture.matches.pairs[0]!.status = 'ended';
    fixture.matches.pairs.push({ id: 'p-0004', mentor: newMentor, mentee: fixture.menteeIds[0]!, status: 'active', since: '2026-11-02' });
    ports.records.files.set(`matches/${YEAR}.json`, matchesContent(fixture.matches));
    expect(await runIntroductions(ports, { programYear: YEAR })).toMatchObject({ pairs: { introduced: 1 }, emails: 2 });
    expect(
      ports.mailer.sent
        .slice(6)
        .map((email) => email.to[0])
        .sort(),
    ).toEqual(['mentee0@example.org', 'new.mentor@example.org']);
  });

  it('answer a dry run with counts and a preview, sending and writing nothing', async () => {
    const ports = testPorts(pairFixture(2, 'dry').files);
    const result = await runIntroductions(ports, { programYear: YEAR, dryRun: true });
    expect(result).toMatchObject({ status: 'dry-run', pairs: { toIntroduce: 2, introduced: 0 } });
    expect(result.preview?.mentor.subject).toBe('Meet your mentee: Mentee Person 0');
    expect(ports.mailer.sent).toHaveLength(0);
    expect(ports.records.writes).toHaveLength(0);
  });

  it('use built-in first steps when the settings give none', async () => {
    const ports = testPorts(pairFixture(1, 'guidance').files, { settings: { ...settings, introductionEmails: {} } });
    await runIntroductions(ports, { programYear: YEAR });
    expect(ports.mailer.sent.find((email) => email.to[0] === 'mentor0@example.org')!.text).toContain('Make the first move.');
    expect(ports.mailer.sent.find((email) => email.to[0] === 'mentee0@example.org')!.text).toContain('Reply when your mentor writes.');
  });

  it('give people already matched their first steps, never the applicants’ steps (“apply using the form”)', async () => {
    const ports = testPorts(pairFixture(1, 'matched').files);
    await runIntroductions(ports, { programYear: YEAR });
    expect(ports.mailer.sent).toHaveLength(2);
    for (const email of ports.mailer.sent) {
      const steps = email.text.slice(email.text.indexOf('First steps'));
      expect(steps).not.toMatch(/\bapply\b|application form|mentor form|mentee form/i);
      expect(steps).toMatch(/^Everything (mentors|mentees) commit to for the year: https:\/\/mentoring\.example\.org\/(mentors|mentees)\/$/m);
    }
  });

  it('send unmatched mentees a kind note once, on the chair’s command only', async () => {
    const fixture = pairFixture(2, 'unmatched');
    const files = { ...fixture.files };
    const lonely = stableUuid('unmatched/lonely');
    const lonelyLater = stableUuid('unmatched/lonely-again');
    const earlierOfPaired = stableUuid('unmatched/paired-earlier');
    for (const [id, answers, submittedAt] of [
      [lonely, menteeRecordAnswers(10, { email: 'lonely@example.org' }), '2026-07-01T12:00:00.000Z'],
      [lonelyLater, menteeRecordAnswers(10, { email: 'Lonely@example.org' }), '2026-07-03T12:00:00.000Z'],
      [earlierOfPaired, menteeRecordAnswers(0), '2026-06-20T12:00:00.000Z'], // the same person as a paired mentee
    ] as const) {
      const record = applicationRecord('mentee', id, answers);
      files[record.path] = record.content.replace('2026-07-01T12:00:00.000Z', submittedAt);
    }
    const ports = testPorts(files);
    await runIntroductions(ports, { programYear: YEAR });
    expect(ports.mailer.sent.map((email) => email.to[0])).not.toContain('lonely@example.org');

    const result = await runIntroductions(ports, { programYear: YEAR, unmatched: true });
    expect(result).toMatchObject({ unmatched: { mentees: 1, notified: 1 }, emails: 1 });
    const note = ports.mailer.sent.at(-1)!;
    expect(note.to).toEqual(['Lonely@example.org']);
    expect(note.text).toContain('could not match you with a mentor');
    expect(await runIntroductions(ports, { programYear: YEAR, unmatched: true })).toMatchObject({ unmatched: { notified: 0, alreadyNotified: 1 }, emails: 0 });
  });
});
