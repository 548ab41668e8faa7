// The Resend stand-in (tests/servers/resend/) checked through the real resend SDK: if it drifts
// from what the SDK sends and expects, the adapter's tests would prove nothing. (This file sits
// here because vitest collects tests under netlify/, not tests/.)
import { Resend } from 'resend';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from '../../../tests/servers/resend/fakeResend.ts';

const API_KEY = 're_test_key';
const email = { from: 'Mentoring <mentoring@example.org>', to: ['zoe@example.org'], subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' };

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function start(options: Partial<Parameters<typeof startFakeResend>[0]> = {}): Promise<{ fake: FakeResend; resend: Resend }> {
  fake = await startFakeResend({ apiKey: API_KEY, requestsPerSecond: 100, ...options });
  return { fake, resend: new Resend(options.apiKey ?? API_KEY, { baseUrl: fake.url }) };
}

describe('fake Resend server', () => {
  it('accepts an email and a batch, records them, and answers with ids and rate-limit headers', async () => {
    const { fake, resend } = await start();
    const one = await resend.emails.send({ ...email, replyTo: 'committee@example.org', headers: { 'List-Unsubscribe': '<https://example.org/u>' } });
    expect(one.error).toBeNull();
    expect(one.headers).toMatchObject({ 'ratelimit-limit': '100', 'ratelimit-remaining': '99', 'ratelimit-reset': '1' });
    const batch = await resend.batch.send([email, { ...email, to: ['b@example.org'] }]);
    expect(batch.error).toBeNull();
    expect(batch.data?.data).toHaveLength(2);
    expect(fake.sent.map((sent) => sent.id)).toEqual([one.data?.id, ...(batch.data?.data ?? []).map((entry) => entry.id)]);
    expect(fake.sent[0]).toMatchObject({
      to: ['zoe@example.org'],
      replyTo: ['committee@example.org'],
      headers: { 'List-Unsubscribe': '<https://example.org/u>' },
      endpoint: '/emails',
    });
    expect(fake.sent[2]).toMatchObject({ to: ['b@example.org'], endpoint: '/emails/batch' });
  });

  it('refuses a missing key with 401 and a wrong key with 403, as Resend does', async () => {
    const { fake } = await start();
    const missing = await fetch(`${fake.url}/emails`, { method: 'POST', body: JSON.stringify(email) });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });
    expect(missing.headers.get('ratelimit-limit')).toBe('100');
    const wrong = await new Resend('re_wrong', { baseUrl: fake.url }).emails.send(email);
    expect(wrong.error).toMatchObject({ statusCode: 403, name: 'invalid_api_key' });
    expect(fake.sent).toHaveLength(0);
  });

  it('answers 422 for missing fields, invalid addresses and batches over 100', async () => {
    const { fake, resend } = await start();
    const send = (body: Record<string, unknown>) => resend.emails.send(body as never);
    expect((await send({ ...email, to: undefined })).error).toMatchObject({ statusCode: 422, name: 'missing_required_field' });
    expect((await send({ ...email, from: undefined })).error).toMatchObject({ statusCode: 422, name: 'missing_required_field' });
    expect((await send({ ...email, subject: undefined })).error).toMatchObject({ statusCode: 422, name: 'missing_required_field' });
    expect((await send({ ...email, to: ['not an address'] })).error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    expect((await send({ ...email, from: 'nobody' })).error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    expect((await send({ ...email, headers: { 'X-Evil': 'a\r\nBcc: x@example.org' } })).error).toMatchObject({ statusCode: 422 });
    const tooMany = await resend.batch.send(Array.from({ length: 101 }, () => email));
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    const oneBad = await resend.batch.send([email, { ...email, to: ['bad'] }]);
    expect(oneBad.error).toMatchObject({ statusCode: 422 });
    expect(fake.sent).toHaveLength(0);
  });

  it('replays the same key and body for 24 hours, refuses a different body, and forgets after', async () => {
    let clock = Date.parse('2026-11-29T10:00:00Z');
    const { fake, resend } = await start({ now: () => clock });
    const first = await resend.emails.send(email, { idempotencyKey: 'welcome/1' });
    const again = await resend.emails.send(email, { idempotencyKey: 'welcome/1' });
    expect(again.data?.id).toBe(first.data?.id);
    expect(fake.sent).toHaveLength(1);
    const other = await resend.emails.send({ ...email, subject: 'Other' }, { idempotencyKey: 'welcome/1' });
    expect(other.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    const asBatch = await resend.batch.send([email], { idempotencyKey: 'welcome/1' });
    expect(asBatch.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect((await resend.emails.send(email, { idempotencyKey: 'k'.repeat(257) })).error).toMatchObject({ statusCode: 400, name: 'invalid_idempotency_key' });
    clock += 24 * 60 * 60 * 1000 + 1;
    const later = await resend.emails.send(email, { idempotencyKey: 'welcome/1' });
    expect(later.data?.id).not.toBe(first.data?.id);
    expect(fake.sent).toHaveLength(2);
    expect(fake.sent[0]?.idempotencyKey).toBe('welcome/1');
  });

  it('answers 409 concurrent_idempotent_requests while the first request with a key is in progress', async () => {
    const { fake, resend } = await start();
    fake.faults.delayNext(1, 300);
    const slow = resend.emails.send(email, { idempotencyKey: 'k1' });
    await new Promise((done) => setTimeout(done, 100));
    const concurrent = await resend.emails.send(email, { idempotencyKey: 'k1' });
    expect(concurrent.error).toMatchObject({ statusCode: 409, name: 'concurrent_idempotent_requests' });
    const first = await slow;
    expect(first.error).toBeNull();
    expect((await resend.emails.send(email, { idempotencyKey: 'k1' })).data?.id).toBe(first.data?.id);
    expect(fake.sent).toHaveLength(1);
  });

  it('limits requests per second with 429 rate_limit_exceeded and retry-after', async () => {
    const { fake, resend } = await start({ requestsPerSecond: 2 });
    const answers = [];
    // Five quick requests span at most two one-second windows, so at least one is refused.
    for (let i = 0; i < 5; i += 1) answers.push(await resend.emails.send(email));
    const limited = answers.filter((answer) => answer.error);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited[0]?.error).toMatchObject({ statusCode: 429, name: 'rate_limit_exceeded' });
    expect(limited[0]?.headers).toMatchObject({ 'retry-after': '1', 'ratelimit-remaining': '0', 'ratelimit-limit': '2', 'ratelimit-reset': '1' });
    expect(fake.sent).toHaveLength(answers.length - limited.length);
  });

  it('counts recipients against the daily quota: 429 daily_quota_exceeded, until 24 hours pass', async () => {
    let clock = Date.parse('2026-11-29T10:00:00Z');
    const { fake, resend } = await start({ dailyQuota: 3, now: () => clock });
    expect((await resend.batch.send([email, email])).error).toBeNull();
    const over = await resend.emails.send({ ...email, to: ['a@example.org', 'b@example.org'] });
    expect(over.error).toMatchObject({ statusCode: 429, name: 'daily_quota_exceeded' });
    expect((await resend.emails.send(email)).error).toBeNull();
    clock += 24 * 60 * 60 * 1000 + 1;
    expect((await resend.emails.send({ ...email, to: ['a@example.org', 'b@example.org'] })).error).toBeNull();
    expect(fake.sent).toHaveLength(4);
  });

  it('injects faults: errors with JSON or HTML bodies, dropped connections, hangs', async () => {
    const { fake, resend } = await start();
    fake.faults.failNext(1, 503);
    fake.faults.failNext(1, 502, { body: 'html' });
    fake.faults.dropNext(1);
    fake.faults.hangNext(1);
    expect(fake.faults.pending).toBe(4);
    expect((await resend.emails.send(email)).error).toMatchObject({ statusCode: 503, name: 'application_error' });
    expect((await resend.emails.send(email)).error).toMatchObject({ statusCode: 502, name: 'application_error' });
    expect((await resend.emails.send(email)).error).toMatchObject({ statusCode: null });
    const hung = await resend.emails.send(email, { signal: AbortSignal.timeout(200) });
    expect(hung.error).toMatchObject({ statusCode: null });
    expect((await resend.emails.send(email)).error).toBeNull();
    expect(fake.sent).toHaveLength(1);
    expect(fake.requests.map((request) => request.status)).toEqual([503, 502, undefined, undefined, 200]);
  });
});
