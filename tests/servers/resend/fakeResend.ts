/**
 * A local stand-in for Resend's email API, as the resend SDK (6.38) uses it: POST /emails and
 * POST /emails/batch with Bearer authentication, Resend's error bodies
 * ({ statusCode, name, message }), idempotency keys (24 h), the per-second rate limit with its
 * ratelimit-* headers on every response, a daily email quota, and faults a test can inject.
 * Accepted emails are recorded in `sent` for assertions; nothing leaves the machine.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeResendOptions {
  /** The one key the server accepts (Authorization: Bearer <key>). */
  apiKey: string;
  /** Requests allowed per one-second window; Resend's default is 2. */
  requestsPerSecond?: number;
  /** Emails (recipients) allowed per rolling 24 hours; unlimited when unset. */
  dailyQuota?: number;
  /** Clock for the idempotency window and the quota (ms since epoch); tests may move it. */
  now?: () => number;
}

/** One email the server accepted (what Resend would have delivered). */
export interface AcceptedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string | undefined;
  html: string | undefined;
  replyTo: string[] | undefined;
  headers: Record<string, string>;
  idempotencyKey: string | undefined;
  endpoint: '/emails' | '/emails/batch';
  acceptedAt: Date;
}

/** Every request the server saw, in arrival order; `status` is filled in when it answers. */
export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  at: number;
  status: number | undefined;
  /** The error name of a refused request (rate_limit_exceeded, validation_error...). */
  errorName: string | undefined;
}

/** Faults the next requests meet, in the order they were queued; one fault per request. */
export interface FaultControl {
  /** The next `count` requests answer `status` (a Resend-style JSON body, or an HTML page). */
  failNext(count: number, status?: number, options?: { body?: 'json' | 'html'; retryAfterSeconds?: number }): void;
  /** The next `count` requests answer 429 rate_limit_exceeded with this retry-after. */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /** The next `count` requests are processed normally but answered only after `ms`. */
  delayNext(count: number, ms: number): void;
  /** The next `count` requests are never answered (until stop()). */
  hangNext(count: number): void;
  /** The next `count` connections are dropped without an answer (a network error). */
  dropNext(count: number): void;
  /** Forgets queued faults. */
  clear(): void;
  /** How many queued faults remain. */
  readonly pending: number;
}

export interface FakeResend {
  /** Base URL to give the SDK (new Resend(key, { baseUrl })). */
  url: string;
  sent: AcceptedEmail[];
  requests: RecordedRequest[];
  faults: FaultControl;
  stop(): Promise<void>;
}

type Fault =
  | { kind: 'fail'; status: number; body: 'json' | 'html'; retryAfterSeconds: number | undefined }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number }
  | { kind: 'hang' }
  | { kind: 'drop' };

interface StoredIdempotentRequest {
  fingerprint: string;
  expiresAt: number;
  /** Undefined while the first request with this key is still being processed. */
  response: { status: number; body: unknown } | undefined;
}

class ApiError extends Error {
  readonly status: number;
  readonly errorName: string;
  readonly extraHeaders: Record<string, string>;
  constructor(status: number, errorName: string, message: string, extraHeaders: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.errorName = errorName;
    this.extraHeaders = extraHeaders;
  }
}

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;
const RATE_WINDOW_MS = 1000;
const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;
const MAX_IDEMPOTENCY_KEY = 256;

export async function startFakeResend(options: FakeResendOptions): Promise<FakeResend> {
  const now = options.now ?? Date.now;
  const limit = options.requestsPerSecond ?? 2;
  const sent: AcceptedEmail[] = [];
  const requests: RecordedRequest[] = [];
  const faultQueue: Fault[] = [];
  const idempotency = new Map<string, StoredIdempotentRequest>();
  const quotaUse: Array<{ at: number; count: number }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  // Fixed one-second windows, as Resend counts them; only requests let through are counted.
  let windowStart = 0;
  let windowCount = 0;

  function currentWindow(): { count: number; resetSeconds: number } {
    const time = Date.now();
    if (time - windowStart >= RATE_WINDOW_MS) {
      windowStart = time - (time % RATE_WINDOW_MS);
      windowCount = 0;
    }
    return { count: windowCount, resetSeconds: Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - time) / 1000)) };
  }

  function rateLimitHeaders(): Record<string, string> {
    const { count, resetSeconds } = currentWindow();
    return {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - count)),
      'ratelimit-reset': String(resetSeconds),
    };
  }

  function answer(response: ServerResponse, record: RecordedRequest, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
    record.status = status;
    if (status >= 400 && body && typeof body === 'object' && 'name' in body) record.errorName = String(body.name);
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...rateLimitHeaders(), ...extraHeaders });
    response.end(text);
  }

  function answerError(response: ServerResponse, record: RecordedRequest, error: ApiError): void {
    answer(response, record, error.status, { statusCode: error.status, name: error.errorName, message: error.message }, error.extraHeaders);
  }

  const wait = (ms: number) =>
    new Promise<void>((done) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        done();
      }, ms);
      timers.add(timer);
    });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const keyHeader = request.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
    const record: RecordedRequest = { method: request.method ?? 'GET', path, idempotencyKey, at: Date.now(), status: undefined, errorName: undefined };
    requests.push(record);
    const rawBody = await readBody(request);

    const fault = faultQueue.shift();
    let delayMs = 0;
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'fail') {
      const retryAfter: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      if (fault.body === 'html') {
        record.status = fault.status;
        response.writeHead(fault.status, { 'content-type': 'text/html', ...rateLimitHeaders(), ...retryAfter });
        response.end(`<html><body><h1>${fault.status}</h1></body></html>`);
        return;
      }
      const name = fault.status === 500 ? 'internal_server_error' : 'application_error';
      answer(response, record, fault.status, { statusCode: fault.status, name, message: 'The fake Resend server was told to fail this request.' }, retryAfter);
      return;
    }
    if (fault?.kind === 'rateLimit') {
      answerError(
        response,
        record,
        new ApiError(429, 'rate_limit_exceeded', 'Too many requests. Please limit the number of requests per second.', { 'retry-after': String(fault.retryAfterSeconds) }),
      );
      return;
    }
    if (fault?.kind === 'delay') delayMs = fault.ms;

    let reservedKey: string | undefined;
    try {
      authenticate(request.headers.authorization, options.apiKey);
      if (path !== '/emails' && path !== '/emails/batch') throw new ApiError(404, 'not_found', 'The requested endpoint does not exist.');
      const endpoint: AcceptedEmail['endpoint'] = path;
      if (record.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Method is not allowed for the requested path.');

      const window = currentWindow();
      if (window.count >= limit) {
        throw new ApiError(429, 'rate_limit_exceeded', 'Too many requests. Please limit the number of requests per second. Or contact support to increase rate limit.', {
          'retry-after': String(window.resetSeconds),
        });
      }
      windowCount += 1;

      let body: unknown;
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new ApiError(400, 'validation_error', 'The request body is not valid JSON.');
      }

      if (idempotencyKey !== undefined) {
        if (idempotencyKey.length < 1 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY) {
          throw new ApiError(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
        }
        const fingerprint = createHash('sha256')
          .update(`${path}\n${JSON.stringify(body)}`)
          .digest('hex');
        const stored = idempotency.get(idempotencyKey);
        if (stored && stored.expiresAt > now()) {
          if (stored.fingerprint !== fingerprint) {
            throw new ApiError(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
          }
          if (!stored.response) {
            throw new ApiError(409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress.');
          }
          answer(response, record, stored.response.status, stored.response.body);
          return;
        }
        idempotency.set(idempotencyKey, { fingerprint, expiresAt: now() + IDEMPOTENCY_WINDOW_MS, response: undefined });
        reservedKey = idempotencyKey;
      }

      const emails = endpoint === '/emails/batch' ? validateBatch(body) : [validateEmail(body, '')];
      const recipients = emails.reduce((total, email) => total + email.to.length + email.cc + email.bcc, 0);
      if (options.dailyQuota !== undefined) {
        const since = now() - QUOTA_WINDOW_MS;
        const used = quotaUse.filter((use) => use.at > since).reduce((total, use) => total + use.count, 0);
        if (used + recipients > options.dailyQuota) {
          throw new ApiError(429, 'daily_quota_exceeded', 'You have reached your daily email sending quota.');
        }
      }
      quotaUse.push({ at: now(), count: recipients });

      if (delayMs > 0) await wait(delayMs);
      if (stopped) return;

      const acceptedAt = new Date(now());
      const accepted = emails.map(
        (email): AcceptedEmail => ({
          id: randomUUID(),
          from: email.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          replyTo: email.replyTo,
          headers: email.headers,
          idempotencyKey,
          endpoint,
          acceptedAt,
        }),
      );
      sent.push(...accepted);
      const responseBody = endpoint === '/emails/batch' ? { data: accepted.map((email) => ({ id: email.id })) } : { id: accepted[0]?.id };
      if (reservedKey !== undefined) {
        const stored = idempotency.get(reservedKey);
        if (stored) stored.response = { status: 200, body: responseBody };
      }
      answer(response, record, 200, responseBody);
    } catch (error) {
      // Only successful requests keep their key: a refused one may be corrected and retried.
      if (reservedKey !== undefined) idempotency.delete(reservedKey);
      if (error instanceof ApiError) {
        answerError(response, record, error);
        return;
      }
      answer(response, record, 500, { statusCode: 500, name: 'internal_server_error', message: String(error) });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;

  const faults: FaultControl = {
    failNext(count, status = 500, failOptions = {}) {
      for (let i = 0; i < count; i += 1) {
        faultQueue.push({ kind: 'fail', status, body: failOptions.body ?? 'json', retryAfterSeconds: failOptions.retryAfterSeconds });
      }
    },
    rateLimitNext(count, retryAfterSeconds) {
      for (let i = 0; i < count; i += 1) faultQueue.push({ kind: 'rateLimit', retryAfterSeconds });
    },
    delayNext(count, ms) {
      for (let i = 0; i < count; i += 1) faultQueue.push({ kind: 'delay', ms });
    },
    hangNext(count) {
      for (let i = 0; i < count; i += 1) faultQueue.push({ kind: 'hang' });
    },
    dropNext(count) {
      for (let i = 0; i < count; i += 1) faultQueue.push({ kind: 'drop' });
    },
    clear() {
      faultQueue.length = 0;
    },
    get pending() {
      return faultQueue.length;
    },
  };

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    requests,
    faults,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function authenticate(header: string | undefined, apiKey: string): void {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) throw new ApiError(401, 'missing_api_key', 'Missing API key in the authorization header.');
  if (match[1] !== apiKey) throw new ApiError(403, 'invalid_api_key', 'API key is invalid.');
}

interface ValidEmail {
  from: string;
  to: string[];
  cc: number;
  bcc: number;
  subject: string;
  text: string | undefined;
  html: string | undefined;
  replyTo: string[] | undefined;
  headers: Record<string, string>;
}

function validateBatch(body: unknown): ValidEmail[] {
  if (!Array.isArray(body)) throw new ApiError(422, 'validation_error', 'The batch body must be an array of emails.');
  if (body.length === 0) throw new ApiError(422, 'validation_error', 'The batch must contain at least one email.');
  if (body.length > MAX_BATCH) throw new ApiError(422, 'validation_error', `Too many emails in the batch: at most ${MAX_BATCH} are allowed.`);
  return body.map((email: unknown, index) => {
    for (const field of ['attachments', 'scheduled_at']) {
      if (email && typeof email === 'object' && (email as Record<string, unknown>)[field] !== undefined) {
        throw new ApiError(422, 'validation_error', `\`${field}\` is not supported in batch sending (email ${index}).`);
      }
    }
    return validateEmail(email, ` (email ${index})`);
  });
}

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/** `email@example.com` or `Name <email@example.com>`. */
function isMailbox(value: string): boolean {
  const named = /^\s*(?:"[^"]*"|[^<>"]*)\s*<([^<>]+)>\s*$/.exec(value);
  return ADDRESS.test(named?.[1] ?? value.trim());
}

function addressList(value: unknown, field: string, where: string, required: boolean): string[] | undefined {
  if (value === undefined || value === null) {
    if (required) throw new ApiError(422, 'missing_required_field', `Missing \`${field}\` field${where}.`);
    return undefined;
  }
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw new ApiError(422, 'validation_error', `Invalid \`${field}\` field${where}: expected a string or an array of strings.`);
  }
  if (required && list.length === 0) throw new ApiError(422, 'missing_required_field', `Missing \`${field}\` field${where}.`);
  if (list.length > MAX_RECIPIENTS) throw new ApiError(422, 'validation_error', `Too many recipients in \`${field}\`${where}: at most ${MAX_RECIPIENTS}.`);
  for (const item of list as string[]) {
    if (!isMailbox(item)) {
      throw new ApiError(
        422,
        'validation_error',
        `Invalid \`${field}\` field${where}. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
      );
    }
  }
  return list as string[];
}

function validateEmail(body: unknown, where: string): ValidEmail {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(422, 'validation_error', `The email${where} must be a JSON object.`);
  const email = body as Record<string, unknown>;
  if (typeof email.from !== 'string' || email.from.trim() === '') throw new ApiError(422, 'missing_required_field', `Missing \`from\` field${where}.`);
  if (!isMailbox(email.from)) {
    throw new ApiError(
      422,
      'validation_error',
      `Invalid \`from\` field${where}. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
    );
  }
  const to = addressList(email.to, 'to', where, true) ?? [];
  const cc = addressList(email.cc, 'cc', where, false) ?? [];
  const bcc = addressList(email.bcc, 'bcc', where, false) ?? [];
  const replyTo = addressList(email.reply_to, 'reply_to', where, false);
  if (typeof email.subject !== 'string' || email.subject === '') throw new ApiError(422, 'missing_required_field', `Missing \`subject\` field${where}.`);
  const text = typeof email.text === 'string' ? email.text : undefined;
  const html = typeof email.html === 'string' ? email.html : undefined;
  if (text === undefined && html === undefined && email.template === undefined) {
    throw new ApiError(422, 'validation_error', `Missing \`html\` or \`text\` field${where}.`);
  }
  const headers: Record<string, string> = {};
  if (email.headers !== undefined) {
    if (!email.headers || typeof email.headers !== 'object' || Array.isArray(email.headers)) {
      throw new ApiError(422, 'validation_error', `Invalid \`headers\` field${where}: expected an object of strings.`);
    }
    for (const [name, value] of Object.entries(email.headers)) {
      if (typeof value !== 'string' || !/^[!-9;-~]+$/.test(name) || /[\r\n]/.test(value)) {
        throw new ApiError(422, 'validation_error', `Invalid header${where}: names must be printable ASCII without a colon, values must be strings without line breaks.`);
      }
      headers[name] = value;
    }
  }
  return { from: email.from, to, cc: cc.length, bcc: bcc.length, subject: email.subject, text, html, replyTo, headers };
}
