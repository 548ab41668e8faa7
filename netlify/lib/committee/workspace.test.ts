/**
 * The workspace's pages and actions through its handler, on a real local git records store:
 * reviews, proposals, acceptance and introductions are each one commit signed with the
 * member's login, and a stale form changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceClient, workspaceTestPorts } from '../../../tests/servers/harness/workspaceHarness.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { createMemoryQueue } from '../../../tests/servers/harness/memoryQueue.ts';
import { messageAnswers } from '../../../tests/servers/harness/sampleAnswers.ts';
import type { HeldForReview } from '../submissions/heldForReview.ts';
import { listProposals } from '../matching/acceptService.ts';
import { generateSampleApplications, writeSampleApplications } from '../matching/sampleApplications.ts';
import { createLocalGitRecordsStore } from '../records/localGitRecordsStore.ts';
import type { RecordsStore } from '../records/ports.ts';
import type { WorkspacePorts } from './ports.ts';

let dir: string;
let records: RecordsStore;
let ports: WorkspacePorts;
let mailing: ReturnType<typeof testPorts>;
let reviewQueue: ReturnType<typeof createMemoryQueue<HeldForReview>>;

let now = new Date('2026-08-03T14:00:00Z');
const setNow = (iso: string) => {
  now = new Date(iso);
  mailing.setNow(iso);
};

beforeEach(async () => {
  now = new Date('2026-08-03T14:00:00Z');
  dir = mkdtempSync(join(tmpdir(), 'workspace-records-'));
  records = createLocalGitRecordsStore({ dir, log: () => {} });
  mailing = testPorts();
  const year = mailing.settings.programYears.applications;
  await writeSampleApplications(records, generateSampleApplications({ programYear: year, mentors: 4, mentees: 6, seed: 3, settings: mailing.settings }));
  reviewQueue = createMemoryQueue<HeldForReview>();
  ports = workspaceTestPorts({ records, mailing, now: () => now, reviewQueue });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const { get, post } = workspaceClient(() => ports);
const lastCommit = () => execFileSync('git', ['-C', dir, 'log', '-1', '--format=%s'], { encoding: 'utf8' }).trim();
const commitCount = () => Number(execFileSync('git', ['-C', dir, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim());
const year = () => ports.settings.programYears.applications;
const applicationIds = async (role: 'mentor' | 'mentee') => (await records.listFiles(`applications/${year()}/${role}`)).map((path) => path.split('/').at(-1)!.replace('.json', ''));
const hiddenValue = (page: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? '';

describe('the committee workspace', () => {
  it('shows the year at a glance, with what needs doing', async () => {
    const response = await get('/committee/');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    const page = await response.text();
    expect(page).toContain('Review 10 new applications');
    expect(page).toContain('Signed in as <strong>jdoe</strong>');
  });

  it('lists applications with search and filters, and shows one in full', async () => {
    const [first] = await applicationIds('mentee');
    const whole = await (await get(`/committee/applications/${first}/?year=${year()}`)).text();
    const name = /<h1>([^<]+) <span class="meta">\(mentee\)/.exec(whole)?.[1] ?? '';
    expect(name).not.toBe('');
    const list = await (await get(`/committee/applications/?year=${year()}&role=mentee`)).text();
    expect(list).toContain('Mentees: 6 applications');
    const searched = await (await get(`/committee/applications/?year=${year()}&role=mentee&q=${encodeURIComponent(name.split(' ')[0]!.toLowerCase())}`)).text();
    expect(searched).toContain(name);
    expect(searched).toMatch(/Mentees: \d+ applications? matching the filters/);
    const none = await (await get(`/committee/applications/?year=${year()}&role=mentee&status=withdrawn`)).text();
    expect(none).toContain('No applications match these filters.');
  });

  it('records a review as its own record, in one commit signed with the login, and leaves the application as sent', async () => {
    const [id] = await applicationIds('mentee');
    const applicationBefore = await records.readFile(`applications/${year()}/mentee/${id}.json`);
    const response = await post(`/committee/applications/${id}/?year=${year()}`, { decision: 'not-eligible', reason: 'Not a member and not joining', reviewSha: '' });
    expect(response.status).toBe(303);
    const review = JSON.parse((await records.readFile(`reviews/${year()}/${id}.json`))!.content);
    expect(review).toMatchObject({ applicationId: id, decision: 'not-eligible', reason: 'Not a member and not joining', decidedBy: 'jdoe' });
    expect(lastCommit()).toBe(`Review mentee application ${id} (not eligible), by jdoe`);
    expect(await records.readFile(`applications/${year()}/mentee/${id}.json`)).toEqual(applicationBefore);

    // The ineligible mentee is left out of the next proposal.
    expect((await post(`/committee/matching/?year=${year()}`, { intent: 'propose' })).status).toBe(303);
    const [stamp] = (await records.listFiles(`matching/${year()}/proposals`)).filter((path) => path.endsWith('.json'));
    const proposal = JSON.parse((await records.readFile(stamp!))!.content);
    expect([...proposal.pairs.map((pair: { mentee: string }) => pair.mentee), ...proposal.unmatched.map((entry: { mentee: string }) => entry.mentee)]).not.toContain(id);
  });

  it('says what is wrong with a review and stores nothing', async () => {
    const [id] = await applicationIds('mentor');
    const before = commitCount();
    const response = await post(`/committee/applications/${id}/?year=${year()}`, { decision: 'not-eligible', reason: '', reviewSha: '' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain('href="#reason">Say why the application is not eligible.');
    expect(commitCount()).toBe(before);
  });

  it('refuses a stale review form and keeps the newer review', async () => {
    const [id] = await applicationIds('mentor');
    const opened = await (await get(`/committee/applications/${id}/?year=${year()}`)).text();
    const staleSha = hiddenValue(opened, 'reviewSha');
    await post(`/committee/applications/${id}/?year=${year()}`, { decision: 'eligible', reviewSha: staleSha });
    const response = await post(`/committee/applications/${id}/?year=${year()}`, { decision: 'withdrawn', reviewSha: staleSha });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Someone else saved a review of this application');
    expect(JSON.parse((await records.readFile(`reviews/${year()}/${id}.json`))!.content).decision).toBe('eligible');
  });

  it('proposes, accepts and introduces, each change one commit by the member; a stale accept changes nothing', async () => {
    expect((await post(`/committee/matching/?year=${year()}`, { intent: 'propose' })).status).toBe(303);
    expect(lastCommit()).toMatch(/^Matching proposal \S+ for \d{4}-\d{4}: \d+ pairs, \d+ unmatched, by jdoe$/);
    const matching = await (await get(`/committee/matching/?year=${year()}`)).text();
    expect(matching).toContain('Accept this proposal');
    const stamp = hiddenValue(matching, 'proposal');

    const stale = await post(`/committee/matching/?year=${year()}`, { intent: 'accept', proposal: stamp, matchesSha: 'not-the-current-sha' });
    expect(stale.status).toBe(409);
    expect(await records.readFile(`matches/${year()}.json`)).toBeNull();

    const accepted = await post(`/committee/matching/?year=${year()}`, { intent: 'accept', proposal: stamp, matchesSha: hiddenValue(matching, 'matchesSha') });
    expect(accepted.status).toBe(303);
    expect(lastCommit()).toMatch(new RegExp(`^Accept matching proposal ${stamp} for ${year()}: \\d+ new pairs?, by jdoe$`));
    const pairs = JSON.parse((await records.readFile(`matches/${year()}.json`))!.content).pairs;
    expect(pairs.length).toBeGreaterThan(0);

    const unconfirmed = await post(`/committee/mailings/?year=${year()}`, { intent: 'introduce' });
    expect(unconfirmed.status).toBe(400);
    expect(mailing.mailer.sent.length).toBe(0);

    const sent = await post(`/committee/mailings/?year=${year()}`, { intent: 'introduce', confirm: 'yes' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toContain(`introduced=${pairs.length}`);
    expect(mailing.mailer.sent.length).toBe(pairs.length * 2);
    expect(lastCommit()).toMatch(/, by jdoe$/);
    const after = await (await get(`/committee/mailings/?year=${year()}`)).text();
    expect(after).toContain('Every pair has been introduced.');
  });

  it('locks a mentee to another mentor from the ranked list, and the next proposal keeps it', async () => {
    await post(`/committee/matching/?year=${year()}`, { intent: 'propose' });
    const matching = await (await get(`/committee/matching/?year=${year()}`)).text();
    const stamp = hiddenValue(matching, 'proposal');
    const mentee = /&amp;mentee=([0-9a-f-]{36})#alternatives/.exec(matching)?.[1] ?? '';
    const ranked = await (await get(`/committee/matching/?year=${year()}&proposal=${stamp}&mentee=${mentee}`)).text();
    const mentor =
      /name="mentor" value="([0-9a-f-]{36})"><input type="hidden" name="mentee" value="[0-9a-f-]{36}"><input type="hidden" name="constraintsSha" value="[^"]*">\s*<button class="button button-secondary button-small" type="submit">Give this mentor/.exec(
        ranked,
      )?.[1];
    expect(mentor).toBeDefined();
    const locked = await post(`/committee/matching/?year=${year()}&proposal=${stamp}`, {
      intent: 'lock',
      mentor: mentor!,
      mentee,
      constraintsSha: hiddenValue(ranked, 'constraintsSha'),
    });
    expect(locked.status).toBe(303);
    expect(lastCommit()).toBe(`Lock the pair of mentor ${mentor} and mentee ${mentee} for ${year()}, by jdoe`);
    // The same page again is stale now: nothing changes.
    const again = await post(`/committee/matching/?year=${year()}&proposal=${stamp}`, {
      intent: 'forbid',
      mentor: mentor!,
      mentee,
      constraintsSha: hiddenValue(ranked, 'constraintsSha'),
    });
    expect(again.status).toBe(409);
    await post(`/committee/matching/?year=${year()}`, { intent: 'propose' });
    const [newest] = await listProposals(records, year());
    expect(newest).toMatch(/-2$/);
    const latest = JSON.parse((await records.readFile(`matching/${year()}/proposals/${newest}.json`))!.content);
    expect(latest.pairs).toContainEqual(expect.objectContaining({ mentor, mentee, kept: 'committee' }));
  });

  it('refuses an action from another origin and changes nothing', async () => {
    const before = commitCount();
    const response = await post(`/committee/matching/?year=${year()}`, { intent: 'propose' }, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(commitCount()).toBe(before);
  });

  it('shows the rest of the overview when the held-for-review queue (Netlify Blobs) cannot be read, with a sentence saying so', async () => {
    const lines: string[] = [];
    const down = { ...reviewQueue, list: async () => Promise.reject(new Error('BlobsServer: connection refused')) };
    ports = { ...ports, submissions: { ...ports.submissions, reviewQueue: down }, log: (line) => lines.push(line) };
    const response = await get('/committee/');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('The list of submissions held for review could not be read just now, so it is not shown.');
    expect(page).toContain('Review 10 new applications');
    expect(page).toContain(`Applications for ${year()}`);
    expect(lines).toEqual(['committee: overview: the held-for-review queue could not be read (Error)']);
  });

  it('says plainly when the held-for-review queue (Netlify Blobs) cannot be read or changed, and changes nothing', async () => {
    const lines: string[] = [];
    const key = '44444444-4444-4444-8444-444444444444';
    await reviewQueue.hold(key, { formId: 'message', id: key, answers: messageAnswers(), receivedAt: '2026-08-02T10:00:00Z', reason: 'fast' });
    const unreadable = { ...reviewQueue, list: async () => Promise.reject(new Error('BlobsServer: connection refused')) };
    ports = { ...ports, submissions: { ...ports.submissions, reviewQueue: unreadable }, log: (line) => lines.push(line) };
    const before = commitCount();
    for (const response of [await get('/committee/held/'), await post('/committee/held/', { intent: 'release', key })]) {
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('The held submissions cannot be read just now: Netlify Blobs, where they wait, did not answer.');
    }
    expect(commitCount()).toBe(before);
    expect(lines).toEqual(['committee: held for review: the queue could not be read (Error)', 'committee: held for review: the queue could not be read (Error)']);

    const undeletable = { ...reviewQueue, release: async () => Promise.reject(new Error('BlobsServer: connection refused')) };
    ports = { ...ports, submissions: { ...ports.submissions, reviewQueue: undeletable } };
    const discard = await post('/committee/held/', { intent: 'discard', key });
    expect(discard.status).toBe(503);
    expect(await discard.text()).toContain('The submission could not be discarded just now');
    expect((await reviewQueue.list()).map((entry) => entry.key)).toEqual([key]);
  });

  it('lists submissions held for review; releasing one stores and confirms it, discarding one removes it', async () => {
    const answers = messageAnswers();
    const held = (id: string, receivedAt: string): HeldForReview => ({ formId: 'message', id, answers, receivedAt, reason: 'fast' });
    await reviewQueue.hold('11111111-1111-4111-8111-111111111111', held('11111111-1111-4111-8111-111111111111', '2026-08-02T10:00:00Z'));
    await reviewQueue.hold('22222222-2222-4222-8222-222222222222', held('22222222-2222-4222-8222-222222222222', '2026-08-02T11:00:00Z'));
    await reviewQueue.hold('33333333-3333-4333-8333-333333333333', held('33333333-3333-4333-8333-333333333333', '2026-06-01T11:00:00Z'));
    const overview = await (await get('/committee/')).text();
    expect(overview).toContain('2 submissions are held for review');
    // The one older than 30 days went by itself.
    expect(reviewQueue.items.has('33333333-3333-4333-8333-333333333333')).toBe(false);

    const released = await post('/committee/held/', { intent: 'release', key: '11111111-1111-4111-8111-111111111111' });
    expect(released.status).toBe(303);
    const record = JSON.parse((await records.readFile(`messages/${ports.settings.programYears.running}/11111111-1111-4111-8111-111111111111.json`))!.content);
    expect(record).toMatchObject({ type: 'message', submittedAt: '2026-08-02T10:00:00.000Z' });
    expect(lastCommit()).toBe('Add message 11111111-1111-4111-8111-111111111111, by jdoe');
    expect(mailing.mailer.sent.length).toBeGreaterThan(0);

    expect((await post('/committee/held/', { intent: 'discard', key: '22222222-2222-4222-8222-222222222222' })).status).toBe(303);
    expect([...reviewQueue.items.keys()]).toEqual([]);
    const again = await post('/committee/held/', { intent: 'release', key: '22222222-2222-4222-8222-222222222222' });
    expect(again.status).toBe(409);
    expect(await (await get('/committee/held/')).text()).toContain('Nothing is held for review.');
  });

  it('shows each month of the running year, warns when next month has no topic, previews a chosen person’s email, and sends this month’s on confirmation', async () => {
    const running = ports.settings.programYears.running;
    await writeSampleApplications(records, generateSampleApplications({ programYear: running, mentors: 2, mentees: 3, seed: 5, settings: ports.settings }));
    await post(`/committee/matching/?year=${running}`, { intent: 'propose' });
    const matching = await (await get(`/committee/matching/?year=${running}`)).text();
    await post(`/committee/matching/?year=${running}`, { intent: 'accept', proposal: hiddenValue(matching, 'proposal'), matchesSha: hiddenValue(matching, 'matchesSha') });

    // 12 days before September, whose topic is not published (the test topics are October's and May's).
    setNow('2026-08-20T14:00:00Z');
    const early = await (await get('/committee/mailings/monthly/')).text();
    expect(early).toContain('Next month has no topic yet.');
    expect(early).toMatch(/September 2026 starts in 12 days/);
    expect(await (await get('/committee/')).text()).toContain('Next month has no topic yet');

    setNow('2026-10-02T14:00:00Z');
    const page = await (await get('/committee/mailings/monthly/')).text();
    expect(page).toContain('Send now: October 2026');
    const pairs = JSON.parse((await records.readFile(`matches/${running}.json`))!.content).pairs;
    const mentee = pairs[0].mentee as string;
    const preview = await (await get(`/committee/mailings/monthly/?preview=1&month=2026-10&person=${mentee}`)).text();
    const menteeEmail = JSON.parse((await records.readFile(`applications/${running}/mentee/${mentee}.json`))!.content).answers.email;
    expect(preview).toContain(`The October 2026 email to ${menteeEmail}`);

    const unconfirmed = await post('/committee/mailings/monthly/', { intent: 'send', month: '2026-10' });
    expect(unconfirmed.status).toBe(400);
    expect(mailing.mailer.sent).toHaveLength(0);
    // On a deploy without MAILER_SECRET the background mailing cannot be called: said, nothing sent.
    const switchedOff = await post('/committee/mailings/monthly/', { intent: 'send', month: '2026-10', confirm: 'yes' });
    expect(switchedOff.status).toBe(409);
    expect(await switchedOff.text()).toContain('MAILER_SECRET is not set');
    expect(mailing.mailer.sent).toHaveLength(0);
    // Locally the same service runs within the request.
    ports.localSignIn = true;
    const sent = await post('/committee/mailings/monthly/', { intent: 'send', month: '2026-10', confirm: 'yes' });
    expect(sent.status).toBe(303);
    expect(mailing.mailer.sent.length).toBe(pairs.length * 2);
    expect(lastCommit()).toMatch(/, by jdoe$/);
    expect(await (await get('/committee/mailings/monthly/')).text()).toMatch(/Complete/);
  });
});
