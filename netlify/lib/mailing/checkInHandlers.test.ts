/**
 * Check-ins and email preferences end to end: links taken from the monthly emails the local
 * Resend server accepted, opened (GET) and confirmed (POST) through the function handlers, with
 * the records in the local GitHub server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_FUNCTION_PATH, monthlyTopicBackground } from './functionHandlers.ts';
import { createMemoryTopicsSource } from './topics.ts';
import { pairFixture, publishableTopic } from '../../../tests/servers/harness/mailingFixtures.ts';
import { type MailingEnvironment, startMailingEnvironment } from '../../../tests/servers/harness/mailingEnvironment.ts';
import checkInPage from '../../functions/check-in-page.ts';
import checkIns from '../../functions/check-ins.ts';
import summary from '../../functions/check-ins-summary.ts';
import emailPreferencesPage from '../../functions/email-preferences-page.ts';
import emailPreferences from '../../functions/email-preferences.ts';

const topics = createMemoryTopicsSource([publishableTopic('2026-09'), publishableTopic('2026-10')]);
const fixture = pairFixture(2, 'check-ins');
let env: MailingEnvironment;

beforeAll(async () => {
  env = await startMailingEnvironment({ files: fixture.files });
  const background = monthlyTopicBackground.with({ ports: { topics } });
  const response = await background(
    new Request(`${env.siteUrl}${BACKGROUND_FUNCTION_PATH}`, {
      method: 'POST',
      headers: { ...env.bearer(), 'content-type': 'application/json' },
      body: JSON.stringify({ month: '2026-10' }),
    }),
    env.context(),
  );
  expect(await response.json()).toMatchObject({ status: 'complete', sent: 4 });
}, 60_000);
afterAll(() => env?.stop());

/** The link with this label in the monthly email to this address. */
function linkIn(address: string, label: string): URL {
  const email = env.resend.sent.find((candidate) => candidate.to.includes(address) && candidate.subject.startsWith('October 2026'))!;
  const line = email.text!.split('\n').find((candidate) => candidate.startsWith(label))!;
  return new URL(line.slice(line.indexOf('http')));
}

function get(url: URL, handler: typeof checkInPage = checkInPage) {
  return handler(new Request(url, { method: 'GET' }), env.context());
}

function postForm(path: string, fields: Record<string, string>, handler: typeof checkIns = checkIns, query = '') {
  return handler(
    new Request(`${env.siteUrl}${path}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }),
    env.context(),
  );
}

const checkInFiles = () => env.github.state.files().filter((path) => path.startsWith('check-ins/'));
const hiddenToken = (html: string) => /<input type="hidden" name="token" value="([^"]+)">/.exec(html)?.[1];

describe('a check-in link', () => {
  it('opened with GET shows the answer with a button that posts it, and records nothing', async () => {
    const commits = env.github.state.commits.length;
    const url = linkIn('mentee0@example.org', '- We met:');
    const response = await get(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain('<form class="form" method="post" action="/api/check-ins">');
    expect(html).toContain('Your answer: <strong>We met</strong>');
    expect(html).toContain('Confirm: we met</button>');
    expect(hiddenToken(html)).toBe(url.searchParams.get('token'));
    expect(html).toContain('<link rel="stylesheet"'); // the site's built layout
    expect(checkInFiles()).toEqual([]);
    expect(env.github.state.commits.length).toBe(commits);
  });

  it('confirmed with the page’s plain form POST records the check-in', async () => {
    const page = await (await get(linkIn('mentee0@example.org', '- We met:'))).text();
    const response = await postForm('/api/check-ins', { token: hiddenToken(page)!, note: 'We had a video call.' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('We have recorded “We met” for October 2026.');
    const record = JSON.parse(env.github.state.read('check-ins/2026-2027/2026-10/p-0001-mentee.json')!);
    expect(record).toMatchObject({
      schemaVersion: 1,
      programYear: '2026-2027',
      month: '2026-10',
      pairId: 'p-0001',
      personId: fixture.menteeIds[0],
      role: 'mentee',
      answer: 'met',
      note: 'We had a video call.',
    });
  });

  it('cannot be changed to another person, pair or answer', async () => {
    const url = linkIn('mentor1@example.org', '- Not yet:');
    const [version, payload, signature] = url.searchParams.get('token')!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const before = checkInFiles();
    for (const change of [{ personId: fixture.mentorIds[0] }, { pairId: 'p-0001' }, { answer: 'met' }, { role: 'mentee' }]) {
      const altered = `${version}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${signature}`;
      const page = await get(new URL(`/check-in/?token=${altered}`, env.siteUrl));
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('This link cannot be used');
      const post = await postForm('/api/check-ins', { token: altered });
      expect(post.status).toBe(403);
    }
    const json = await checkIns(
      new Request(`${env.siteUrl}/api/check-ins`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'v1.forged.token' }) }),
      env.context(),
    );
    expect(json.status).toBe(403);
    expect(await json.json()).toHaveProperty('error');
    expect(checkInFiles()).toEqual(before);
  });

  it('is refused once expired (410), recording nothing', async () => {
    const url = linkIn('mentor0@example.org', '- We met:');
    const saved = process.env.SITE_NOW;
    process.env.SITE_NOW = '2026-12-09T00:00:00Z';
    try {
      expect((await get(url)).status).toBe(410);
      expect((await postForm('/api/check-ins', { token: url.searchParams.get('token')! })).status).toBe(410);
    } finally {
      process.env.SITE_NOW = saved;
    }
    expect(env.github.state.read('check-ins/2026-2027/2026-10/p-0001-mentor.json')).toBeUndefined();
  });

  it('"we need help" is recorded, answers JSON clients with 201, and tells the committee', async () => {
    const url = linkIn('mentor1@example.org', '- We need help:');
    const response = await checkIns(
      new Request(`${env.siteUrl}/api/check-ins`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: url.searchParams.get('token'), note: 'My mentee has not replied since August.' }),
      }),
      env.context(),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ status: 'recorded', month: '2026-10', answer: 'need-help' });
    const notice = env.resend.sent.at(-1)!;
    expect(notice.to).toEqual(['committee@nasig.example']);
    expect(notice.text).toContain('check-ins/2026-2027/2026-10/p-0002-mentor.json');
    expect(notice.text).not.toContain('replied');
  });
});

describe('the committee summary endpoint', () => {
  it('answers 401 without the secret', async () => {
    const response = await summary(new Request(`${env.siteUrl}/api/check-ins/summary`), env.context());
    expect(response.status).toBe(401);
  });

  it('lists every "we need help" (and, in October, no stalled pair yet matched before September)', async () => {
    const response = await summary(new Request(`${env.siteUrl}/api/check-ins/summary?year=2026-2027`, { headers: env.bearer() }), env.context());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ programYear: '2026-2027', window: ['2026-09', '2026-10'], activePairs: 2 });
    expect(body.needHelp).toEqual([
      expect.objectContaining({ pairId: 'p-0002', role: 'mentor', note: 'My mentee has not replied since August.', mentor: expect.objectContaining({ name: 'Mentor Person 1' }) }),
    ]);
    expect(body.stalled.map((pair: { pairId: string }) => pair.pairId)).toEqual(['p-0002']); // p-0001 met in October
  });
});

describe('email preferences', () => {
  it('GET shows the choices and records nothing; the form POST pauses the emails', async () => {
    const url = linkIn('mentee1@example.org', 'Pause these emails');
    expect(url.pathname).toBe('/email-preferences/');
    const page = await get(url, emailPreferencesPage);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form class="form" method="post" action="/api/email-preferences">');
    expect(html).toContain('value="leave"');
    expect(env.github.state.files().filter((path) => path.startsWith('preferences/'))).toEqual([]);

    const saved = await postForm('/api/email-preferences', { token: hiddenToken(html)!, choice: 'pause' }, emailPreferences);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('The monthly emails are paused.');
    const record = JSON.parse(env.github.state.read(`preferences/2026-2027/${fixture.menteeIds[1]}.json`)!);
    expect(record).toMatchObject({ status: 'paused', role: 'mentee', history: [{ status: 'paused', via: 'page' }] });
  });

  it('accepts an RFC 8058 one-click POST at the List-Unsubscribe address', async () => {
    const email = env.resend.sent.find((candidate) => candidate.to.includes('mentor0@example.org') && candidate.subject.startsWith('October 2026'))!;
    const address = new URL(/^<([^>]+)>/.exec(email.headers['List-Unsubscribe']!)![1]!);
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const response = await postForm(address.pathname, { 'List-Unsubscribe': 'One-Click' }, emailPreferencesPage, address.search);
    expect(response.status).toBe(200);
    const record = JSON.parse(env.github.state.read(`preferences/2026-2027/${fixture.mentorIds[0]}.json`)!);
    expect(record).toMatchObject({ status: 'paused', history: [{ via: 'one-click' }] });
    // The same at /api/email-preferences.
    const again = await postForm('/api/email-preferences', { 'List-Unsubscribe': 'One-Click' }, emailPreferences, address.search);
    expect(again.status).toBe(200);
  });

  it('paused people get no later monthly email', async () => {
    const before = env.resend.sent.length;
    const response = await monthlyTopicBackground.with({ ports: { topics } })(
      new Request(`${env.siteUrl}${BACKGROUND_FUNCTION_PATH}`, {
        method: 'POST',
        headers: { ...env.bearer(), 'content-type': 'application/json' },
        body: JSON.stringify({ month: '2026-09' }),
      }),
      env.context(),
    );
    expect(await response.json()).toMatchObject({ status: 'complete', sent: 2, counts: { paused: 2 } });
    expect(
      env.resend.sent
        .slice(before)
        .flatMap((email) => email.to)
        .sort(),
    ).toEqual(['mentee0@example.org', 'mentor1@example.org']);
  }, 30_000);

  it('"I am leaving" is recorded and the committee told, by record path only', async () => {
    const url = linkIn('mentee0@example.org', 'Pause these emails');
    const response = await postForm('/api/email-preferences', { token: url.searchParams.get('token')!, choice: 'leave', note: 'New job, no time.' }, emailPreferences);
    expect(response.status).toBe(200);
    expect(JSON.parse(env.github.state.read(`preferences/2026-2027/${fixture.menteeIds[0]}.json`)!)).toMatchObject({ status: 'leaving', note: 'New job, no time.' });
    const notice = env.resend.sent.at(-1)!;
    expect(notice.to).toEqual(['committee@nasig.example']);
    expect(notice.text).toContain(`preferences/2026-2027/${fixture.menteeIds[0]}.json`);
    expect(`${notice.text}${notice.html}`).not.toMatch(/Mentee Person|New job/);
  });

  it('refuses a forged token and a missing choice, recording nothing', async () => {
    const before = env.github.state.commits.length;
    expect((await postForm('/api/email-preferences', { token: 'v1.abc.def', choice: 'pause' }, emailPreferences)).status).toBe(403);
    const url = linkIn('mentor1@example.org', 'Pause these emails');
    expect((await postForm('/api/email-preferences', { token: url.searchParams.get('token')! }, emailPreferences)).status).toBe(422);
    expect((await postForm('/email-preferences/', { 'List-Unsubscribe': 'One-Click' }, emailPreferencesPage, '?token=v1.abc.def')).status).toBe(403);
    expect(env.github.state.commits.length).toBe(before);
  });
});
