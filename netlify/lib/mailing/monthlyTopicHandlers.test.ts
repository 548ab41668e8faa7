/**
 * The monthly topic mailing end to end: the scheduled, background and endpoint handlers called
 * directly, with the real GitHub and Resend adapters against the local stand-in servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvironment } from '../config/environment.ts';
import { createMailer } from '../mailer/createMailer.ts';
import type { Mailer } from '../mailer/ports.ts';
import { monthlyTopicBackground, monthlyTopicEndpoint, monthlyTopicSchedule, BACKGROUND_FUNCTION_PATH } from './functionHandlers.ts';
import { monthlyLedgerPath, monthlyLedgerSchema } from './ledger.ts';
import { createMemoryTopicsSource } from './topics.ts';
import { pairFixture, publishableTopic } from '../../../tests/servers/harness/mailingFixtures.ts';
import { MAILER_SECRET, type MailingEnvironment, startMailingEnvironment } from '../../../tests/servers/harness/mailingEnvironment.ts';
import monthlyTopicDefault from '../../functions/monthly-topic.ts';
import backgroundDefault from '../../functions/monthly-topic-background.ts';

const MONTH = '2026-10';
const LEDGER = monthlyLedgerPath('2026-2027', MONTH);
const topics = createMemoryTopicsSource([publishableTopic('2026-09'), publishableTopic(MONTH)]);

function backgroundRequest(env: MailingEnvironment, month = MONTH, secret = MAILER_SECRET): Request {
  return new Request(`${env.siteUrl}${BACKGROUND_FUNCTION_PATH}`, {
    method: 'POST',
    headers: { ...env.bearer(secret), 'content-type': 'application/json' },
    body: JSON.stringify({ month }),
  });
}

function endpointRequest(env: MailingEnvironment, body: unknown, headers: Record<string, string> = env.bearer()): Request {
  return new Request(`${env.siteUrl}/api/mailings/monthly-topic`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

const monthlyEmails = (env: MailingEnvironment) => env.resend.sent.filter((email) => email.subject.startsWith('October 2026 topic'));
const recipients = (env: MailingEnvironment) => monthlyEmails(env).flatMap((email) => email.to);
const ledger = (env: MailingEnvironment) => monthlyLedgerSchema.parse(JSON.parse(env.github.state.read(LEDGER)!));
const batchCalls = (env: MailingEnvironment) => env.resend.requests.filter((request) => request.path === '/emails/batch');

/** The environment's own Resend mailer, crashing after `batches` accepted batch calls. */
function crashingMailer(batches: number): Mailer {
  const real = createMailer(parseEnvironment(process.env, { production: false }).mail, { log: () => {} });
  let accepted = 0;
  return {
    description: 'Resend, crashing part way',
    send: (email, options) => real.send(email, options),
    async sendBatch(emails, options) {
      if (accepted >= batches) throw new Error('simulated crash');
      const answer = await real.sendBatch(emails, options);
      accepted += 1;
      return answer;
    },
  };
}

describe('1,000 pairs, Resend at 2 requests a second', () => {
  let env: MailingEnvironment;
  beforeAll(async () => {
    env = await startMailingEnvironment({ files: pairFixture(1000, 'thousand').files, resendRequestsPerSecond: 2 });
  });
  afterAll(() => env?.stop());

  it('go out in at most 20 batch calls with one email per person, and a re-run sends 0', async () => {
    const background = monthlyTopicBackground.with({ ports: { topics } });
    const response = await background(backgroundRequest(env), env.context());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'complete', sent: 2000, batches: 20 });
    expect(batchCalls(env).length).toBeLessThanOrEqual(20);
    expect(batchCalls(env).every((request) => request.status === 200)).toBe(true); // paced: no 429
    expect(recipients(env)).toHaveLength(2000);
    expect(new Set(recipients(env)).size).toBe(2000);
    expect(ledger(env).batches).toHaveLength(20);
    expect(ledger(env).completedAt).not.toBeNull();
    // Each batch's key differs, and each email carries the unsubscribe headers.
    expect(new Set(batchCalls(env).map((request) => request.idempotencyKey)).size).toBe(20);
    expect(monthlyEmails(env)[0]!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(monthlyEmails(env)[0]!.headers['List-Unsubscribe']).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/email-preferences\/\?token=[\w.-]+>, <mailto:committee@nasig\.example\?subject=/,
    );

    const requestsBefore = env.resend.requests.length;
    const again = await background(backgroundRequest(env), env.context());
    expect(await again.json()).toMatchObject({ status: 'complete', sent: 0 });
    expect(env.resend.requests.length).toBe(requestsBefore);
    expect(recipients(env)).toHaveLength(2000);
  }, 180_000);
});

describe('a crash part way', () => {
  let env: MailingEnvironment;
  beforeAll(async () => {
    env = await startMailingEnvironment({ files: pairFixture(200, 'crash').files });
  });
  afterAll(() => env?.stop());

  it('after half the batches, then a re-run, sends the rest exactly once', async () => {
    await expect(monthlyTopicBackground.with({ ports: { topics, mailer: crashingMailer(2) } })(backgroundRequest(env), env.context())).rejects.toThrow('simulated crash');
    expect(recipients(env)).toHaveLength(200);
    expect(ledger(env).batches).toHaveLength(2);
    expect(ledger(env).lease).toBeNull();

    const response = await monthlyTopicBackground.with({ ports: { topics } })(backgroundRequest(env), env.context());
    expect(await response.json()).toMatchObject({ status: 'complete', sent: 200, batches: 2 });
    expect(recipients(env)).toHaveLength(400);
    expect(new Set(recipients(env)).size).toBe(400);
  }, 60_000);
});

describe('a crash between a sent batch and its ledger entry', () => {
  let env: MailingEnvironment;
  beforeAll(async () => {
    env = await startMailingEnvironment({ files: pairFixture(150, 'gap').files });
  });
  afterAll(() => env?.stop());

  it('is healed by the batch’s idempotency key: nobody gets two', async () => {
    const real = createMailer(parseEnvironment(process.env, { production: false }).mail, { log: () => {} });
    let accepted = 0;
    const mailer: Mailer = {
      description: 'Resend, then GitHub refuses the ledger write',
      send: (email, options) => real.send(email, options),
      async sendBatch(emails, options) {
        const answer = await real.sendBatch(emails, options);
        accepted += 1;
        // The ledger write for the second batch, and the lease release after it, are refused.
        if (accepted === 2) env.github.faults.failNext(2, 403, { kind: 'put-content' }, { message: 'Resource not accessible by integration' });
        return answer;
      },
    };
    const first = await monthlyTopicBackground.with({ ports: { topics, mailer } })(backgroundRequest(env), env.context());
    expect(first.status).toBe(503);
    expect(recipients(env)).toHaveLength(200);
    expect(ledger(env).batches).toHaveLength(1);
    const until = Date.parse(ledger(env).lease!.until);

    // The stranded lease lapses; the re-run's first batch is the unrecorded one, with the same key.
    const later = new Date(until + 1000);
    const second = await monthlyTopicBackground.with({ ports: { topics, now: () => later } })(backgroundRequest(env), env.context());
    expect(await second.json()).toMatchObject({ status: 'complete', sent: 200 });
    expect(recipients(env)).toHaveLength(300);
    expect(new Set(recipients(env)).size).toBe(300);
    const keys = batchCalls(env)
      .filter((request) => request.status === 200)
      .map((request) => request.idempotencyKey);
    expect(keys).toHaveLength(4);
    expect(keys[2]).toBe(keys[1]); // answered from Resend's idempotency store, not sent again
  }, 60_000);
});

describe('Resend answering 429', () => {
  let env: MailingEnvironment;
  beforeAll(async () => {
    env = await startMailingEnvironment({ files: pairFixture(2, 'limited').files, resendRequestsPerSecond: 2 });
  });
  afterAll(() => env?.stop());

  it('is retried after the retry-after it gives', async () => {
    env.resend.faults.rateLimitNext(1, 2);
    const response = await monthlyTopicBackground.with({ ports: { topics } })(backgroundRequest(env), env.context());
    expect(await response.json()).toMatchObject({ status: 'complete', sent: 4 });
    const [limited, retried] = batchCalls(env);
    expect(limited).toMatchObject({ status: 429, errorName: 'rate_limit_exceeded' });
    expect(retried).toMatchObject({ status: 200, idempotencyKey: limited!.idempotencyKey });
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(2000);
    expect(recipients(env)).toHaveLength(4);
  }, 30_000);
});

describe('POST /api/mailings/monthly-topic', () => {
  let env: MailingEnvironment;
  beforeAll(async () => {
    env = await startMailingEnvironment({ files: pairFixture(3, 'endpoint').files });
    env.route(BACKGROUND_FUNCTION_PATH, monthlyTopicBackground.with({ ports: { topics } }), { background: true });
  });
  afterAll(() => env?.stop());

  it('answers 401 to a wrong or missing secret and sends nothing', async () => {
    const endpoint = monthlyTopicEndpoint.with({ ports: { topics } });
    for (const headers of [{}, env.bearer('wrong-secret'), { authorization: `Basic ${MAILER_SECRET}` }]) {
      const response = await endpoint(endpointRequest(env, {}, headers), env.context());
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mailings"');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const background = await monthlyTopicBackground.with({ ports: { topics } })(backgroundRequest(env, MONTH, 'wrong-secret'), env.context());
    expect(background.status).toBe(401);
    await env.settle();
    expect(env.resend.requests).toHaveLength(0);
  });

  it('is switched off (503) while MAILER_SECRET is unset', async () => {
    const saved = process.env.MAILER_SECRET;
    delete process.env.MAILER_SECRET;
    try {
      const response = await monthlyTopicDefault(endpointRequest(env, {}), env.context());
      expect(response.status).toBe(503);
    } finally {
      process.env.MAILER_SECRET = saved;
    }
    expect(env.resend.requests).toHaveLength(0);
  });

  it('refuses unknown fields and bad months', async () => {
    const endpoint = monthlyTopicEndpoint.with({ ports: { topics } });
    expect((await endpoint(endpointRequest(env, { month: 'October' }), env.context())).status).toBe(400);
    expect((await endpoint(endpointRequest(env, { dryRun: true, everyone: true }), env.context())).status).toBe(400);
    expect((await endpoint(endpointRequest(env, { month: '2026-07' }), env.context())).status).toBe(422);
    expect((await endpoint(endpointRequest(env, { month: '2026-12' }), env.context())).status).toBe(422);
  });

  it('answers a dry run with counts and one preview, and sends and writes nothing', async () => {
    const commits = env.github.state.commits.length;
    const response = await monthlyTopicEndpoint.with({ ports: { topics } })(endpointRequest(env, { dryRun: true }), env.context());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'dry-run', month: MONTH, counts: { pairs: 3, people: 6, toSend: 6, batches: 1 } });
    expect(body.preview.subject).toBe('October 2026 topic: Careers in technical services');
    expect(body.preview.text).toContain('Questions to talk through');
    expect(env.resend.requests).toHaveLength(0);
    expect(env.github.state.commits.length).toBe(commits);
  });

  it('starts the background mailing (202), which sends each person the topic once', async () => {
    const response = await monthlyTopicEndpoint.with({ ports: { topics } })(endpointRequest(env, { month: MONTH }), env.context());
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'started', month: MONTH });
    const [answer] = await env.settle();
    expect(await answer!.json()).toMatchObject({ status: 'complete', sent: 6 });
    expect(recipients(env)).toHaveLength(6);

    await monthlyTopicEndpoint.with({ ports: { topics } })(endpointRequest(env, {}), env.context());
    const [again] = await env.settle();
    expect(await again!.json()).toMatchObject({ status: 'complete', sent: 0 });
    expect(recipients(env)).toHaveLength(6);
  });

  it('never sends the shipped example topics: nothing goes out and the committee is told', async () => {
    const before = env.resend.sent.length;
    const response = await backgroundDefault(backgroundRequest(env, '2026-09'), env.context());
    expect(await response.json()).toMatchObject({ status: 'no-topic', committeeNotified: true });
    const sent = env.resend.sent.slice(before);
    expect(sent.map((email) => email.to)).toEqual([['committee@nasig.example']]);
    expect(sent[0]!.subject).toBe('No monthly topic to send for September 2026');
    expect(sent[0]!.text).toContain('2026-09-getting-to-know-each-other is an example topic');
  });
});

describe('the daily schedule', () => {
  const clock = { now: new Date('2026-10-01T14:00:00Z') };
  let resendClock = Date.now();
  let env: MailingEnvironment;
  beforeAll(async () => {
    env = await startMailingEnvironment({ files: pairFixture(150, 'schedule').files, resendDailyQuota: 200, resendNow: () => resendClock });
    env.route(BACKGROUND_FUNCTION_PATH, monthlyTopicBackground.with({ ports: { topics, now: () => clock.now } }), { background: true });
  });
  afterAll(() => env?.stop());
  const schedule = () =>
    monthlyTopicSchedule.with({ ports: { topics, now: () => clock.now } })(
      new Request('http://localhost/.netlify/functions/monthly-topic-schedule', { method: 'POST' }),
      env.context(),
    );

  it('starts the month on its first day; a daily quota stops it part way', async () => {
    const response = await schedule();
    expect(await response.json()).toMatchObject({ started: true, month: MONTH, day: 1 });
    const [run] = await env.settle();
    expect(await run!.json()).toMatchObject({ status: 'stopped', sent: 200, remaining: 100, retryable: true });
    expect(new Set(recipients(env)).size).toBe(200);
  }, 30_000);

  it('resumes an unfinished mailing on a later day of the first week, sending only the rest', async () => {
    clock.now = new Date('2026-10-03T14:00:00Z');
    resendClock += 25 * 60 * 60 * 1000; // the quota has reset
    expect(await (await schedule()).json()).toMatchObject({ started: true, day: 3 });
    const [run] = await env.settle();
    expect(await run!.json()).toMatchObject({ status: 'complete', sent: 100 });
    expect(recipients(env)).toHaveLength(300);
    expect(new Set(recipients(env)).size).toBe(300);
  }, 30_000);

  it('does not start a month that is complete, nor after the first week, nor outside the program', async () => {
    clock.now = new Date('2026-10-04T14:00:00Z');
    expect(await (await schedule()).json()).toMatchObject({ started: false, reason: '2026-10 is complete' });
    clock.now = new Date('2026-10-08T14:00:00Z');
    expect(await (await schedule()).json()).toMatchObject({ started: false, reason: 'day 8 of 2026-10 is after the first week' });
    clock.now = new Date('2027-06-02T14:00:00Z');
    expect(await (await schedule()).json()).toMatchObject({ started: false });
    expect(await env.settle()).toHaveLength(0);
    expect(recipients(env)).toHaveLength(300);
  });
});
