/**
 * A mailer port for the mailing services' unit tests: keeps every accepted email, replays a
 * repeated idempotency key like Resend (nothing sent twice within the key's life), and can be
 * told to fail. Integration tests use the Resend adapter against the local Resend server instead.
 */
import { MailerError, type Mailer, type OutgoingEmail } from '../../../netlify/lib/mailer/ports.ts';

export interface RecordingMailer extends Mailer {
  sent: OutgoingEmail[];
  batchCalls: Array<{ idempotencyKey: string; size: number; replayed: boolean }>;
  /** The next `count` calls throw this error (default: a retryable MailerError). */
  failNext(count: number, error?: Error): void;
  /** Throws after this many accepted batch calls (a crash part way). */
  crashAfterBatches(count: number): void;
}

export function createRecordingMailer(): RecordingMailer {
  const sent: OutgoingEmail[] = [];
  const batchCalls: RecordingMailer['batchCalls'] = [];
  const keys = new Map<string, string[]>();
  const failures: Error[] = [];
  let crashAfter: number | undefined;
  let counter = 0;
  const accept = (emails: OutgoingEmail[], key: string, batch: boolean): string[] => {
    const failure = failures.shift();
    if (failure) throw failure;
    if (batch && crashAfter !== undefined && batchCalls.filter((call) => !call.replayed).length >= crashAfter) throw new Error('simulated crash');
    const known = keys.get(key);
    if (known) {
      if (batch) batchCalls.push({ idempotencyKey: key, size: emails.length, replayed: true });
      return known;
    }
    const ids = emails.map(() => {
      counter += 1;
      return `email-${counter}`;
    });
    keys.set(key, ids);
    sent.push(...emails);
    if (batch) batchCalls.push({ idempotencyKey: key, size: emails.length, replayed: false });
    return ids;
  };
  return {
    description: 'recording mailer',
    sent,
    batchCalls,
    failNext(count, error = new MailerError('Resend’s daily email quota is used up.', true, 429)) {
      for (let index = 0; index < count; index += 1) failures.push(error);
    },
    crashAfterBatches(count) {
      crashAfter = count;
    },
    async send(email, { idempotencyKey }) {
      return { id: accept([email], idempotencyKey, false)[0]! };
    },
    async sendBatch(emails, { idempotencyKey }) {
      if (emails.length > 100) throw new MailerError('A batch holds at most 100 emails.', false);
      return { ids: accept(emails, idempotencyKey, true) };
    },
  };
}
