import { describe, expect, it } from 'vitest';
import { applicationRecord, matchesContent, mentorRecordAnswers, pairFixture, publishableTopic } from '../../../tests/servers/harness/mailingFixtures.ts';
import { TEST_SECRET, TEST_SITE, testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { RecordsUnavailableError } from '../records/ports.ts';
import { monthlyLedgerPath, monthlyLedgerSchema } from './ledger.ts';
import { batchKey, runMonthlyMailing } from './monthlyTopicService.ts';
import { PairsError } from './pairs.ts';
import { verifyCheckInLink, verifyPreferenceLink } from './signedLinks.ts';
import { createMemoryTopicsSource } from './topics.ts';

const YEAR = '2026-2027';
const MONTH = '2026-10';
const LEDGER = monthlyLedgerPath(YEAR, MONTH);
const ledgerOf = (ports: ReturnType<typeof testPorts>) => monthlyLedgerSchema.parse(JSON.parse(ports.records.files.get(LEDGER)!));
const addresses = (ports: ReturnType<typeof testPorts>) => ports.mailer.sent.filter((email) => email.subject.includes(' topic: ')).flatMap((email) => email.to);

function preference(personId: string, status: 'paused' | 'leaving' | 'receiving', role: 'mentor' | 'mentee' = 'mentee') {
  return {
    [`preferences/${YEAR}/${personId}.json`]: JSON.stringify({ schemaVersion: 1, programYear: YEAR, personId, role, status, updatedAt: '2026-09-20T10:00:00.000Z', history: [] }),
  };
}

describe('the monthly topic mailing', () => {
  it('sends one email per person in batches of at most 100, records each batch, and a second run sends nothing', async () => {
    const fixture = pairFixture(1000, 'thousand');
    const ports = testPorts(fixture.files);
    const result = await runMonthlyMailing(ports, { month: MONTH });
    expect(result).toMatchObject({ status: 'complete', sent: 2000, batches: 20 });
    expect(ports.mailer.batchCalls).toHaveLength(20);
    expect(ports.mailer.batchCalls.every((call) => call.size <= 100)).toBe(true);
    expect(new Set(addresses(ports)).size).toBe(2000);
    expect(addresses(ports)).toHaveLength(2000);

    const ledger = ledgerOf(ports);
    expect(ledger.batches).toHaveLength(20);
    expect(ledger.completedAt).not.toBeNull();
    expect(ledger.lease).toBeNull();
    // One commit per batch (the last one also marks the month complete), plus the lease.
    expect(ports.records.writes.filter((write) => write.path === LEDGER)).toHaveLength(21);
    // The ledger holds ids, never names or addresses.
    expect(ports.records.files.get(LEDGER)).not.toMatch(/@example\.org|Person/);

    const again = await runMonthlyMailing(ports, { month: MONTH });
    expect(again).toMatchObject({ status: 'complete', sent: 0 });
    expect(ports.mailer.sent).toHaveLength(2000);
  });

  it('derives each batch key from the month and exactly that batch’s recipients', async () => {
    const ports = testPorts(pairFixture(60, 'keys').files);
    await runMonthlyMailing(ports, { month: MONTH });
    const [first, second] = ledgerOf(ports).batches;
    expect(first!.idempotencyKey).toBe(
      batchKey(
        MONTH,
        first!.recipients.map((recipient) => recipient.person),
      ),
    );
    expect(second!.idempotencyKey).toBe(
      batchKey(
        MONTH,
        second!.recipients.map((recipient) => recipient.person),
      ),
    );
    expect(
      batchKey(
        '2026-11',
        first!.recipients.map((recipient) => recipient.person),
      ),
    ).not.toBe(first!.idempotencyKey);
  });

  it('puts the topic itself in the email, with its page, check-in links, both parts and one-click unsubscribe', async () => {
    const fixture = pairFixture(1, 'content');
    const ports = testPorts(fixture.files);
    await runMonthlyMailing(ports, { month: MONTH });
    const mentee = ports.mailer.sent.find((email) => email.to[0] === 'mentee0@example.org')!;
    expect(mentee.subject).toBe('October 2026 topic: Careers in technical services');
    const topic = publishableTopic(MONTH);
    for (const part of [mentee.text, mentee.html]) {
      expect(part).toContain(topic.topic.summary);
      expect(part).toContain(topic.topic.questions[0]);
      expect(part).toContain('https://www.nasig.org/');
      expect(part).toContain(`${TEST_SITE}/topics/${topic.id}/`);
      expect(part).toContain('Mentor Person 0');
    }
    expect(mentee.html).toContain('<strong>out of public view</strong>');
    expect(mentee.text).toContain('out of public view');
    expect(mentee.text).not.toContain('/evaluation/');

    const links = [...mentee.text.matchAll(/https:\/\/mentoring\.example\.org\/check-in\/\?token=([\w.-]+)/g)].map((match) => match[1]!);
    expect(links).toHaveLength(3);
    const claims = links.map((token) => verifyCheckInLink(token, TEST_SECRET, new Date('2026-10-02T15:00:00Z')));
    expect(claims.map((claim) => claim.ok && claim.claims.answer)).toEqual(['met', 'not-yet', 'need-help']);
    expect(claims[0]).toMatchObject({ ok: true, claims: { pairId: 'p-0001', personId: fixture.menteeIds[0], role: 'mentee', month: MONTH, programYear: YEAR } });

    const unsubscribe = mentee.headers!['List-Unsubscribe']!;
    expect(mentee.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const match = /^<(https:\/\/mentoring\.example\.org\/email-preferences\/\?token=([\w.-]+))>, <mailto:committee@nasig\.example\?subject=[^>]+>$/.exec(unsubscribe);
    expect(match).not.toBeNull();
    expect(verifyPreferenceLink(match![2], TEST_SECRET, new Date('2026-10-02T15:00:00Z'))).toMatchObject({ ok: true, claims: { personId: fixture.menteeIds[0], role: 'mentee' } });
    expect(mentee.text).toContain(match![1]);
  });

  it('sends a mentor with several mentees one email that names each, with check-in links per pair', async () => {
    const fixture = pairFixture(3, 'several');
    fixture.matches.pairs[1]!.mentor = fixture.mentorIds[0]!;
    const roomy = applicationRecord('mentor', fixture.mentorIds[0]!, mentorRecordAnswers(0, { capacity: 2 }));
    const ports = testPorts({ ...fixture.files, [roomy.path]: roomy.content, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    const result = await runMonthlyMailing(ports, { month: MONTH });
    expect(result).toMatchObject({ status: 'complete', sent: 5 });
    const toMentor = ports.mailer.sent.filter((email) => email.to[0] === 'mentor0@example.org');
    expect(toMentor).toHaveLength(1);
    expect(toMentor[0]!.text).toContain('your mentees Mentee Person 0 and Mentee Person 1');
    const pairIds = [...toMentor[0]!.text.matchAll(/check-in\/\?token=([\w.-]+)/g)].map((found) => {
      const verified = verifyCheckInLink(found[1], TEST_SECRET, new Date('2026-10-03T00:00:00Z'));
      return verified.ok ? verified.claims.pairId : null;
    });
    expect(pairIds).toEqual(['p-0001', 'p-0001', 'p-0001', 'p-0002', 'p-0002', 'p-0002']);
  });

  it('links to the evaluation forms in the program’s last month', async () => {
    const ports = testPorts(pairFixture(1, 'last').files);
    ports.setNow('2027-05-03T14:00:00Z');
    await runMonthlyMailing(ports, { month: '2027-05' });
    const mentor = ports.mailer.sent.find((email) => email.to[0] === 'mentor0@example.org')!;
    const mentee = ports.mailer.sent.find((email) => email.to[0] === 'mentee0@example.org')!;
    expect(mentor.text).toContain(`${TEST_SITE}/evaluation/mentor/`);
    expect(mentor.html).toContain(`${TEST_SITE}/evaluation/mentor/`);
    expect(mentee.text).toContain(`${TEST_SITE}/evaluation/mentee/`);
  });

  it('sends nothing to people who paused their emails or are leaving', async () => {
    const fixture = pairFixture(3, 'paused');
    const ports = testPorts({
      ...fixture.files,
      ...preference(fixture.menteeIds[0]!, 'paused'),
      ...preference(fixture.mentorIds[1]!, 'leaving', 'mentor'),
      ...preference(fixture.menteeIds[2]!, 'receiving'),
    });
    const result = await runMonthlyMailing(ports, { month: MONTH });
    expect(result).toMatchObject({ status: 'complete', sent: 4, counts: { people: 6, paused: 1, leaving: 1 } });
    expect(addresses(ports)).not.toContain('mentee0@example.org');
    expect(addresses(ports)).not.toContain('mentor1@example.org');
  });

  it('answers a dry run with counts and one preview, and sends and writes nothing', async () => {
    const ports = testPorts(pairFixture(150, 'dry').files);
    const result = await runMonthlyMailing(ports, { month: MONTH, dryRun: true });
    expect(result).toMatchObject({
      status: 'dry-run',
      topic: `${MONTH}-careers-in-technical-services`,
      counts: { pairs: 150, people: 300, toSend: 300, batches: 3, alreadySent: 0 },
    });
    expect(result.status === 'dry-run' && result.preview?.subject).toBe('October 2026 topic: Careers in technical services');
    expect(ports.mailer.sent).toHaveLength(0);
    expect(ports.records.writes).toHaveLength(0);
  });

  it('never sends an example or draft topic; the committee hears once a day that there is none', async () => {
    const ports = testPorts(pairFixture(2, 'example').files, {
      topics: createMemoryTopicsSource([publishableTopic(MONTH, { example: true }), { ...publishableTopic(MONTH, { draft: true }), id: '2026-10-draft' }]),
    });
    const result = await runMonthlyMailing(ports, { month: MONTH });
    expect(result).toMatchObject({ status: 'no-topic', committeeNotified: true });
    expect(ports.mailer.sent.map((email) => email.to[0])).toEqual(['committee@nasig.example']);
    expect(ports.mailer.sent[0]!.text).toContain('an example topic');
    await runMonthlyMailing(ports, { month: MONTH });
    expect(ports.mailer.sent).toHaveLength(1); // the same notice on the same day is not repeated
    expect(ports.records.writes).toHaveLength(0);
    await runMonthlyMailing(ports, { month: MONTH, dryRun: true });
    expect(ports.mailer.sent).toHaveLength(1);
  });

  it('stops before sending anything when the pairs cannot be used, and tells the committee', async () => {
    const fixture = pairFixture(3, 'broken');
    fixture.matches.pairs[2]!.mentee = fixture.menteeIds[0]!;
    const ports = testPorts({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(fixture.matches) });
    await expect(runMonthlyMailing(ports, { month: MONTH })).rejects.toBeInstanceOf(PairsError);
    expect(ports.mailer.sent.map((email) => email.to[0])).toEqual(['committee@nasig.example']);
    expect(ports.mailer.sent[0]!.text).not.toContain('Mentee Person');
    expect(ports.records.writes).toHaveLength(0);
  });

  it('stops at a daily quota with the ledger up to date, and the next run sends only the rest', async () => {
    const ports = testPorts(pairFixture(250, 'quota').files);
    const sendBatch = ports.mailer.sendBatch.bind(ports.mailer);
    let calls = 0;
    ports.mailer.sendBatch = async (emails, options) => {
      calls += 1;
      if (calls === 3) ports.mailer.failNext(1);
      return sendBatch(emails, options);
    };
    const first = await runMonthlyMailing(ports, { month: MONTH });
    expect(first).toMatchObject({ status: 'stopped', sent: 200, remaining: 300, retryable: true });
    expect(ledgerOf(ports)).toMatchObject({ completedAt: null, lease: null });
    expect(ledgerOf(ports).batches).toHaveLength(2);
    const notice = ports.mailer.sent.find((email) => email.to[0] === 'committee@nasig.example')!;
    expect(notice.subject).toBe('The October 2026 topic email stopped part way');
    expect(notice.text).toContain('200 email(s) went out in this run; 300 did not yet.');

    const second = await runMonthlyMailing(ports, { month: MONTH });
    expect(second).toMatchObject({ status: 'complete', sent: 300, batches: 3 });
    expect(addresses(ports)).toHaveLength(500);
    expect(new Set(addresses(ports)).size).toBe(500);
  });

  it('after a crash part way, a re-run sends the rest exactly once', async () => {
    const ports = testPorts(pairFixture(300, 'crash').files);
    ports.mailer.crashAfterBatches(3);
    await expect(runMonthlyMailing(ports, { month: MONTH })).rejects.toThrow('simulated crash');
    expect(ports.mailer.sent).toHaveLength(300);
    expect(ledgerOf(ports).lease).toBeNull(); // released on the way out
    ports.mailer.crashAfterBatches(Number.POSITIVE_INFINITY);
    await expect(runMonthlyMailing(ports, { month: MONTH })).resolves.toMatchObject({ status: 'complete', sent: 300 });
    expect(addresses(ports)).toHaveLength(600);
    expect(new Set(addresses(ports)).size).toBe(600);
  });

  it('after a crash between a batch and its ledger entry, the re-run repeats that batch’s key and nobody gets two', async () => {
    const ports = testPorts(pairFixture(150, 'gap').files);
    const sendBatch = ports.mailer.sendBatch.bind(ports.mailer);
    let calls = 0;
    ports.mailer.sendBatch = async (emails, options) => {
      const answer = await sendBatch(emails, options);
      calls += 1;
      if (calls === 2) ports.records.failWrites(/monthly-topic/, new RecordsUnavailableError('GitHub is down'), 2);
      return answer;
    };
    await expect(runMonthlyMailing(ports, { month: MONTH })).rejects.toBeInstanceOf(RecordsUnavailableError);
    expect(ledgerOf(ports).batches).toHaveLength(1);
    expect(addresses(ports)).toHaveLength(200);
    const lease = ledgerOf(ports).lease!;
    ports.setNow(new Date(Date.parse(lease.until) + 1000).toISOString()); // the stranded lease lapses

    await expect(runMonthlyMailing(ports, { month: MONTH })).resolves.toMatchObject({ status: 'complete', sent: 200 });
    expect(ports.mailer.batchCalls.filter((call) => call.replayed)).toHaveLength(1);
    expect(addresses(ports)).toHaveLength(300);
    expect(new Set(addresses(ports)).size).toBe(300);
  });

  it('sends nothing while another run holds the lease', async () => {
    const ports = testPorts(pairFixture(2, 'lease').files);
    ports.records.files.set(
      LEDGER,
      JSON.stringify({
        schemaVersion: 1,
        kind: 'monthly-topic',
        programYear: YEAR,
        month: MONTH,
        batches: [],
        completedAt: null,
        matchesSha: null,
        lease: { runId: 'other', until: '2026-10-02T14:10:00.000Z' },
      }),
    );
    expect(await runMonthlyMailing(ports, { month: MONTH })).toMatchObject({ status: 'already-running' });
    expect(ports.mailer.sent).toHaveLength(0);
  });

  it('refuses a month that has not begun (a dry run may preview it) and months outside the program', async () => {
    const ports = testPorts(pairFixture(1, 'future').files);
    expect(await runMonthlyMailing(ports, { month: '2026-11' })).toMatchObject({ status: 'not-yet' });
    expect(await runMonthlyMailing(ports, { month: '2026-11', dryRun: true })).toMatchObject({ status: 'no-topic' });
    expect(await runMonthlyMailing(ports, { month: '2026-07' })).toMatchObject({ status: 'outside-program' });
    expect(ports.mailer.sent).toHaveLength(0);
  });

  it('sends a new pair this month’s topic after the month was complete (a rematch)', async () => {
    const fixture = pairFixture(3, 'late');
    const firstTwo = { ...fixture.matches, pairs: fixture.matches.pairs.slice(0, 2) };
    const ports = testPorts({ ...fixture.files, [`matches/${YEAR}.json`]: matchesContent(firstTwo) });
    await runMonthlyMailing(ports, { month: MONTH });
    expect(ports.mailer.sent).toHaveLength(4);
    ports.records.files.set(`matches/${YEAR}.json`, matchesContent(fixture.matches));
    expect(await runMonthlyMailing(ports, { month: MONTH })).toMatchObject({ status: 'complete', sent: 2 });
    expect(
      ports.mailer.sent
        .slice(4)
        .map((email) => email.to[0])
        .sort(),
    ).toEqual(['mentee2@example.org', 'mentor2@example.org']);
  });
});
