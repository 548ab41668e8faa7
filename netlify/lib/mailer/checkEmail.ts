/**
 * Checks both adapters run before sending, so the outbox refuses locally what Resend would
 * refuse in production, and no adapter ever writes a header line a value could split (header
 * injection). Messages name the field, never its value (values hold addresses).
 */
import { MailerError, type OutgoingEmail } from './ports.ts';

/** Resend's batch limit; the outbox keeps the same so local runs fail where production would. */
export const MAX_BATCH_SIZE = 100;
/** Resend's limit on `to` recipients of one email. */
export const MAX_RECIPIENTS = 50;

const LINE_BREAK = /[\r\n]/;
/** RFC 5322 field name: printable US-ASCII except the colon. */
const HEADER_NAME = /^[!-9;-~]+$/;
/** Headers an adapter writes itself; an extra header must not replace or double them. */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'reply-to',
  'sender',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'return-path',
]);

function refuse(message: string): never {
  throw new MailerError(message, false);
}

function checkHeaderValue(value: string, field: string): void {
  if (LINE_BREAK.test(value)) refuse(`The email's ${field} contains a line break (CR or LF); it was refused to prevent header injection.`);
}

/** Throws a non-retryable MailerError when the email cannot be sent as it is. */
export function checkEmail(email: OutgoingEmail): void {
  if (typeof email.from !== 'string' || email.from.trim() === '') refuse('The email has no sender (from).');
  checkHeaderValue(email.from, 'sender (from)');
  if (!Array.isArray(email.to) || email.to.length === 0) refuse('The email has no recipient (to).');
  if (email.to.length > MAX_RECIPIENTS) refuse(`The email has ${email.to.length} recipients; at most ${MAX_RECIPIENTS} are allowed.`);
  for (const recipient of email.to) {
    if (typeof recipient !== 'string' || recipient.trim() === '') refuse('The email has an empty recipient (to).');
    checkHeaderValue(recipient, 'recipient (to)');
  }
  if (typeof email.subject !== 'string' || email.subject.trim() === '') refuse('The email has no subject.');
  checkHeaderValue(email.subject, 'subject');
  if (typeof email.text !== 'string' || typeof email.html !== 'string') refuse('The email needs both a text and an HTML part.');
  if (email.replyTo !== undefined) checkHeaderValue(email.replyTo, 'reply-to');
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    if (!HEADER_NAME.test(name)) refuse('An extra header name is not printable ASCII without a colon (or contains a line break).');
    if (RESERVED_HEADERS.has(name.toLowerCase())) refuse(`The extra header ${name} is set by the mailer itself and cannot be given.`);
    if (typeof value !== 'string') refuse(`The extra header ${name} has no text value.`);
    checkHeaderValue(value, `header ${name}`);
  }
}

/** Checks a batch: its size first (before any call), then every email. */
export function checkBatch(emails: OutgoingEmail[]): void {
  if (emails.length > MAX_BATCH_SIZE) refuse(`A batch holds at most ${MAX_BATCH_SIZE} emails; this one has ${emails.length}.`);
  emails.forEach(checkEmail);
}

/** An idempotency key is required by the port and, like Resend's, 1 to 256 characters. */
export function checkIdempotencyKey(key: string): void {
  if (typeof key !== 'string' || key.length < 1 || key.length > 256) refuse('The idempotency key must be 1 to 256 characters.');
}
