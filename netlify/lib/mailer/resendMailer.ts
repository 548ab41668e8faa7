/**
 * The Resend adapter of the mailer port; the only non-test file that imports `resend`.
 *
 * The SDK never throws on HTTP errors and has no retry of its own, so this adapter reads each
 * answer's `error` and decides: 429 rate limits wait for retry-after; 5xx, network errors,
 * timeouts and a concurrent request with the same idempotency key back off with jitter and retry;
 * everything else is the request's fault and is not retried. All of it within a deadline per
 * call. Calls through one mailer run one at a time and are paced by the ratelimit-* headers, so
 * a run stays under Resend's per-second limit instead of collecting 429s.
 *
 * Logs carry counts, statuses and timings only: never addresses, subjects or bodies.
 */
import { Resend, type CreateEmailOptions } from 'resend';
import { checkBatch, checkEmail, checkIdempotencyKey } from './checkEmail.ts';
import { MailerError, type Mailer, type OutgoingEmail } from './ports.ts';

export interface ResendMailerOptions {
  apiKey: string;
  /** Resend API base URL (tests: the fake server); unset: the SDK's default (RESEND_BASE_URL or Resend's). */
  baseUrl?: string;
  /** Longest time one send or sendBatch may take, waits and retries included. Default 8 s. */
  deadlineMs?: number;
  /** Longest single HTTP attempt (less when less of the deadline remains). Default 5 s. */
  attemptTimeoutMs?: number;
  /** Counts and statuses only. Default: console.info. */
  log?: (message: string) => void;
  /** Waits between attempts; tests may pass one that records the wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1); tests may fix it. */
  random?: () => number;
}

const DEFAULT_DEADLINE_MS = 8_000;
const DEFAULT_ATTEMPT_TIMEOUT_MS = 5_000;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 4_000;
/** Extra wait after a retry-after, so callers behind the same limit do not retry in lockstep. */
const RETRY_AFTER_JITTER_MS = 100;

interface SdkError {
  statusCode: number | null;
  name: string;
  message: string;
}

interface SdkResult<T> {
  data: T | null;
  error: SdkError | null;
  headers: Record<string, string> | null;
}

type Decision = { retry: false; error: MailerError } | { retry: true; waitMs: number | undefined };

/** Provider messages may quote what they refused; keep addresses out of errors and logs. */
function redactAddresses(message: string): string {
  return message.replace(/[^\s<>()"',;:@]+@[^\s<>()"',;:@]+/g, '[address]');
}

/** Seconds (possibly fractional) or an HTTP date, as milliseconds from now. */
function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function toPayload(email: OutgoingEmail): CreateEmailOptions {
  return {
    from: email.from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    ...(email.replyTo === undefined ? {} : { replyTo: email.replyTo }),
    ...(email.headers === undefined ? {} : { headers: email.headers }),
  };
}

export function createResendMailer(options: ResendMailerOptions): Mailer {
  const resend = new Resend(options.apiKey, options.baseUrl === undefined ? undefined : { baseUrl: options.baseUrl });
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const log = options.log ?? ((message: string) => console.info(message));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const random = options.random ?? Math.random;

  /** Earliest time the next request may start (from ratelimit-* and retry-after headers). */
  let nextRequestAt = 0;
  /** Calls run one after another: pacing needs each answer's headers before the next request. */
  let lane: Promise<unknown> = Promise.resolve();

  function notePacing(headers: Record<string, string> | null): void {
    if (!headers) return;
    const remaining = Number(headers['ratelimit-remaining']);
    const resetMs = parseRetryAfter(headers['ratelimit-reset'], Date.now());
    if (headers['ratelimit-remaining'] !== undefined && remaining <= 0 && resetMs !== undefined) {
      nextRequestAt = Math.max(nextRequestAt, Date.now() + resetMs);
    }
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  function decide(error: SdkError, headers: Record<string, string> | null): Decision {
    const status = error.statusCode ?? undefined;
    const described = `${status ?? 'no answer'} ${error.name}`;
    if (error.name === 'daily_quota_exceeded' || error.name === 'monthly_quota_exceeded') {
      const period = error.name === 'daily_quota_exceeded' ? 'daily' : 'monthly';
      return {
        retry: false,
        error: new MailerError(`Resend’s ${period} email quota is used up (${described}); nothing was sent. Try again once the quota resets.`, true, status),
      };
    }
    if (status === 429) {
      const now = Date.now();
      const waitMs = parseRetryAfter(headers?.['retry-after'], now) ?? parseRetryAfter(headers?.['ratelimit-reset'], now);
      const jittered = waitMs === undefined ? undefined : Math.round(waitMs + random() * RETRY_AFTER_JITTER_MS);
      if (jittered !== undefined) nextRequestAt = Math.max(nextRequestAt, now + jittered);
      return { retry: true, waitMs: jittered };
    }
    // No answer (network error, timeout), a server error, or the same key still in progress.
    if (status === undefined || status >= 500 || error.name === 'concurrent_idempotent_requests') return { retry: true, waitMs: undefined };
    return {
      retry: false,
      error: new MailerError(`Resend refused the email (${described}): ${redactAddresses(error.message ?? '')}`, false, status),
    };
  }

  async function call<T>(operation: string, count: number, attempt: (signal: AbortSignal) => Promise<SdkResult<T>>): Promise<T> {
    const startedAt = Date.now();
    const deadline = startedAt + deadlineMs;
    const outOfTime = (attempts: number, last: string) =>
      new MailerError(`Resend could not take the ${operation} within ${deadlineMs} ms (${attempts} attempts, last: ${last}); try again later.`, true);

    const run = async (): Promise<T> => {
      let last = 'none';
      for (let attempts = 0; ; ) {
        const pause = nextRequestAt - Date.now();
        if (pause > 0) {
          if (Date.now() + pause >= deadline) throw outOfTime(attempts, last);
          await sleep(pause);
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw outOfTime(attempts, last);
        attempts += 1;
        const result = await attempt(AbortSignal.timeout(Math.min(attemptTimeoutMs, remaining))).catch(
          // The SDK turns HTTP and network failures into `error`; anything it throws is treated alike.
          (thrown: unknown): SdkResult<T> => ({
            data: null,
            error: { statusCode: null, name: 'application_error', message: thrown instanceof Error ? thrown.name : 'unknown' },
            headers: null,
          }),
        );
        notePacing(result.headers);
        if (!result.error && result.data !== null) {
          log(`mail: Resend accepted the ${operation} of ${count} email(s) (attempt ${attempts}, ${Date.now() - startedAt} ms).`);
          return result.data;
        }
        const error = result.error ?? { statusCode: null, name: 'application_error', message: 'Resend answered without data.' };
        last = `${error.statusCode ?? 'no answer'} ${error.name}`;
        const decision = decide(error, result.headers);
        if (!decision.retry) {
          log(`mail: Resend did not take the ${operation} of ${count} email(s): ${last} (attempt ${attempts}, ${decision.error.retryable ? 'retry later' : 'not retryable'}).`);
          throw decision.error;
        }
        const waitMs = decision.waitMs ?? backoff(attempts);
        if (Date.now() + waitMs >= deadline) {
          log(`mail: Resend did not take the ${operation} of ${count} email(s) in time: ${last} (attempt ${attempts}).`);
          throw outOfTime(attempts, last);
        }
        log(`mail: Resend answered ${last} to the ${operation} of ${count} email(s); retrying in ${waitMs} ms (attempt ${attempts}).`);
        await sleep(waitMs);
      }
    };

    const result = lane.then(run, run);
    lane = result.catch(() => undefined);
    return result;
  }

  return {
    description: `Resend (${options.baseUrl ?? 'the SDK default API URL'})`,

    async send(email, { idempotencyKey }) {
      checkIdempotencyKey(idempotencyKey);
      checkEmail(email);
      const data = await call('send', 1, (signal) => resend.emails.send(toPayload(email), { idempotencyKey, signal }));
      return { id: data.id };
    },

    async sendBatch(emails, { idempotencyKey }) {
      checkIdempotencyKey(idempotencyKey);
      checkBatch(emails);
      if (emails.length === 0) return { ids: [] };
      const data = await call('batch', emails.length, (signal) => resend.batch.send(emails.map(toPayload), { idempotencyKey, signal }));
      return { ids: data.data.map((entry) => entry.id) };
    },
  };
}
