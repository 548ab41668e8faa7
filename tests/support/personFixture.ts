/**
 * A fixture year with one person in every folder (test support for the privacy tests and the
 * browser spec): three pairs of 2026-2027 from the mailing fixtures, and for the first mentee
 * (mentee0@example.org) an evaluation, a message, a check-in, a preference, a review, notes on
 * their message and their pair, a lock in the constraints, a proposal, a ledger entry, and a
 * second application for 2027-2028. Their partner and the others must come through untouched.
 */
import { applicationRecord, menteeRecordAnswers, mentorRecordAnswers, pairFixture, stableUuid } from '../servers/harness/mailingFixtures.ts';

export const PERSON_EMAIL = 'mentee0@example.org';

export function personFixture(seed = 'privacy', options: { email?: string; firstYear?: number } = {}) {
  const email = options.email ?? PERSON_EMAIL;
  const first = options.firstYear ?? 2026;
  const year = `${first}-${first + 1}`;
  const next = `${first + 1}-${first + 2}`;
  const pairs = pairFixture(3, seed, year);
  // The person: the first mentee, at `email`.
  const personPath = `applications/${year}/mentee/${pairs.menteeIds[0]!}.json`;
  pairs.files[personPath] = applicationRecord('mentee', pairs.menteeIds[0]!, menteeRecordAnswers(0, { email }), year).content;
  const person = pairs.menteeIds[0]!;
  const partner = pairs.mentorIds[0]!;
  const pairId = pairs.matches.pairs[0]!.id;
  const messageId = stableUuid(`${seed}/message`);
  const evaluationId = stableUuid(`${seed}/evaluation`);
  const otherMessageId = stableUuid(`${seed}/other-message`);
  const laterApplication = stableUuid(`${seed}/later`);
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const later = applicationRecord('mentee', laterApplication, menteeRecordAnswers(0, { email }), next);
  const laterMentor = applicationRecord('mentor', stableUuid(`${seed}/later-mentor`), mentorRecordAnswers(7, { capacity: '2' }), next);
  const laterMentee = applicationRecord('mentee', stableUuid(`${seed}/later-mentee`), menteeRecordAnswers(8), next);
  const envelope = (type: string, id: string, answers: Record<string, unknown>, role?: string) =>
    json({ schemaVersion: 1, id, type, ...(role ? { role } : {}), programYear: year, submittedAt: '2027-05-20T12:00:00.000Z', answers });
  const files: Record<string, string> = {
    ...pairs.files,
    [later.path]: later.content,
    [laterMentor.path]: laterMentor.content,
    [laterMentee.path]: laterMentee.content,
    [`evaluations/${year}/mentee/${evaluationId}.json`]: envelope(
      'evaluation',
      evaluationId,
      { name: 'Mentee Person 0', email: email.toUpperCase(), overall: 'Very good' },
      'mentee',
    ),
    [`messages/${year}/${messageId}.json`]: envelope('message', messageId, { name: 'Mentee Person 0', email, subject: 'help', message: 'Our meetings stopped.' }),
    [`messages/${year}/${otherMessageId}.json`]: envelope('message', otherMessageId, {
      name: 'Mentor Person 1',
      email: 'mentor1@example.org',
      subject: 'help',
      message: 'All fine.',
    }),
    [`check-ins/${year}/2026-10/${pairId}-mentee.json`]: json({
      schemaVersion: 1,
      programYear: year,
      month: '2026-10',
      pairId,
      personId: person,
      role: 'mentee',
      answer: 'need-help',
      note: 'We have not met.',
      recordedAt: '2026-10-05T12:00:00.000Z',
    }),
    [`check-ins/${year}/2026-10/${pairId}-mentor.json`]: json({
      schemaVersion: 1,
      programYear: year,
      month: '2026-10',
      pairId,
      personId: partner,
      role: 'mentor',
      answer: 'met',
      recordedAt: '2026-10-05T12:00:00.000Z',
    }),
    [`preferences/${year}/${person}.json`]: json({
      schemaVersion: 1,
      programYear: year,
      personId: person,
      role: 'mentee',
      status: 'paused',
      updatedAt: '2026-11-01T12:00:00.000Z',
      history: [{ status: 'paused', at: '2026-11-01T12:00:00.000Z', via: 'page' }],
    }),
    [`reviews/${year}/${person}.json`]: json({
      schemaVersion: 1,
      applicationId: person,
      role: 'mentee',
      programYear: year,
      decision: 'eligible',
      notes: [{ at: '2026-07-20T12:00:00.000Z', by: 'jdoe', text: 'Strong application.' }],
    }),
    [`reviews/${year}/${partner}.json`]: json({ schemaVersion: 1, applicationId: partner, role: 'mentor', programYear: year, decision: 'eligible', notes: [] }),
    [`notes/${year}/${messageId}.json`]: json({ schemaVersion: 1, recordId: messageId, handled: true, note: 'Called her.' }),
    [`notes/${year}/${pairId}.json`]: json({ schemaVersion: 1, recordId: pairId, handled: false, note: 'Watch this pair.' }),
    [`matching/${year}/constraints.json`]: json({
      locked: [{ mentor: partner, mentee: person, note: 'Asked for each other.' }],
      exclude: [{ mentor: pairs.mentorIds[1]!, mentee: pairs.menteeIds[2]!, reason: 'Same library.' }],
    }),
    [`matching/${year}/proposals/20260801-120000.md`]: `# Proposal\n\n- Mentor Person 0 with Mentee Person 0 (${person})\n`,
    [`matching/${year}/proposals/20260801-120000.json`]: json({ pairs: [{ mentor: partner, mentee: person }] }),
    [`matching/${year}/proposals/20260701-120000.md`]: '# An older proposal naming nobody in particular\n',
    [`mailings/${year}/2026-10-monthly-topic.json`]: json({
      schemaVersion: 1,
      kind: 'monthly-topic',
      programYear: year,
      month: '2026-10',
      batches: [
        {
          idempotencyKey: 'k1',
          sentAt: '2026-10-01T13:00:00.000Z',
          topic: '2026-10-careers-in-technical-services',
          recipients: [
            { person, role: 'mentee', emailId: 'e-1' },
            { person: partner, role: 'mentor', emailId: 'e-2' },
          ],
        },
      ],
      completedAt: null,
      matchesSha: null,
      lease: null,
    }),
  };
  return { files, email, year, next, person, partner, pairId, messageId, evaluationId, otherMessageId, laterApplication, pairs };
}
