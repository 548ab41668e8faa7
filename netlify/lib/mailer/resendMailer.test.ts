// The Resend adapter with the real resend SDK against the local stand-in (tests/servers/resend/).
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend, type FakeResendOptions } from '../../../tests/servers/resend/fakeResend.ts';
import { MailerError, type OutgoingEmail } from './ports.ts';
import { createResendMailer, type ResendMailerOptions } from './resendMailer.ts';
import { rejection } from '../../../tests/support/rejection.ts';

const API_KEY = 're_test_key';
const SUBJECT = 'Welcome to the mentoring program';

function email(to = 'zoe@example.org', subject = SUBJECT): OutgoingEmail {
  return {
    from: 'Example Mentoring <mentoring@example.org>',
    to: [to],
    subject,
    text: 'Hello Zoë',
    html: '<p>Hello Zoë</p>',
    replyTo: 'committee@example.org',
    headers: { 'List-Unsubscribe': '<https://example.org/email-preferences/?t=abc>' },
  };
}

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setup(server: Partial<FakeResendOptions> = {}, mailer: Partial<ResendMailerOptions> = {}) {
  fake = await startFakeResend({ apiKey: API_KEY, requestsPerSecond: 100, ...server });
  const logs: string[] = [];
  const sleeps: number[] = [];
  const realSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
  const resendMailer = createResendMailer({
    apiKey: API_KEY,
    baseUrl: fake.url,
    log: (message) => logs.push(message),
    sleep: async (ms) => {
      sleeps.push(ms);
      await realSleep(ms);
    },
    ...mailer,
  });
  return { fake, mailer: resendMailer, logs, sleeps };
}

const refusal = (promise: Promise<unknown>) => rejection(promise, MailerError);

describe('Resend mailer', () => {
  it('sends one email with every field mapped and the idempotency key sent', async () => {
    const { fake, mailer, logs } = await setup();
    const { id } = await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({
      id,
      from: 'Example Mentoring <mentoring@example.org>',
      to: ['zoe@example.org'],
      subject: SUBJECT,
      text: 'Hello Zoë',
      html: '<p>Hello Zoë</p>',
      replyTo: ['committee@example.org'],
      headers: { 'List-Unsubscribe': '<https://example.org/email-preferences/?t=abc>' },
      idempotencyKey: 'welcome/1',
    });
    expect(logs.join('\n')).toMatch(/accepted the send of 1 email/);
  });

  it('sends a batch in one request and returns the ids in order', async () => {
    const { fake, mailer } = await setup();
    const { ids } = await mailer.sendBatch([email('a@example.org'), email('b@example.org'), email('c@example.org')], { idempotencyKey: 'monthly/2026-11' });
    expect(ids).toEqual(fake.sent.map((sent) => sent.id));
    expect(fake.sent.map((sent) => sent.to[0])).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect(fake.requests).toMatchObject([{ path: '/emails/batch', idempotencyKey: 'monthly/2026-11', status: 200 }]);
  });

  it('sends once when the same idempotency key is used twice', async () => {
    const { fake, mailer } = await setup();
    const first = await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    const second = await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    expect(second.id).toBe(first.id);
    expect(fake.sent).toHaveLength(1);
    const batchFirst = await mailer.sendBatch([email('a@example.org'), email('b@example.org')], { idempotencyKey: 'batch/1' });
    const batchAgain = await mailer.sendBatch([email('a@example.org'), email('b@example.org')], { idempotencyKey: 'batch/1' });
    expect(batchAgain.ids).toEqual(batchFirst.ids);
    expect(fake.sent).toHaveLength(3);
  });

  it('refuses, without retrying, a key reused for a different email', async () => {
    const { fake, mailer } = await setup();
    await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    const error = await refusal(mailer.send(email('other@example.org'), { idempotencyKey: 'welcome/1' }));
    expect(error).toMatchObject({ retryable: false, status: 409 });
    expect(fake.requests).toHaveLength(2);
  });

  it('honours retry-after on a 429, then sends', async () => {
    const { fake, mailer, sleeps } = await setup();
    fake.faults.rateLimitNext(1, 0.5);
    const startedAt = Date.now();
    await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    const elapsed = Date.now() - startedAt;
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(500);
    expect(sleeps[0]).toBeLessThanOrEqual(600);
    expect(elapsed).toBeGreaterThanOrEqual(490);
    expect(elapsed).toBeLessThan(1500);
    expect(fake.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(fake.sent).toHaveLength(1);
  });

  it('waits out a real rate-limit window when another client used it up', async () => {
    const { fake, mailer } = await setup({ requestsPerSecond: 1 });
    // Another client spends this second's only request (a refused one still counts).
    await fetch(`${fake.url}/emails`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}` }, body: '{}' });
    const startedAt = Date.now();
    await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    const elapsed = Date.now() - startedAt;
    expect(fake.requests.map((request) => request.status)).toEqual([422, 429, 200]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(2500);
  });

  it('retries 5xx answers and dropped connections with backoff, then succeeds', async () => {
    const { fake, mailer, sleeps, logs } = await setup();
    fake.faults.failNext(1, 503);
    fake.faults.failNext(1, 502, { body: 'html' });
    fake.faults.dropNext(1);
    const { id } = await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    expect(fake.requests.map((request) => request.status)).toEqual([503, 502, undefined, 200]);
    expect(fake.sent.map((sent) => sent.id)).toEqual([id]);
    // Jittered exponential backoff: 100-200 ms, 200-400 ms, 400-800 ms.
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, index) => {
      expect(ms).toBeGreaterThanOrEqual(100 * 2 ** index);
      expect(ms).toBeLessThanOrEqual(200 * 2 ** index);
    });
    expect(logs.filter((line) => /retrying/.test(line))).toHaveLength(3);
  });

  it('gives up a hung attempt at its timeout and retries with the same key', async () => {
    const { fake, mailer } = await setup({}, { attemptTimeoutMs: 200 });
    fake.faults.hangNext(1);
    await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    expect(fake.sent).toHaveLength(1);
    expect(fake.requests.map((request) => request.idempotencyKey)).toEqual(['welcome/1', 'welcome/1']);
  });

  it('after a timed-out attempt the server finished, the retry gets the same email, not a second one', async () => {
    const { fake, mailer } = await setup({}, { attemptTimeoutMs: 150 });
    fake.faults.delayNext(1, 400);
    const { id } = await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    expect(fake.sent.map((sent) => sent.id)).toEqual([id]);
    // The retries met the first request still in progress (409), then its stored answer.
    expect(fake.requests.some((request) => request.errorName === 'concurrent_idempotent_requests')).toBe(true);
    expect(fake.requests.at(-1)?.status).toBe(200);
  });

  it('paces itself from the ratelimit headers: 10 batches at 2 requests/second, (almost) no 429', async () => {
    const { fake, mailer } = await setup({ requestsPerSecond: 2 }, { deadlineMs: 5_000, sleep: undefined });
    for (let run = 0; run < 10; run += 1) {
      await mailer.sendBatch([email(`a${run}@example.org`), email(`b${run}@example.org`)], { idempotencyKey: `batch/${run}` });
    }
    expect(fake.sent).toHaveLength(20);
    expect(fake.requests.filter((request) => request.status === 429).length).toBeLessThanOrEqual(1);
  }, 15_000);

  it('paces concurrent calls through one mailer as well', async () => {
    const { fake, mailer } = await setup({ requestsPerSecond: 2 }, { deadlineMs: 5_000, sleep: undefined });
    await Promise.all(Array.from({ length: 5 }, (_, run) => mailer.send(email(`p${run}@example.org`), { idempotencyKey: `parallel/${run}` })));
    expect(fake.sent).toHaveLength(5);
    expect(fake.requests.filter((request) => request.status === 429).length).toBeLessThanOrEqual(1);
  }, 15_000);

  it('reports a used-up daily quota as retryable, without retrying now', async () => {
    const { fake, mailer } = await setup({ dailyQuota: 3 });
    await mailer.sendBatch([email('a@example.org'), email('b@example.org')], { idempotencyKey: 'batch/1' });
    const error = await refusal(mailer.sendBatch([email('c@example.org'), email('d@example.org')], { idempotencyKey: 'batch/2' }));
    expect(error).toMatchObject({ retryable: true, status: 429 });
    expect(error.message).toMatch(/daily email quota is used up/);
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a validation error (422) as not retryable, without the address in the message', async () => {
    const { fake, mailer } = await setup();
    const error = await refusal(mailer.send(email('zoe@example'), { idempotencyKey: 'welcome/1' }));
    expect(error).toMatchObject({ retryable: false, status: 422 });
    expect(error.message).not.toMatch(/zoe/);
    expect(fake.requests).toHaveLength(1);
  });

  it('reports a wrong API key (403) as not retryable', async () => {
    const { fake, mailer } = await setup({}, { apiKey: 're_wrong' });
    const error = await refusal(mailer.send(email(), { idempotencyKey: 'welcome/1' }));
    expect(error).toMatchObject({ retryable: false, status: 403 });
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a batch of 101 before any request', async () => {
    const { fake, mailer } = await setup();
    const emails = Array.from({ length: 101 }, (_, index) => email(`m${index}@example.org`));
    const error = await refusal(mailer.sendBatch(emails, { idempotencyKey: 'batch/too-big' }));
    expect(error.retryable).toBe(false);
    expect(fake.requests).toHaveLength(0);
    expect(await mailer.sendBatch([], { idempotencyKey: 'batch/empty' })).toEqual({ ids: [] });
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses CR or LF in a header value before any request', async () => {
    const { fake, mailer } = await setup();
    await refusal(mailer.send(email('zoe@example.org', 'Hi\r\nBcc: everyone@example.org'), { idempotencyKey: 'a' }));
    await refusal(mailer.send({ ...email(), headers: { 'X-Note': 'a\nb' } }, { idempotencyKey: 'b' }));
    expect(fake.requests).toHaveLength(0);
  });

  it('stops within its deadline when the server keeps failing, as a retryable error', async () => {
    const { fake, mailer } = await setup({}, { deadlineMs: 700 });
    fake.faults.failNext(50, 500);
    const startedAt = Date.now();
    const error = await refusal(mailer.send(email(), { idempotencyKey: 'welcome/1' }));
    expect(Date.now() - startedAt).toBeLessThan(900);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/within 700 ms/);
    expect(fake.sent).toHaveLength(0);
  });

  it('never logs addresses, subjects or bodies', async () => {
    const { fake, mailer, logs } = await setup();
    fake.faults.failNext(1, 503);
    await mailer.send(email(), { idempotencyKey: 'welcome/1' });
    await mailer.sendBatch([email('a@example.org')], { idempotencyKey: 'batch/1' });
    await refusal(mailer.send(email('bad@example'), { idempotencyKey: 'bad' }));
    expect(logs.length).toBeGreaterThanOrEqual(4);
    for (const line of logs) {
      expect(line).not.toMatch(/@|Welcome|Zoë|List-Unsubscribe/);
    }
  });
});
