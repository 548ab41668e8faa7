// The local outbox: .eml files checked with an independent MIME parser (postal-mime, which the
// resend package depends on), so "opens in any mail client" is tested, not assumed.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatEml } from './formatEml.ts';
import { MailerError, type OutgoingEmail } from './ports.ts';
import { createOutboxMailer } from './outboxMailer.ts';
import { rejection } from '../../../tests/support/rejection.ts';

const FILE_NAME = /^\d{8}T\d{9}Z-[0-9a-f]{12}-\d+\.eml$/;

function email(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    from: 'Mentoring program (local) <mentoring@localhost>',
    to: ['Zoë Ångström <zoe@example.org>', 'sam@example.org'],
    subject: 'Bienvenue, Zoë — your mentoring match 🎉',
    text: 'Hello Zoë,\n\nYour mentor is Sam.\n= not an escape =\n',
    html: '<p>Hello Zoë,</p>\n<p>Your mentor is <strong>Sam</strong>.</p>',
    replyTo: 'Mentoring Committee <committee@example.org>',
    headers: { 'List-Unsubscribe': '<https://example.org/email-preferences/?t=abc>', 'X-Mentoring-Kind': 'match' },
    ...overrides,
  };
}

let dir = '';
const logs: string[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  logs.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mailer = () => createOutboxMailer({ dir, now: () => new Date('2026-11-29T10:15:00.123Z'), log: (message) => logs.push(message) });
const emlFiles = async () => (await readdir(dir)).filter((name) => name.endsWith('.eml')).sort();

const refusal = (promise: Promise<unknown>) => rejection(promise, MailerError);

describe('outbox mailer', () => {
  it('writes one .eml file a mail parser reads back: headers, both parts, UTF-8', async () => {
    const { id } = await mailer().send(email(), { idempotencyKey: 'match/2026/zoe' });
    expect(await emlFiles()).toEqual([id]);
    expect(id).toMatch(FILE_NAME);
    expect(id.startsWith('20261129T101500123Z-')).toBe(true);
    const raw = await readFile(join(dir, id), 'utf8');
    // 7-bit, CRLF line ends, no line over 998 characters: any mail client or editor copes.
    expect(raw).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
    expect(raw.split('\r\n').every((line) => line.length <= 998 && !line.includes('\n'))).toBe(true);
    expect(raw).toContain('Content-Type: multipart/alternative;');
    expect(raw).toContain('Hello Zo=C3=AB'); // quoted-printable: readable in a text editor

    const parsed = await PostalMime.parse(raw);
    expect(parsed.from).toEqual({ name: 'Mentoring program (local)', address: 'mentoring@localhost' });
    expect(parsed.to).toEqual([
      { name: 'Zoë Ångström', address: 'zoe@example.org' },
      { name: '', address: 'sam@example.org' },
    ]);
    expect(parsed.replyTo).toEqual([{ name: 'Mentoring Committee', address: 'committee@example.org' }]);
    expect(parsed.subject).toBe('Bienvenue, Zoë — your mentoring match 🎉');
    expect(parsed.date).toBe('2026-11-29T10:15:00.000Z');
    expect(parsed.messageId).toMatch(/^<20261129T101500123Z\.[0-9a-f]{12}\.0@outbox\.localhost>$/);
    const header = (key: string) => parsed.headers.find((entry) => entry.key === key)?.value;
    expect(header('list-unsubscribe')).toBe('<https://example.org/email-preferences/?t=abc>');
    expect(header('x-mentoring-kind')).toBe('match');
    expect(header('mime-version')).toBe('1.0');
    expect(parsed.text?.replace(/\n$/, '')).toBe(email().text);
    expect(parsed.html?.replace(/\n$/, '')).toBe(email().html);
    expect(logs.join('\n')).not.toMatch(/@|Zoë/);
  });

  it('writes nothing again for the same idempotency key, and refuses the key for another email', async () => {
    const outbox = mailer();
    const first = await outbox.send(email(), { idempotencyKey: 'match/2026/zoe' });
    const again = await createOutboxMailer({ dir, log: () => undefined }).send(email(), { idempotencyKey: 'match/2026/zoe' });
    expect(again.id).toBe(first.id);
    expect(await emlFiles()).toHaveLength(1);
    const error = await refusal(outbox.send(email({ subject: 'Something else' }), { idempotencyKey: 'match/2026/zoe' }));
    expect(error).toMatchObject({ retryable: false, status: 409 });
    expect(await emlFiles()).toHaveLength(1);
    await Promise.all([1, 2, 3].map(() => outbox.send(email(), { idempotencyKey: 'parallel' })));
    expect(await emlFiles()).toHaveLength(2);
  });

  it('writes one file per email of a batch, once', async () => {
    const outbox = mailer();
    const batch = [email({ to: ['a@example.org'] }), email({ to: ['b@example.org'] }), email({ to: ['c@example.org'] })];
    const { ids } = await outbox.sendBatch(batch, { idempotencyKey: 'monthly/2026-11' });
    expect(ids).toHaveLength(3);
    expect(ids.map((id) => id.slice(-6))).toEqual(['-0.eml', '-1.eml', '-2.eml']);
    expect(await emlFiles()).toEqual([...ids].sort());
    const recipients = await Promise.all(ids.map(async (id) => (await PostalMime.parse(await readFile(join(dir, id), 'utf8'))).to?.[0]?.address));
    expect(recipients).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
    expect((await outbox.sendBatch(batch, { idempotencyKey: 'monthly/2026-11' })).ids).toEqual(ids);
    expect(await emlFiles()).toHaveLength(3);
    await refusal(
      outbox.sendBatch(
        Array.from({ length: 101 }, () => email()),
        { idempotencyKey: 'too-big' },
      ),
    );
    expect(await emlFiles()).toHaveLength(3);
  });

  it('refuses CR or LF in any header value or name (no header injection), writing nothing', async () => {
    const outbox = mailer();
    const attempts: OutgoingEmail[] = [
      email({ subject: 'Hello\r\nBcc: everyone@example.org' }),
      email({ subject: 'Hello\nBcc: everyone@example.org' }),
      email({ from: 'a@example.org\rBcc: x@example.org' }),
      email({ to: ['a@example.org\nBcc: x@example.org'] }),
      email({ replyTo: 'a@example.org\r\n' }),
      email({ headers: { 'X-Note': 'fine\r\nBcc: x@example.org' } }),
      email({ headers: { 'X-Note\r\nBcc': 'x@example.org' } }),
      email({ headers: { Bcc: 'x@example.org' } }),
    ];
    for (const [index, attempt] of attempts.entries()) {
      const error = await refusal(outbox.send(attempt, { idempotencyKey: `injection/${index}` }));
      expect(error.retryable).toBe(false);
      expect(error.message).not.toMatch(/@/);
    }
    expect(await readdir(dir)).toEqual([]);
  });

  it('round-trips any subject, names and bodies through a mail parser', async () => {
    // Found by this property in CI: a name with U+2028 slipped past the mailbox pattern unencoded.
    const separated = formatEml(email({ to: ['!\u2028! <zoe@example.org>'] }), { date: new Date('2026-11-29T10:15:00Z'), messageId: 'x@outbox.localhost' });
    expect(separated).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
    expect((await PostalMime.parse(separated)).to?.[0]).toEqual({ name: '!\u2028!', address: 'zoe@example.org' });
    const line = fc.string({ unit: 'grapheme', maxLength: 60 }).filter((value) => !/[\r\n]/.test(value));
    const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((value) => /^[^\r\n"\\<>]*\S[^\r\n"\\<>]*$/.test(value));
    await fc.assert(
      fc.asyncProperty(line, name, fc.string({ unit: 'grapheme', maxLength: 300 }), async (subject, displayName, body) => {
        // Parsers collapse runs of white space in plain headers and trim them; leave those out.
        fc.pre(subject.trim() !== '' && subject === subject.trim() && !/\s\s|\t/.test(subject) && displayName === displayName.trim());
        const message = email({ subject, to: [`${displayName} <zoe@example.org>`], text: body, html: `<p>${body}</p>` });
        const raw = formatEml(message, { date: new Date('2026-11-29T10:15:00Z'), messageId: 'x@outbox.localhost' });
        expect(raw).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
        const parsed = await PostalMime.parse(raw);
        expect(parsed.subject).toBe(subject);
        expect(parsed.to?.[0]).toEqual({ name: displayName, address: 'zoe@example.org' });
        expect(parsed.text?.replace(/\n$/, '')).toBe(body.replace(/\r\n?/g, '\n'));
      }),
      { numRuns: 200 },
    );
  });
});
