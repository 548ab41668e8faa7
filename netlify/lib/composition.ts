/**
 * The composition root: the one place that chooses every adapter (records store, mailer, Blobs
 * queues and applicant index, clock, secrets, the background-mailing starter) from the
 * environment, for the submission and the mailing services alike, in the functions and in the
 * committee commands (scripts/). The environment is parsed once per invocation, on first use,
 * by the schema in config/environment.ts; anything a test hands in replaces the environment's
 * choice.
 */
import type { Context } from '@netlify/functions';
import { createGitHubIdentity } from './committee/identity.ts';
import type { WorkspacePorts } from './committee/ports.ts';
import type { Settings } from '../../src/schemas/settings.ts';
import { serverClock } from './config/clock.ts';
import { type Environment, isProductionDeploy, LOCAL_SESSION_SECRET, MissingConfigurationError, parseEnvironment, type ServerConfig } from './config/environment.ts';
import { createMailer } from './mailer/createMailer.ts';
import type { Mailer } from './mailer/ports.ts';
import { createOutboxReader } from './mailer/outboxReader.ts';
import type { MailingPorts } from './mailing/ports.ts';
import type { MyApplicationPorts } from './privacy/myApplication.ts';
import { createFileTopicsSource } from './mailing/topics.ts';
import { createBlobsEndedSessions } from './queue/blobsEndedSessions.ts';
import { createBlobsApplicantIndex } from './queue/blobsIndex.ts';
import { createBlobsQueue } from './queue/blobsQueue.ts';
import type { DurableQueue } from './queue/durableQueue.ts';
import { createRecordsStore, type RecordsStoreSettings } from './records/createRecordsStore.ts';
import type { RecordsStore } from './records/ports.ts';
import type { DailyRebuildPorts } from './site/dailyRebuild.ts';
import type { HeldForReview } from './submissions/heldForReview.ts';
import type { HeldEmail, HeldRecord, SubmissionPorts } from './submissions/ports.ts';

/** One invocation's view of the world: its deploy context, its configuration, its log. */
export interface Runtime {
  production: boolean;
  /** The environment parsed by the schema, once (on first use); throws MissingConfigurationError. */
  config(): ServerConfig;
  /** Ids, paths and counts only: never names, addresses or answers. */
  log: (line: string) => void;
}

export interface RuntimeOptions {
  /** Default: process.env, read when the configuration is first asked for. */
  env?: Environment;
  /** Default: console.log. */
  log?: (line: string) => void;
}

/** The runtime of one function invocation (production when Netlify's deploy context says so). */
export function runtimeFor(context: Pick<Context, 'deploy'> | undefined, options: RuntimeOptions = {}): Runtime {
  const production = isProductionDeploy(context);
  let config: ServerConfig | undefined;
  return {
    production,
    config: () => (config ??= parseEnvironment(options.env ?? process.env, { production })),
    log: options.log ?? ((line) => console.log(line)),
  };
}

/** The runtime of a committee command: the environment of the committee member's machine (never a production deploy), a log on stderr. */
export function commandRuntime(env: Environment = process.env): Runtime {
  return runtimeFor(undefined, { env, log: (line) => process.stderr.write(`${line}\n`) });
}

/** The records store the environment names (the matching commands use it alone). */
export function recordsStore(runtime: Runtime, options: Pick<RecordsStoreSettings, 'github'> = {}): RecordsStore {
  return createRecordsStore(runtime.config().records, { log: runtime.log, ...options });
}

function mailer(runtime: Runtime, deadlineMs?: number): Mailer {
  return createMailer(runtime.config().mail, { log: runtime.log, ...(deadlineMs === undefined ? {} : { deadlineMs }) });
}

/** The server's "now" (SITE_NOW outside production). */
export function serverNow(runtime: Runtime): () => Date {
  return serverClock(runtime.config());
}

/** Emails Resend would not take, kept in Netlify Blobs until the drain (drain-held) sends them. */
export const heldEmailsQueue = (): DurableQueue<HeldEmail> => createBlobsQueue<HeldEmail>({ name: 'held-emails' });

/** Everything the submission service (forms, drain) needs. */
export function submissionPorts(runtime: Runtime, settings: Settings, afterResponse: (work: Promise<unknown>) => void): SubmissionPorts {
  const config = runtime.config();
  return {
    records: recordsStore(runtime),
    reviewQueue: createBlobsQueue<HeldForReview>({ name: 'held-for-review' }),
    heldRecords: createBlobsQueue<HeldRecord>({ name: 'held-records' }),
    mailer: mailer(runtime),
    heldEmails: heldEmailsQueue(),
    applicantIndex: createBlobsApplicantIndex({ secret: config.linkSigningSecret }),
    settings,
    sender: config.sender,
    committeeEmail: config.committeeEmail ?? settings.contactEmail,
    siteUrl: config.siteUrl,
    signingSecret: config.linkSigningSecret,
    now: serverNow(runtime),
    log: runtime.log,
    afterResponse,
  };
}

export interface MailingPortOptions {
  /** Longest one mailer call may take, waits for rate limits and retries included; default 8 s. */
  mailerDeadlineMs?: number;
}

/** Everything the mailing services need; anything in `overrides` replaces the environment's choice. */
export function mailingPorts(runtime: Runtime, settings: Settings, overrides: Partial<MailingPorts> = {}, options: MailingPortOptions = {}): MailingPorts {
  const config = runtime.config();
  return {
    records: overrides.records ?? recordsStore(runtime),
    mailer: overrides.mailer ?? mailer(runtime, options.mailerDeadlineMs),
    settings: overrides.settings ?? settings,
    topics: overrides.topics ?? createFileTopicsSource(),
    now: overrides.now ?? serverNow(runtime),
    log: overrides.log ?? runtime.log,
    sender: overrides.sender ?? config.sender,
    committeeEmail: overrides.committeeEmail ?? config.committeeEmail ?? settings.contactEmail,
    siteUrl: overrides.siteUrl ?? config.siteUrl,
    signingSecret: overrides.signingSecret ?? config.linkSigningSecret,
  };
}

/** The applicant's own link (/my-application/): the mailing ports, and the held emails for a confirmation Resend would not take. */
export function myApplicationPorts(runtime: Runtime, settings: Settings, overrides: Partial<MyApplicationPorts> = {}): MyApplicationPorts {
  return { ...mailingPorts(runtime, settings, overrides), heldEmails: overrides.heldEmails ?? heldEmailsQueue() };
}

/** What the daily rebuild needs: the build hook, the program's time zone, the real clock. */
export function dailyRebuildPorts(runtime: Runtime, settings: Settings): DailyRebuildPorts {
  return { buildHookUrl: runtime.config().buildHookUrl, timeZone: settings.timeZone, now: new Date(), fetch, log: runtime.log };
}

/** Where Netlify serves the background mailing function (its file name: monthly-topic-background.ts). */
export const BACKGROUND_FUNCTION_PATH = '/.netlify/functions/monthly-topic-background';

/** Starts the background mailing of a month: an authenticated POST to the background function at `origin`. */
export type StartBackgroundMailing = (origin: string, month: string, secret: string) => Promise<Response>;

export const startBackgroundMailing: StartBackgroundMailing = (origin, month, secret) =>
  fetch(`${origin}${BACKGROUND_FUNCTION_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ month }),
    signal: AbortSignal.timeout(10_000),
  });

/**
 * Everything the committee workspace needs. The local "continue as the committee" stand-in exists
 * only with the local records store and outside every Netlify deploy (production, branch and
 * preview deploys all have a deploy context other than "dev"); otherwise GitHub decides who may
 * sign in.
 */
export function workspacePorts(runtime: Runtime, settings: Settings, context: Pick<Context, 'deploy'> | undefined): WorkspacePorts {
  const config = runtime.config();
  const deployContext = context?.deploy?.context;
  const onNetlify = deployContext !== undefined && deployContext !== 'dev';
  const records = config.records;
  const localSignIn = records.kind === 'local' && !onNetlify && !runtime.production;
  // The local key is public: only the local stand-in may sign with it, never a deploy that signs in with GitHub.
  const sessionSecret = config.committee.sessionSecret ?? (localSignIn ? LOCAL_SESSION_SECRET : undefined);
  if (!sessionSecret)
    throw new MissingConfigurationError(
      'COMMITTEE_SESSION_SECRET is not set, and the committee workspace needs it to sign its sessions: set a long random value in the site’s environment variables.',
    );
  return {
    records: recordsStore(runtime),
    mailing: mailingPorts(runtime, settings),
    submissions: submissionPorts(runtime, settings, () => {}),
    startMonthlyMailing: config.mailerSecret
      ? async (month) => {
          const response = await startBackgroundMailing(config.siteUrl, month, config.mailerSecret!);
          return { ok: response.ok, status: response.status };
        }
      : undefined,
    // Emails kept on this computer can be read in the workspace; a deploy sends them (Resend).
    localOutbox: config.mail.kind === 'outbox' && !onNetlify && !runtime.production ? createOutboxReader(config.mail.dir) : undefined,
    settings,
    now: serverNow(runtime),
    log: runtime.log,
    sessionSecret,
    localSignIn,
    identity: records.kind === 'github' ? createGitHubIdentity({ repo: records.repo, apiUrl: records.apiUrl }) : null,
    authUrl: config.committee.authUrl,
    siteId: config.committee.siteId,
    siteUrl: config.siteUrl,
    endedSessions: createBlobsEndedSessions(),
  };
}
