/**
 * Chooses the mailer from the environment (ARCHITECTURE.md, "Environment variables"):
 * RESEND_API_KEY set → Resend (at RESEND_BASE_URL when set); unset → the local outbox folder
 * (MAIL_OUTBOX_DIR, default .data/outbox). A production deploy never falls back to the outbox:
 * there a missing key or sender is a MissingConfigurationError.
 */
import { readVariable, type Environment } from '../config/environment.ts';
import type { Mailer } from './mailer.ts';
import { createOutboxMailer } from './outboxMailer.ts';
import { createResendMailer } from './resendMailer.ts';

export const DEFAULT_OUTBOX_DIR = '.data/outbox';
export const LOCAL_SENDER = 'Mentoring program (local) <mentoring@localhost>';

export interface CreateMailerOptions {
  production: boolean;
  /** Counts, statuses and paths only. Default: console.info. */
  log?: (message: string) => void;
  /** Time budget of one Resend call, retries included (see resendMailer.ts); default 8 s. */
  deadlineMs?: number;
}

export function createMailer(env: Environment, options: CreateMailerOptions): Mailer {
  const { production } = options;
  const apiKey = readVariable(env, 'RESEND_API_KEY', { production, requiredInProduction: true });
  if (apiKey) {
    const baseUrl = readVariable(env, 'RESEND_BASE_URL', { production, requiredInProduction: false });
    return createResendMailer({
      apiKey,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  }
  const dir = readVariable(env, 'MAIL_OUTBOX_DIR', { production, requiredInProduction: false }) ?? DEFAULT_OUTBOX_DIR;
  return createOutboxMailer({ dir, ...(options.log === undefined ? {} : { log: options.log }) });
}

/** The From address: MAIL_FROM, or a local placeholder; required in production. */
export function senderAddress(env: Environment, production: boolean): string {
  return readVariable(env, 'MAIL_FROM', { production, requiredInProduction: true }) ?? LOCAL_SENDER;
}
