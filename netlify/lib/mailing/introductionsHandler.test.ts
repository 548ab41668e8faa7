/**
 * POST /api/mailings/introductions against the local GitHub and Resend servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesContent, pairFixture } from '../../../tests/servers/harness/mailingFixtures.ts';
import { type MailingEnvironment, startMailingEnvironment } from '../../../tests/servers/harness/mailingEnvironment.ts';
import introductions from '../../functions/introductions.ts';

const fixture = pairFixture(3, 'introductions');
let env: MailingEnvironment;
beforeAll(async () => {
  env = await startMailingEnvironment({ files: fixture.files });
});
afterAll(() => env?.stop());

function post(body: unknown, headers: Record<string, string> = env.bearer()) {
  return introductions(
    new Request(`${env.siteUrl}/api/mailings/introductions`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    env.context(),
  );
}
const introductionsSent = () => env.resend.sent.filter((email) => email.subject.startsWith('Meet your'));

describe('POST /api/mailings/introductions', () => {
  it('answers 401 to a wrong or missing secret, sending nothing', async () => {
    expect((await post({ year: '2026-2027' }, {})).status).toBe(401);
    expect((await post({ year: '2026-2027' }, env.bearer('nope'))).status).toBe(401);
    expect(env.resend.requests).toHaveLength(0);
  });

  it('answers a dry run with counts and a preview, sending nothing', async () => {
    const response = await post({ year: '2026-2027', dryRun: true });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'dry-run', pairs: { active: 3, toIntroduce: 3 } });
    expect(body.preview.mentee.subject).toBe('Meet your mentor: Mentor Person 0');
    expect(env.resend.requests).toHaveLength(0);
  });

  it('introduces each new pair once, in one batch call, and not again', async () => {
    const response = await post({ year: '2026-2027' });
    expect(await response.json()).toMatchObject({ status: 'complete', pairs: { introduced: 3 }, emails: 6 });
    expect(env.resend.requests.filter((request) => request.path === '/emails/batch')).toHaveLength(1);
    expect(
      introductionsSent()
        .map((email) => email.to[0])
        .sort(),
    ).toEqual(['mentee0@example.org', 'mentee1@example.org', 'mentee2@example.org', 'mentor0@example.org', 'mentor1@example.org', 'mentor2@example.org']);
    expect(await (await post({ year: '2026-2027' })).json()).toMatchObject({ pairs: { introduced: 0, alreadyIntroduced: 3 }, emails: 0 });
    expect(introductionsSent()).toHaveLength(6);
  });

  it('after a rematch introduces only the new pair', async () => {
    const matches = structuredClone(fixture.matches);
    matches.pairs[0]!.status = 'ended';
    matches.pairs.push({ id: 'p-0004', mentor: fixture.mentorIds[0]!, mentee: fixture.menteeIds[1]!, status: 'active', since: '2026-11-01' });
    matches.pairs[1]!.status = 'ended';
    env.seed('matches/2026-2027.json', matchesContent(matches));
    expect(await (await post({ year: '2026-2027' })).json()).toMatchObject({ pairs: { introduced: 1 }, emails: 2 });
    expect(
      introductionsSent()
        .slice(6)
        .map((email) => email.to[0])
        .sort(),
    ).toEqual(['mentee1@example.org', 'mentor0@example.org']);
  });

  it('stops with 409 before sending anything when a mentee is in two active pairs', async () => {
    const matches = structuredClone(fixture.matches);
    matches.pairs.push({ id: 'p-0009', mentor: fixture.mentorIds[1]!, mentee: fixture.menteeIds[0]!, status: 'active', since: '2026-11-01' });
    env.seed('matches/2026-2027.json', matchesContent(matches));
    const requests = env.resend.requests.length;
    const response = await post({ year: '2026-2027' });
    expect(response.status).toBe(409);
    expect((await response.json()).problems[0]).toMatch(/is in 2 active pairs/);
    expect(env.resend.requests.length).toBe(requests);
  });
});
