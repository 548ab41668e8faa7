/**
 * The mailing's composition root: ports chosen from the environment (ARCHITECTURE.md,
 * "Environment variables"), as the functions and the committee commands use them. Anything in
 * `overrides` replaces the environment's choice (tests hand in their own topics or clock).
 */
import type { Settings } from '../../../src/schemas/settings.ts';
import { linkSigningSecret, type Runtime } from '../composition.ts';
import { serverClock } from '../config/clock.ts';
import { readVariable, siteUrl } from '../config/environment.ts';
import { createMailer, senderAddress } from '../mail/createMailer.ts';
import { createRecordsStore } from '../records/createRecordsStore.ts';
import { createFileGuidanceSource } from './guidance.ts';
import type { MailingPorts } from './ports.ts';
import { createFileTopicsSource } from './topics.ts';

export interface MailingPortOptions {
  /** Longest one mailer call may take, waits for rate limits and retries included; default 8 s. */
  mailerDeadlineMs?: number;
}

export function mailingPorts(runtime: Runtime, settings: Settings, overrides: Partial<MailingPorts> = {}, options: MailingPortOptions = {}): MailingPorts {
  const { env, production, log } = runtime;
  return {
    records: overrides.records ?? createRecordsStore(env, { production, log }),
    mailer: overrides.mailer ?? createMailer(env, { production, log, ...(options.mailerDeadlineMs === undefined ? {} : { deadlineMs: options.mailerDeadlineMs }) }),
    settings: overrides.settings ?? settings,
    topics: overrides.topics ?? createFileTopicsSource(),
    guidance: overrides.guidance ?? createFileGuidanceSource(),
    now: overrides.now ?? serverClock(env, production),
    log: overrides.log ?? log,
    sender: overrides.sender ?? senderAddress(env, production),
    committeeEmail: overrides.committeeEmail ?? readVariable(env, 'COMMITTEE_EMAIL', { production, requiredInProduction: false }) ?? settings.contactEmail,
    siteUrl: overrides.siteUrl ?? siteUrl(env, production),
    signingSecret: overrides.signingSecret ?? linkSigningSecret(runtime),
  };
}
