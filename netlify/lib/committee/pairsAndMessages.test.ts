/**
 * The pairs and messages pages through the workspace's handler, on a real local git records
 * store holding a fixture year whose answers are known (tests/fixtures/pairsYear.ts): the
 * attention list, one pair in full, ending a pair (preview, confirmation, both emails, one
 * commit, never twice), marking a message handled (a note of its own), and stale forms that
 * change nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countingReads, WORKSPACE_SITE as SITE, workspaceClient, workspaceTestPorts } from '../../../tests/servers/harness/workspaceHarness.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchesFileSchema } from '../../../src/schemas/record.ts';
import { FIXTURE_MESSAGE_ID, type PairsYearFixture, writePairsYear } from '../../../tests/fixtures/pairsYear.ts';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { endedMatches } from '../pairs/endPair.ts';
import { createLocalGitRecordsStore } from '../records/localGitRecordsStore.ts';
import type { RecordsStore } from '../records/ports.ts';
import type { WorkspacePorts } from './ports.ts';

let dir: string;
let records: RecordsStore;
let ports: WorkspacePorts;
let mailing: ReturnType<typeof testPorts>;
let fixture: PairsYearFixture;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pairs-records-'));
  records = createLocalGitRecordsStore({ dir, log: () => {} });
  mailing = testPorts();
  fixture = await writePairsYear(records, mailing.settings);
  ports = workspaceTestPorts({ records, mailing, now: () => new Date('2027-06-15T16:00:00Z') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const { get, post } = workspaceClient(() => ports);
const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const commitCount = () => Number(git('rev-list', '--count', 'HEAD'));
const hiddenValue = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';
const readMatches = async () => matchesFileSchema.parse(JSON.parse((await records.readFile(fixture.matchesPath))!.content));
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

describe('ending a pair with someone who has withdrawn', () => {
  it('previews, and offers to send, only the partner’s email', async () => {
    const { mentee, mentor } = fixture.pairs.quiet;
    const review = { schemaVersion: 1, applicationId: mentee.id, role: 'mentee', programYear: fixture.year, decision: 'withdrawn', notes: [] };
    await records.createFile(`reviews/${fixture.year}/${mentee.id}.json`, `${JSON.stringify(review)}\n`, 'Withdrawn');
    const form = await (await get('/committee/pairs/p-quiet/')).text();
    const preview = await (await post('/committee/pairs/p-quiet/', { intent: 'preview', reason: 'leaving', matchesSha: hiddenValue(form, 'matchesSha') })).text();
    expect(preview).toContain(`To the mentor: ${mentor.email}`);
    expect(preview).not.toContain(`To the mentee: ${mentee.email}`);
    expect(preview).toContain('End the pair and send the email to the mentor</button>');
  });
});

describe('before there are any pairs or messages', () => {
  it('the pairs and messages pages each say so in a plain sentence, and what happens next', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pairs-empty-'));
    try {
      ports = workspaceTestPorts({ records: createLocalGitRecordsStore({ dir: empty, log: () => {} }), mailing, now: () => new Date('2027-06-15T16:00:00Z') });
      const year = mailing.settings.programYears.running;
      const pairs = await get('/committee/pairs/');
      expect(pairs.status).toBe(200);
      const pairsPage = await pairs.text();
      expect(pairsPage).toContain(
        `There are no pairs for ${year} yet. Pairs appear here once the committee accepts a matching proposal in <a href="/committee/matching/?year=${year}">Matching</a>.`,
      );
      expect(pairsPage).not.toContain('<table');
      expect(pairsPage).not.toContain('0 active pairs');
      const messages = await get('/committee/messages/');
      expect(messages.status).toBe(200);
      const messagesPage = await messages.text();
      expect(messagesPage).toContain(`There are no messages for ${year} yet. When someone writes to the committee from the contact page`);
      expect(messagesPage).not.toContain('<table');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('pairs and check-ins', () => {
  it('lists the pairs needing attention first, each with why, and the rest after', async () => {
    const response = await get('/committee/pairs/');
    expect(response.status).toBe(200);
    const page = await response.text();
    const [attention, rest] = page.split('<caption class="table-caption">Other pairs (');
    for (const id of ['p-help', 'p-quiet', 'p-leaving', 'p-message']) expect(attention).toContain(`/committee/pairs/${id}/`);
    expect(attention).not.toContain('/committee/pairs/p-fine/');
    expect(rest).toContain('/committee/pairs/p-fine/');
    expect(page).toContain('Pairs needing attention (4)');
    expect(attention).toContain('The mentee answered “We need help” for May 2027.');
    expect(attention).toContain('No “We met” in April 2027 or May 2027.');
    expect(attention).toContain('The mentor said they are leaving the program.');
    expect(attention).toContain('A message from the mentee is not yet handled.');
    // Every program month is a column, with both answers (or none).
    expect(page).toContain('<th scope="col">September 2026</th>');
    expect(page).toContain('<th scope="col">May 2027</th>');
    expect(page).toContain('No answer');
  });

  it('shows one pair in full: both people with links, the check-ins month by month, messages and introductions', async () => {
    const pair = fixture.pairs.message;
    const page = await (await get('/committee/pairs/p-message/')).text();
    expect(page).toContain(`/committee/applications/${pair.mentee.id}/?year=${fixture.year}`);
    expect(page).toContain(`/committee/applications/${pair.mentor.id}/?year=${fixture.year}`);
    expect(page).toContain('Check-ins month by month');
    expect(page).toContain(`/committee/messages/${FIXTURE_MESSAGE_ID}/`);
    expect(page).toContain('Not handled');
    expect(page).toContain('Not introduced yet.');
    expect((await get('/committee/pairs/p-nothing/')).status).toBe(404);
  });
});

describe('reading the records once', () => {
  it('a pair’s page, its answer to a preview form and the introductions page each read the matches file and the ledger once', async () => {
    const counting = countingReads(records);
    ports = workspaceTestPorts({ records: counting.store, mailing, now: () => new Date('2027-06-15T16:00:00Z') });
    const matches = `readFile ${fixture.matchesPath}`;
    const once = async (answer: () => Promise<Response>, ledgerReads: number) => {
      counting.reads.length = 0;
      expect((await answer()).status).toBe(200);
      expect({ matches: counting.timesRead(matches), applications: counting.timesRead(`readFolder applications/${fixture.year}`) }).toEqual({ matches: 1, applications: 1 });
      expect(counting.timesRead(`readFile mailings/${fixture.year}/introductions.json`)).toBe(ledgerReads);
    };
    await once(() => get('/committee/pairs/p-quiet/'), 1);
    const form = await (await get('/committee/pairs/p-quiet/')).text();
    await once(() => post('/committee/pairs/p-quiet/', { intent: 'preview', reason: 'no-contact', matchesSha: hiddenValue(form, 'matchesSha') }), 1);
    counting.reads.length = 0;
    expect((await get(`/committee/mailings/?year=${fixture.year}`)).status).toBe(200);
    expect(counting.timesRead(matches)).toBe(1);
    expect(counting.timesRead(`readFile mailings/${fixture.year}/introductions.json`)).toBe(1);
  });
});

describe('ending a pair', () => {
  it('asks for a reason, shows both emails, asks for the confirmation, then ends it in one commit and emails both, once', async () => {
    const { mentee, mentor } = fixture.pairs.quiet;
    const form = await (await get('/committee/pairs/p-quiet/')).text();
    const matchesSha = hiddenValue(form, 'matchesSha');
    const before = commitCount();

    const noReason = await post('/committee/pairs/p-quiet/', { intent: 'preview', matchesSha });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('<a href="#reason">Choose why the pair is ending.</a>');
    const noDetails = await post('/committee/pairs/p-quiet/', { intent: 'preview', reason: 'other', details: ' ', matchesSha });
    expect(await noDetails.text()).toContain('<a href="#details">Say why the pair is ending.</a>');

    const preview = await post('/committee/pairs/p-quiet/', { intent: 'preview', reason: 'no-contact', details: 'Tried twice since January', matchesSha });
    expect(preview.status).toBe(200);
    const previewPage = await preview.text();
    expect(previewPage).toContain(`To the mentee: ${mentee.email}`);
    expect(previewPage).toContain(`To the mentor: ${mentor.email}`);
    expect(previewPage).toContain('We will look for another mentor for you');
    expect(previewPage).not.toContain('Tried twice since January</pre>');
    const unconfirmed = await post('/committee/pairs/p-quiet/', { intent: 'end', reason: 'no-contact', details: 'Tried twice since January', matchesSha });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Tick the box to confirm');
    expect(commitCount()).toBe(before);
    expect(mailing.mailer.sent).toHaveLength(0);

    const ended = await post('/committee/pairs/p-quiet/', { intent: 'end', reason: 'no-contact', details: 'Tried twice since January', matchesSha, confirm: 'yes' });
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toBe('/committee/pairs/p-quiet/?done=ended');
    expect(commitCount()).toBe(before + 1);
    expect(git('log', '-1', '--format=%s')).toBe(`End pair p-quiet for ${fixture.year} (both told by email), by jdoe`);
    expect(mailing.mailer.sent.map((email) => email.to[0])).toEqual([mentee.email, mentor.email]);
    expect(mailing.mailer.sent.every((email) => !email.text.includes('Tried twice'))).toBe(true);
    const pair = (await readMatches()).pairs.find((each) => each.id === 'p-quiet')!;
    expect(pair).toMatchObject({
      status: 'ended',
      mentor: mentor.id,
      mentee: mentee.id,
      ended: { on: '2027-06-15', reason: 'They have not been able to meet: Tried twice since January' },
    });
    expect(pair.ended?.emails?.map((email) => email.role)).toEqual(['mentee', 'mentor']);
    expect((await readMatches()).pairs).toHaveLength(5);

    const after = await (await get('/committee/pairs/p-quiet/?done=ended')).text();
    expect(after).toContain('The pair was ended and both of them were sent the email.');
    expect(after).toContain(`href="/committee/matching/?year=${fixture.year}"`);
    expect(after).not.toContain('Preview the emails');

    // A repeat of the same form sends nothing and changes nothing.
    const repeat = await post('/committee/pairs/p-quiet/', { intent: 'end', reason: 'no-contact', matchesSha, confirm: 'yes' });
    expect(repeat.status).toBe(409);
    expect(await repeat.text()).toContain('Nothing was changed');
    expect(mailing.mailer.sent).toHaveLength(2);
    expect(commitCount()).toBe(before + 1);
  });

  it('leaves the mentee to match again, and the next proposal never pairs the two again', async () => {
    const { mentee, mentor } = fixture.pairs.quiet;
    const form = await (await get('/committee/pairs/p-quiet/')).text();
    expect((await post('/committee/pairs/p-quiet/', { intent: 'end', reason: 'not-working', matchesSha: hiddenValue(form, 'matchesSha'), confirm: 'yes' })).status).toBe(303);
    const proposed = await post(`/committee/matching/?year=${fixture.year}`, { intent: 'propose' });
    expect(proposed.status).toBe(303);
    const stamp = new URL(proposed.headers.get('location')!, SITE).searchParams.get('proposal')!;
    const proposal = JSON.parse((await records.readFile(`matching/${fixture.year}/proposals/${stamp}.json`))!.content) as {
      pairs: Array<{ mentor: string; mentee: string }>;
      unmatched: Array<{ mentee: string }>;
    };
    expect(proposal.pairs.some((pair) => pair.mentor === mentor.id && pair.mentee === mentee.id)).toBe(false);
    expect([...proposal.pairs.map((pair) => pair.mentee), ...proposal.unmatched.map((entry) => entry.mentee)]).toContain(mentee.id);
  });

  it('refuses a stale form (the matches file changed since): nothing written, nothing sent', async () => {
    const form = await (await get('/committee/pairs/p-help/')).text();
    const staleSha = hiddenValue(form, 'matchesSha');
    const fresh = await (await get('/committee/pairs/p-leaving/')).text();
    expect((await post('/committee/pairs/p-leaving/', { intent: 'end', reason: 'leaving', matchesSha: hiddenValue(fresh, 'matchesSha'), confirm: 'yes' })).status).toBe(303);
    const sent = mailing.mailer.sent.length;
    const before = commitCount();
    const matchesBefore = (await records.readFile(fixture.matchesPath))!.sha;

    const stale = await post('/committee/pairs/p-help/', { intent: 'end', reason: 'not-working', matchesSha: staleSha, confirm: 'yes' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Nothing was changed and no email was sent.');
    const stalePreview = await post('/committee/pairs/p-help/', { intent: 'preview', reason: 'not-working', matchesSha: staleSha });
    expect(stalePreview.status).toBe(409);
    expect(commitCount()).toBe(before);
    expect(mailing.mailer.sent).toHaveLength(sent);
    expect((await records.readFile(fixture.matchesPath))!.sha).toBe(matchesBefore);
    expect((await readMatches()).pairs.find((each) => each.id === 'p-help')?.status).toBe('active');
  });

  it('keeps matches files without an end valid, and records an end without deleting the pair', () => {
    const old = matchesFileSchema.parse({
      programYear: '2026-2027',
      pairs: [{ id: 'a', mentor: fixture.mentors[0]!.id, mentee: fixture.mentees[0]!.id, status: 'active', since: '2026-08-20' }],
    });
    const next = endedMatches(old, 'a', { on: '2027-01-02', reason: 'The pairing is not working out', emails: [] });
    expect(next.pairs).toEqual([{ ...old.pairs[0], status: 'ended', ended: { on: '2027-01-02', reason: 'The pairing is not working out', emails: [] } }]);
    expect(() => endedMatches(next, 'a', { on: '2027-01-03', reason: 'again', emails: [] })).toThrow('not active');
  });
});

describe('messages', () => {
  it('lists the messages and leaving answers newest first, the unhandled ones marked, and shows one', async () => {
    const page = await (await get('/committee/messages/')).text();
    expect(page).toContain('Messages, newest first: 2, 2 not yet handled');
    const leaver = fixture.pairs.leaving.mentor;
    expect(page.indexOf(`/committee/messages/${leaver.id}/`)).toBeLessThan(page.indexOf(`/committee/messages/${FIXTURE_MESSAGE_ID}/`));
    const one = await (await get(`/committee/messages/${FIXTURE_MESSAGE_ID}/`)).text();
    expect(one).toContain('My mentor and I have very different hopes for the year.');
    expect(one).toContain('My match is not working out');
    expect(one).toContain('Mark as handled');
    const leaving = await (await get(`/committee/messages/${leaver.id}/`)).text();
    expect(leaving).toContain(`${escaped(leaver.name)} is leaving`);
    expect(leaving).toContain('I am moving to a new job');
    expect((await get('/committee/messages/0f0e0d0c-0b0a-4000-8000-00000000ffff/')).status).toBe(404);
  });

  it('marks a message handled with a note of its own, in one commit, leaving the message as sent; the pair no longer needs attention for it', async () => {
    const messagePath = `messages/${fixture.year}/${FIXTURE_MESSAGE_ID}.json`;
    const message = (await records.readFile(messagePath))!;
    const form = await (await get(`/committee/messages/${FIXTURE_MESSAGE_ID}/`)).text();
    const before = commitCount();
    const empty = await post(`/committee/messages/${FIXTURE_MESSAGE_ID}/`, { note: '  ', noteSha: hiddenValue(form, 'noteSha') });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('<a href="#note">Write a short note on what was done.</a>');
    expect(commitCount()).toBe(before);

    const done = await post(`/committee/messages/${FIXTURE_MESSAGE_ID}/`, { note: 'Phoned the mentee; talking to the mentor next week.', noteSha: hiddenValue(form, 'noteSha') });
    expect(done.status).toBe(303);
    expect(commitCount()).toBe(before + 1);
    expect(git('log', '-1', '--format=%s')).toBe(`Mark message ${FIXTURE_MESSAGE_ID} handled (${fixture.year}), by jdoe`);
    const note = JSON.parse((await records.readFile(`notes/${fixture.year}/${FIXTURE_MESSAGE_ID}.json`))!.content);
    expect(note).toMatchObject({ recordId: FIXTURE_MESSAGE_ID, kind: 'message', handled: true, handledBy: 'jdoe', note: 'Phoned the mentee; talking to the mentor next week.' });
    expect((await records.readFile(messagePath))!.sha).toBe(message.sha);
    const page = await (await get(`/committee/messages/${FIXTURE_MESSAGE_ID}/?done=handled`)).text();
    expect(page).toContain('The message was marked as handled.');
    expect(page).not.toContain('Mark as handled</button>');
    expect(await (await get('/committee/messages/')).text()).toContain('2, 1 not yet handled');
    expect(await (await get('/committee/pairs/')).text()).not.toContain('A message from the mentee is not yet handled.');
  });

  it('refuses a stale “handled” form: the first note stays, nothing is written', async () => {
    const id = fixture.pairs.leaving.mentor.id;
    const form = await (await get(`/committee/messages/${id}/`)).text();
    const noteSha = hiddenValue(form, 'noteSha');
    expect((await post(`/committee/messages/${id}/`, { note: 'Emailed the mentor; rematching the mentee.', noteSha })).status).toBe(303);
    const before = commitCount();
    const stale = await post(`/committee/messages/${id}/`, { note: 'A second note from another tab.', noteSha });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain('Nothing was changed');
    expect(page).toContain('Emailed the mentor; rematching the mentee.');
    expect(commitCount()).toBe(before);
    expect(JSON.parse((await records.readFile(`notes/${fixture.year}/${id}.json`))!.content).note).toBe('Emailed the mentor; rematching the mentee.');
  });
});
