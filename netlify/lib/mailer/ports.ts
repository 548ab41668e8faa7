/**
 * The mailer port. Two adapters implement it: Resend (production) and a local outbox folder
 * with one readable file per email (the default locally). Retries, rate limits and pacing are
 * the adapter's job; the services only say what to send.
 */
export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  /** Plain-text part. */
  text: string;
  /** HTML part; every value in it already escaped by the template. */
  html: string;
  replyTo?: string;
  /** Extra headers such as List-Unsubscribe; names and values free of CR and LF. */
  headers?: Record<string, string>;
}

export interface Mailer {
  readonly description: string;
  /** Sends one email. The key makes a retried call send it once. */
  send(email: OutgoingEmail, options: { idempotencyKey: string }): Promise<{ id: string }>;
  /** Sends up to 100 emails in one call, all or none. */
  sendBatch(emails: OutgoingEmail[], options: { idempotencyKey: string }): Promise<{ ids: string[] }>;
}

/** The provider refused or failed after the adapter's retries. `retryable` when trying later may work. */
export class MailerError extends Error {
  override name = 'MailerError';
  readonly retryable: boolean;
  readonly status: number | undefined;
  constructor(message: string, retryable: boolean, status?: number) {
    super(message);
    this.retryable = retryable;
    this.status = status;
  }
}
