import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from '../../../tests/servers/resend/fakeResend.ts';
import { MissingConfigurationError } from '../config/environment.ts';
import { createMailer, LOCAL_SENDER, senderAddress } from './createMailer.ts';

const email = { from: 'NASIG Mentoring <mentoring@example.org>', to: ['zoe@example.org'], subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' };
const quiet = () => undefined;

let fake: FakeResend | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('createMailer', () => {
  it('uses Resend at RESEND_BASE_URL when RESEND_API_KEY is set', async () => {
    fake = await startFakeResend({ apiKey: 're_key', requestsPerSecond: 100 });
    const mailer = createMailer({ RESEND_API_KEY: 're_key', RESEND_BASE_URL: fake.url }, { production: true, log: quiet });
    expect(mailer.description).toBe(`Resend (${fake.url})`);
    await mailer.send(email, { idempotencyKey: 'k' });
    expect(fake.sent).toHaveLength(1);
  });

  it('uses the outbox at MAIL_OUTBOX_DIR when RESEND_API_KEY is unset (locally)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    const mailer = createMailer({ MAIL_OUTBOX_DIR: dir, RESEND_API_KEY: '  ' }, { production: false, log: quiet });
    expect(mailer.description).toBe(`local outbox (${dir})`);
    await mailer.send(email, { idempotencyKey: 'k' });
    expect((await readdir(dir)).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
  });

  it('defaults the outbox to .data/outbox', () => {
    expect(createMailer({}, { production: false }).description).toBe('local outbox (.data/outbox)');
  });

  it('refuses to fall back to the outbox in production', () => {
    expect(() => createMailer({ MAIL_OUTBOX_DIR: '/tmp/x' }, { production: true })).toThrow(MissingConfigurationError);
    expect(() => createMailer({}, { production: true })).toThrow(/RESEND_API_KEY/);
  });
});

describe('senderAddress', () => {
  it('is MAIL_FROM when set', () => {
    expect(senderAddress({ MAIL_FROM: 'NASIG Mentoring <mentoring@nasig.org>' }, true)).toBe('NASIG Mentoring <mentoring@nasig.org>');
  });

  it('is a local placeholder locally, and required in production', () => {
    expect(senderAddress({}, false)).toBe(LOCAL_SENDER);
    expect(LOCAL_SENDER).toBe('Mentoring program (local) <mentoring@localhost>');
    expect(() => senderAddress({}, true)).toThrow(MissingConfigurationError);
    expect(() => senderAddress({ MAIL_FROM: '' }, true)).toThrow(/MAIL_FROM/);
  });
});
