/**
 * The mailer for the configuration the environment schema parsed (config/environment.ts):
 * RESEND_API_KEY set → Resend (at RESEND_BASE_URL when set); unset → the local outbox folder
 * (MAIL_OUTBOX_DIR, default .data/outbox). The schema makes a production deploy without the key
 * or the sender a MissingConfigurationError, so this never falls back to the outbox there.
 * Called by the composition root only.
 */
import type { MailConfig } from '../config/environment.ts';
import type { Mailer } from './ports.ts';
import { createOutboxMailer } from './outboxMailer.ts';
import { createResendMailer } from './resendMailer.ts';

export { DEFAULT_OUTBOX_DIR, LOCAL_SENDER } from '../config/environment.ts';

export interface CreateMailerOptions {
  /** Counts, statuses and paths only. Default: console.info. */
  log?: (message: string) => void;
  /** Time budget of one Resend call, retries included (see resendMailer.ts); default 8 s. */
  deadlineMs?: number;
}

export function createMailer(config: MailConfig, options: CreateMailerOptions = {}): Mailer {
  if (config.kind === 'resend') {
    return createResendMailer({
      apiKey: config.apiKey,
      ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
      ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  }
  return createOutboxMailer({ dir: config.dir, ...(options.log === undefined ? {} : { log: options.log }) });
}
