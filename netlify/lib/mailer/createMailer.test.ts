import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeResend, type FakeResend } from '../../../tests/servers/resend/fakeResend.ts';
import { type Environment, MissingConfigurationError, parseEnvironment } from '../config/environment.ts';
import { type CreateMailerOptions, createMailer, LOCAL_SENDER } from './createMailer.ts';

/** The variables a production deploy requires besides the one a case is about, so that each case is about that one alone. */
const PRODUCTION_REST: Environment = {
  SITE_URL: 'https://mentoring.example.org',
  RECORDS_REPO: 'nasig/records',
  GITHUB_TOKEN: 't',
  LINK_SIGNING_SECRET: 'signing-secret',
  RESEND_API_KEY: 're_key',
  MAIL_FROM: 'NASIG Mentoring <mentoring@example.org>',
};

/** The environment parsed as the composition root parses it; in production with the other required variables (PRODUCTION_REST but `about`) set. */
function configFor(env: Environment, production: boolean, about: 'RESEND_API_KEY' | 'MAIL_FROM') {
  const { [about]: _left, ...rest } = PRODUCTION_REST;
  return parseEnvironment(production ? { ...rest, ...env } : env, { production });
}

/** The mailer the environment names. */
function mailerFor(env: Environment, options: { production: boolean } & CreateMailerOptions) {
  const { production, ...rest } = options;
  return createMailer(configFor(env, production, 'RESEND_API_KEY').mail, rest);
}

/** The From address the environment names. */
const senderAddress = (env: Environment, production: boolean) => configFor(env, production, 'MAIL_FROM').sender;

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
    const mailer = mailerFor({ RESEND_API_KEY: 're_key', RESEND_BASE_URL: fake.url }, { production: true, log: quiet });
    expect(mailer.description).toBe(`Resend (${fake.url})`);
    await mailer.send(email, { idempotencyKey: 'k' });
    expect(fake.sent).toHaveLength(1);
  });

  it('uses the outbox at MAIL_OUTBOX_DIR when RESEND_API_KEY is unset (locally)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    const mailer = mailerFor({ MAIL_OUTBOX_DIR: dir, RESEND_API_KEY: '  ' }, { production: false, log: quiet });
    expect(mailer.description).toBe(`local outbox (${dir})`);
    await mailer.send(email, { idempotencyKey: 'k' });
    expect((await readdir(dir)).filter((name) => name.endsWith('.eml'))).toHaveLength(1);
  });

  it('defaults the outbox to .data/outbox', () => {
    expect(mailerFor({}, { production: false }).description).toBe('local outbox (.data/outbox)');
  });

  it('refuses to fall back to the outbox in production', () => {
    expect(() => mailerFor({ MAIL_OUTBOX_DIR: '/tmp/x' }, { production: true })).toThrow(MissingConfigurationError);
    expect(() => mailerFor({}, { production: true })).toThrow(/RESEND_API_KEY/);
  });
});

describe('the sender address (MAIL_FROM)', () => {
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
