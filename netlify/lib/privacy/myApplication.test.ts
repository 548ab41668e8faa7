/**
 * An applicant's own link end to end: applications posted through the real endpoint into the
 * local GitHub server, the link taken from the confirmation email the local Resend server
 * accepted, then opened (GET), corrected and withdrawn (POST) through the function's handler.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FormEnvironment, startFormEnvironment } from '../../../tests/servers/harness/formEnvironment.ts';
import { menteeAnswers, mentorAnswers, urlencoded } from '../../../tests/servers/harness/sampleAnswers.ts';
import applications from '../../functions/applications.ts';
import drainHeld from '../../functions/drain-held.ts';
import myApplication from '../../functions/my-application.ts';
import { recordsStore, runtimeFor } from '../composition.ts';
import { loadSettings } from '../config/loadSettings.ts';
import type { NetlifyFunction } from '../http/defineFunction.ts';
import { loadPairs } from '../mailing/pairs.ts';
import { attentionSentence } from '../pairs/attention.ts';
import { loadPairsOfYear } from '../pairs/pairsOfYear.ts';
import { APPLICANT, leftOutOfMatching, loadReviews } from '../reviews/reviews.ts';
import { myApplicationHandler } from './myApplicationHandler.ts';

const YEAR = '2027-2028';
let env: FormEnvironment;

beforeAll(async () => {
  env = await startFormEnvironment();
});
afterAll(async () => {
  await env?.stop();
});
beforeEach(async () => {
  env.github.faults.clear();
  await env.settle();
});

const commits = () => env.github.state.fileCommits.length;
const recordOf = (role: 'mentor' | 'mentee', id: string) => JSON.parse(env.github.state.read(`applications/${YEAR}/${role}/${id}.json`)!);

/** Posts an application as the enhanced form does; answers its id and the link in its confirmation. */
async function apply(role: 'mentor' | 'mentee', email: string): Promise<{ id: string; link: URL }> {
  const answers = role === 'mentor' ? mentorAnswers({ email }) : menteeAnswers({ email });
  const response = await applications(
    new Request(`http://localhost/api/applications/${role}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...answers, submissionId: randomUUID(), elapsedMs: 60_000 }),
    }),
    env.context({ role }),
  );
  expect(response.status).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await env.settle();
  return { id, link: latestLink(email) };
}

/** The /my-application/ link in the newest email to this address. */
function latestLink(email: string): URL {
  const sent = env.resend.sent.filter((candidate) => candidate.to.includes(email)).at(-1)!;
  const match = /https?:\/\/\S+\/my-application\/\?token=[\w.-]+/.exec(sent.text ?? '');
  expect(match, 'the email carries the link').not.toBeNull();
  return new URL(match![0]);
}

const tokenOf = (link: URL) => link.searchParams.get('token')!;

function get(url: URL | string, handler: NetlifyFunction = myApplication) {
  return handler(new Request(new URL(String(url), 'http://localhost'), { method: 'GET' }), env.context());
}

function post(fields: Record<string, unknown>, handler: NetlifyFunction = myApplication) {
  return handler(
    new Request('http://localhost/my-application/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: urlencoded(fields) }),
    env.context(),
  );
}

describe('the link in the confirmation email', () => {
  it('opens a page with what was sent, and opening it records nothing', async () => {
    const { id, link } = await apply('mentee', 'open@example.org');
    expect(link.pathname).toBe('/my-application/');
    const before = commits();
    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<h1>Your mentee application</h1>');
    expect(html).toContain('Example iSchool');
    expect(html).toContain(id);
    expect(html).toContain('Correct my answers');
    expect(html).toContain('Withdraw my application');
    expect((await get(`${link.pathname}${link.search}&step=correct`)).status).toBe(200);
    expect((await get(`${link.pathname}${link.search}&step=withdraw`)).status).toBe(200);
    expect(commits()).toBe(before);
  });

  it('is refused, with a plain sentence, when forged, changed or expired', async () => {
    const { link } = await apply('mentee', 'forged@example.org');
    const token = tokenOf(link);
    const [payload, , signature] = token.split('.');
    const forged = `v1.${payload}.${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    const forgedPage = await get(`/my-application/?token=${forged}`);
    expect(forgedPage.status).toBe(403);
    expect(await forgedPage.text()).toContain('This link is not complete or has been changed, so it cannot be used.');
    expect((await get('/my-application/')).status).toBe(400);

    const later = myApplicationHandler.with({ ports: { now: () => new Date('2031-01-01T00:00:00Z') } });
    const expired = await get(link, later);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    const before = commits();
    expect((await post({ token: forged, intent: 'withdraw' })).status).toBe(403);
    expect(commits()).toBe(before);
  });
});

describe('a correction', () => {
  it('replaces the record in one commit at the same path, emails a new link, and the old link cannot overwrite it again', async () => {
    const email = 'correct@example.org';
    const { id, link } = await apply('mentee', email);
    const original = recordOf('mentee', id);
    const form = await (await get(`${link.pathname}${link.search}&step=correct`)).text();
    expect(form).toContain('value="Example iSchool"');

    const before = commits();
    const corrected = menteeAnswers({ email, institution: 'Another iSchool' });
    const response = await post({ ...corrected, token: tokenOf(link), intent: 'correct' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, 'http://localhost');
    expect(location.searchParams.get('saved')).toBe('1');
    expect(commits()).toBe(before + 1);
    expect(env.github.state.fileCommits.at(-1)!.message).toBe(`Correct mentee application ${id} (by the applicant)`);
    const record = recordOf('mentee', id);
    expect(record).toMatchObject({ id, submittedAt: original.submittedAt, programYear: YEAR });
    expect(record.answers.institution).toBe('Another iSchool');
    expect(record.correctedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(env.github.state.files().filter((path) => path.includes(id))).toEqual([`applications/${YEAR}/mentee/${id}.json`]);

    await env.settle();
    const confirmation = env.resend.sent.filter((sent) => sent.to.includes(email)).at(-1)!;
    expect(confirmation.subject).toBe('Your mentee application is updated');
    expect(confirmation.text).toContain('Another iSchool');
    const newLink = latestLink(email);
    expect(tokenOf(newLink)).not.toBe(tokenOf(link));
    expect(location.searchParams.get('token')).toBe(tokenOf(newLink));
    const saved = await (await get(location)).text();
    expect(saved).toContain('Your corrections are saved.');
    const notice = env.resend.sent.filter((sent) => sent.subject === 'An applicant corrected their mentee application').at(-1)!;
    expect(notice.text).toContain(`applications/${YEAR}/mentee/${id}.json`);
    expect(notice.text).not.toContain(email);

    // The same form posted again, or the old link opened: an earlier version, refused.
    const replay = await post({ ...menteeAnswers({ email, institution: 'Third iSchool' }), token: tokenOf(link), intent: 'correct' });
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('This link is for an earlier version of your application');
    expect((await get(link)).status).toBe(409);
    expect(recordOf('mentee', id).answers.institution).toBe('Another iSchool');
    expect(commits()).toBe(before + 1);
  });

  it('keeps the correction when Resend is down, holds its confirmation, and the drain sends it once with the new link', async () => {
    const email = 'correct-offline@example.org';
    const { id, link } = await apply('mentee', email);
    const sentBefore = env.resend.sent.filter((sent) => sent.to.includes(email)).length;
    env.resend.faults.failNext(1000, 500);
    const response = await post({ ...menteeAnswers({ email, institution: 'Offline iSchool' }), token: tokenOf(link), intent: 'correct' });
    expect(response.status).toBe(303);
    expect(recordOf('mentee', id).answers.institution).toBe('Offline iSchool');
    await env.settle();
    expect(env.resend.sent.filter((sent) => sent.to.includes(email))).toHaveLength(sentBefore);

    env.resend.faults.clear();
    await (await drainHeld(new Request('http://localhost/drain'), env.context())).json();
    await (await drainHeld(new Request('http://localhost/drain'), env.context())).json();
    const confirmations = env.resend.sent.filter((sent) => sent.to.includes(email) && sent.subject === 'Your mentee application is updated');
    expect(confirmations).toHaveLength(1);
    const newLink = latestLink(email);
    expect(tokenOf(newLink)).toBe(new URL(response.headers.get('location')!, 'http://localhost').searchParams.get('token'));
    expect((await get(newLink)).status).toBe(200);
  });

  it('with a problem shows the form again with an error summary, keeps what was typed, and changes nothing', async () => {
    const { id, link } = await apply('mentee', 'typo@example.org');
    const before = commits();
    const response = await post({ ...menteeAnswers({ email: 'typo@example.org', institution: 'Kept iSchool', name: '' }), token: tokenOf(link), intent: 'correct' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<title>Error: Correct your mentee application');
    expect(html).toContain('There is a problem');
    expect(html).toContain('href="#f-name"');
    expect(html).toContain('value="Kept iSchool"');
    expect(commits()).toBe(before);
    expect(recordOf('mentee', id).answers.institution).toBe('Example iSchool');
  });

  it('is refused once applications are closed, while withdrawal still works', async () => {
    const { id, link } = await apply('mentor', 'closed@example.org');
    const august = myApplicationHandler.with({ ports: { now: () => new Date('2027-08-01T12:00:00Z') } });
    const page = await (await get(link, august)).text();
    expect(page).toContain('Applications are closed, so your answers can no longer be changed here.');
    expect(page).not.toContain('Correct my answers');
    const before = commits();
    const refused = await post({ ...mentorAnswers({ email: 'closed@example.org', institution: 'Late' }), token: tokenOf(link), intent: 'correct' }, august);
    expect(refused.status).toBe(403);
    expect(commits()).toBe(before);
    expect((await post({ token: tokenOf(link), intent: 'withdraw' }, august)).status).toBe(200);
    expect(JSON.parse(env.github.state.read(`reviews/${YEAR}/${id}.json`)!).decision).toBe('withdrawn');
  });
});

describe('a withdrawal', () => {
  it('marks the review withdrawn by the applicant with their reason, in one commit; matching leaves them out and nothing can be corrected after', async () => {
    const email = 'withdraw@example.org';
    const { id, link } = await apply('mentee', email);
    const tooLong = await post({ token: tokenOf(link), intent: 'withdraw', reason: 'x'.repeat(501) });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.text()).toContain('href="#f-reason"');

    const before = commits();
    const response = await post({ token: tokenOf(link), intent: 'withdraw', reason: 'I have a new job with no time for it.' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Your application is withdrawn');
    expect(commits()).toBe(before + 1);
    const review = JSON.parse(env.github.state.read(`reviews/${YEAR}/${id}.json`)!);
    expect(review).toMatchObject({ applicationId: id, decision: 'withdrawn', decidedBy: APPLICANT, reason: 'I have a new job with no time for it.' });
    const reviews = await loadReviews(recordsStore(runtimeFor(undefined)), YEAR);
    expect(leftOutOfMatching(reviews.get(id))).toBe(true);

    await env.settle();
    const notice = env.resend.sent.filter((sent) => sent.subject === 'An applicant withdrew their mentee application').at(-1)!;
    expect(notice.text).toContain(`reviews/${YEAR}/${id}.json`);
    expect(`${notice.text}${notice.html}`).not.toContain(email);
    expect(`${notice.text}${notice.html}`).not.toContain('new job');

    const page = await (await get(link)).text();
    expect(page).toContain('You withdrew this application on');
    expect(page).not.toContain('Withdraw my application');
    const correction = await post({ ...menteeAnswers({ email }), token: tokenOf(link), intent: 'correct' });
    expect(correction.status).toBe(403);
    // Withdrawing again changes nothing.
    expect((await post({ token: tokenOf(link), intent: 'withdraw' })).status).toBe(200);
    expect(commits()).toBe(before + 1);
  });

  it('by someone already matched: correction is refused, the pair is held back from mailings and needs the committee', async () => {
    const mentor = await apply('mentor', 'paired-mentor@example.org');
    const mentee = await apply('mentee', 'paired-mentee@example.org');
    env.github.state.seed(
      `matches/${YEAR}.json`,
      `${JSON.stringify({ programYear: YEAR, pairs: [{ id: 'p-withdrawn', mentor: mentor.id, mentee: mentee.id, status: 'active', since: '2027-08-20' }] }, null, 2)}\n`,
    );
    const store = recordsStore(runtimeFor(undefined));
    expect((await loadPairs(store, YEAR)).active.map((pair) => pair.id)).toEqual(['p-withdrawn']);

    const page = await (await get(mentee.link)).text();
    expect(page).toContain('The committee has matched you, so your answers can no longer be changed here.');
    expect((await post({ ...menteeAnswers({ email: 'paired-mentee@example.org' }), token: tokenOf(mentee.link), intent: 'correct' })).status).toBe(403);

    expect(await (await get(`${mentee.link.pathname}${mentee.link.search}&step=withdraw`)).text()).toContain('You are already matched');
    expect((await post({ token: tokenOf(mentee.link), intent: 'withdraw' })).status).toBe(200);
    await env.settle();
    const notice = env.resend.sent.filter((sent) => sent.subject === 'An applicant withdrew their mentee application').at(-1)!;
    expect(notice.text).toContain('p-withdrawn');

    const pairs = await loadPairs(store, YEAR);
    expect(pairs.active).toEqual([]);
    expect(pairs.withdrawn).toEqual(['p-withdrawn']);

    const settings = await loadSettings();
    const year = await loadPairsOfYear(store, { ...settings, programYears: { ...settings.programYears, running: YEAR } }, new Date('2027-09-15T12:00:00Z'));
    const row = year.pairs.find((candidate) => candidate.pair.id === 'p-withdrawn')!;
    expect(row.reasons).toContainEqual({ kind: 'withdrawn', role: 'mentee', byApplicant: true });
    expect(row.reasons.map(attentionSentence)).toContain('The mentee withdrew their application: end the pair, and the mailings leave it out until then.');
    expect(year.pairs[0]!.pair.id).toBe('p-withdrawn');
  });
});
