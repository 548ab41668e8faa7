/**
 * The mailing's Netlify function handlers, built by factories so that a test can hand in a port
 * (its own topics, a clock) while everything else comes from the environment exactly as on
 * Netlify. The files in netlify/functions/ are one line each: `export default factory()` and
 * their config. Handlers parse, call a service, and shape the answer; every answer carries the
 * security headers (securityHeaders.ts). Logs carry ids, paths and counts only.
 */
import type { Context } from '@netlify/functions';
import { z } from 'zod';
import { programYearOfMonth } from '../../../src/lib/programMonths.ts';
import { zonedMonth } from '../../../src/lib/zonedTime.ts';
import { programYear as programYearSchema, yearMonth } from '../../../src/schemas/primitives.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { linkSigningSecret, runtimeFor, type Runtime } from '../composition.ts';
import { serverClock } from '../config/clock.ts';
import { MissingConfigurationError, readVariable, siteUrl } from '../config/environment.ts';
import { loadSettings } from '../config/loadSettings.ts';
import { jsonResponse, withSecurityHeaders } from '../http/securityHeaders.ts';
import { RecordsUnavailableError } from '../records/recordsStore.ts';
import { checkInSummary, recordCheckIn } from './checkIns.ts';
import { badBody, checkMailerSecret, methodNotAllowed, readAuthorisedJsonBody, readFormFields, readJsonBody, shellPage } from './http.ts';
import { runIntroductions } from './introductionsService.ts';
import { LedgerError } from './ledger.ts';
import { mailingPorts } from './mailingPorts.ts';
import { monthlyMailingDone, runMonthlyMailing } from './monthlyTopicService.ts';
import { checkInConfirmPage, checkInRecordedPage, preferenceSavedPage, preferencesPage, problemPage, refusedLinkPage } from './pages.ts';
import { PairsError } from './pairs.ts';
import { type MailingPorts, notifyCommittee } from './ports.ts';
import { PREFERENCE_CHOICES, type PreferenceChoice, savePreference } from './preferences.ts';
import { scheduledMailingDecision } from './schedule.ts';
import { describeRefusal, type LinkClaims, type LinkRefusal, refusalStatus, type VerifiedLink, verifyCheckInLink, verifyPreferenceLink } from './signedLinks.ts';

type Handler = (request: Request, context: Context) => Promise<Response>;

export interface HandlerOverrides {
  /** Ports that replace the environment's choice (tests: topics, clock). */
  ports?: Partial<MailingPorts>;
  /** Starts the background mailing; default: an authenticated POST to the background function. */
  startBackground?: (origin: string, month: string, secret: string) => Promise<Response>;
}

/** Where Netlify serves the background function (its file name: monthly-topic-background.ts). */
export const BACKGROUND_FUNCTION_PATH = '/.netlify/functions/monthly-topic-background';
/** The background function stops starting batches after this (Netlify stops it at 15 minutes). */
const BACKGROUND_BUDGET_MS = 12 * 60 * 1000;
/** Introductions run in a synchronous function (30 s at most). */
const INTRODUCTIONS_BUDGET_MS = 18_000;

function defaultStartBackground(origin: string, month: string, secret: string): Promise<Response> {
  return fetch(`${origin}${BACKGROUND_FUNCTION_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ month }),
    signal: AbortSignal.timeout(10_000),
  });
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'error';
}

/** Known failures as answers; anything else is a bug and is rethrown. */
function failureResponse(error: unknown, log: (line: string) => void, where: string): Response {
  if (error instanceof MissingConfigurationError) {
    log(`${where}: ${error.message}`);
    return jsonResponse(503, { error: 'The mailing is not set up correctly on this site, so nothing was done.' });
  }
  if (error instanceof PairsError) {
    log(`${where}: the pairs cannot be used (${error.problems.length} problem(s)); nothing sent.`);
    return jsonResponse(409, { error: error.message, problems: error.problems });
  }
  if (error instanceof LedgerError) {
    log(`${where}: ${error.message}`);
    return jsonResponse(409, { error: error.message });
  }
  if (error instanceof RecordsUnavailableError) {
    log(`${where}: the records store is unavailable (${errorName(error)}).`);
    return jsonResponse(503, { error: 'The records repository could not be reached; nothing more was done. Try again later.' });
  }
  throw error;
}

const monthlyTopicBody = z.strictObject({ month: yearMonth.optional(), dryRun: z.boolean().optional() });
const backgroundBody = z.strictObject({ month: yearMonth });
const introductionsBody = z.strictObject({ dryRun: z.boolean().optional(), unmatched: z.boolean().optional(), year: programYearSchema.optional() });
const summaryBody = z.strictObject({ year: programYearSchema.optional() });

async function setUp(
  context: Context,
  overrides: HandlerOverrides,
  options: { mailerDeadlineMs?: number } = {},
): Promise<{ runtime: Runtime; settings: Settings; ports: () => MailingPorts }> {
  const runtime = runtimeFor(context);
  const settings = await loadSettings();
  let ports: MailingPorts | undefined;
  return { runtime, settings, ports: () => (ports ??= mailingPorts(runtime, settings, overrides.ports, options)) };
}

/** POST /api/mailings/monthly-topic: a dry run answers who would get what; otherwise starts the background mailing. */
export function monthlyTopicEndpoint(overrides: HandlerOverrides = {}): Handler {
  return async (request, context) => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const { runtime, settings, ports } = await setUp(context, overrides);
    const body = await readAuthorisedJsonBody(request, runtime, monthlyTopicBody);
    if (!body.ok) return body.response;
    try {
      const mailing = ports();
      const month = body.value.month ?? zonedMonth(mailing.now(), settings.timeZone);
      if (body.value.dryRun) {
        const result = await runMonthlyMailing(mailing, { month, dryRun: true });
        runtime.log(`mailing: dry run for ${month}: ${result.status}.`);
        return jsonResponse(result.status === 'outside-program' ? 422 : 200, result);
      }
      if (!programYearOfMonth(month, settings.program)) return jsonResponse(422, { error: `${month} is not one of the program's months.` });
      if (month > zonedMonth(mailing.now(), settings.timeZone)) return jsonResponse(422, { error: `${month} has not begun yet; a dry run can preview it.` });
      const secret = readVariable(runtime.env, 'MAILER_SECRET', { production: runtime.production, requiredInProduction: false })!;
      const started = await (overrides.startBackground ?? defaultStartBackground)(new URL(request.url).origin, month, secret);
      if (!started.ok) {
        runtime.log(`mailing: the background function answered ${started.status} for ${month}.`);
        return jsonResponse(502, { error: `The background mailing could not be started (it answered ${started.status}).` });
      }
      runtime.log(`mailing: background mailing for ${month} started by hand.`);
      return jsonResponse(202, { status: 'started', month });
    } catch (error) {
      return failureResponse(error, runtime.log, 'mailing');
    }
  };
}

/** The background function: does the sending, with the time a background function has. */
export function monthlyTopicBackground(overrides: HandlerOverrides = {}): Handler {
  return async (request, context) => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const { runtime, ports } = await setUp(context, overrides, { mailerDeadlineMs: 90_000 });
    const body = await readAuthorisedJsonBody(request, runtime, backgroundBody, (denied) => runtime.log(`mailing: background call refused (${denied.status}).`));
    if (!body.ok) return body.response;
    try {
      const result = await runMonthlyMailing(ports(), { month: body.value.month, budgetMs: BACKGROUND_BUDGET_MS });
      runtime.log(`mailing: background run for ${body.value.month}: ${result.status}${'sent' in result ? `, ${result.sent} sent` : ''}.`);
      return jsonResponse(200, result);
    } catch (error) {
      return failureResponse(error, runtime.log, 'mailing');
    }
  };
}

/** The daily schedule: in the first week of a program month, starts (or resumes) the mailing. */
export function monthlyTopicSchedule(overrides: HandlerOverrides = {}): Handler {
  return async (_request, context) => {
    const { runtime, settings, ports } = await setUp(context, overrides);
    try {
      const now = overrides.ports?.now ?? serverClock(runtime.env, runtime.production);
      const decision = scheduledMailingDecision(now(), settings);
      if (!decision.start) {
        runtime.log(`mailing: schedule: nothing to start (${decision.reason}).`);
        return jsonResponse(200, { started: false, reason: decision.reason });
      }
      const secret = readVariable(runtime.env, 'MAILER_SECRET', { production: runtime.production, requiredInProduction: false });
      if (!secret) {
        runtime.log('mailing: schedule: MAILER_SECRET is not set, so the background mailing cannot be started.');
        await notifyCommittee(ports(), 'The monthly topic email cannot start', [
          'The monthly topic email did not start: MAILER_SECRET is not set for the site. Set it in the site’s environment variables (docs/mailing.md).',
        ]);
        return jsonResponse(200, { started: false, reason: 'MAILER_SECRET is not set' });
      }
      if (await monthlyMailingDone(ports(), decision.month)) {
        runtime.log(`mailing: schedule: ${decision.month} is already complete.`);
        return jsonResponse(200, { started: false, reason: `${decision.month} is complete`, month: decision.month });
      }
      const started = await (overrides.startBackground ?? defaultStartBackground)(siteUrl(runtime.env, runtime.production), decision.month, secret);
      runtime.log(`mailing: schedule: background mailing for ${decision.month} ${started.ok ? 'started' : `refused (${started.status})`} (day ${decision.day}).`);
      return jsonResponse(started.ok ? 200 : 502, { started: started.ok, month: decision.month, day: decision.day });
    } catch (error) {
      return failureResponse(error, runtime.log, 'mailing: schedule');
    }
  };
}

/** POST /api/mailings/introductions: introduces new pairs (and, when asked, writes to unmatched mentees). */
export function introductionsEndpoint(overrides: HandlerOverrides = {}): Handler {
  return async (request, context) => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const { runtime, settings, ports } = await setUp(context, overrides);
    const body = await readAuthorisedJsonBody(request, runtime, introductionsBody);
    if (!body.ok) return body.response;
    try {
      const result = await runIntroductions(ports(), {
        programYear: body.value.year ?? settings.programYears.applications,
        dryRun: body.value.dryRun ?? false,
        unmatched: body.value.unmatched ?? false,
        budgetMs: INTRODUCTIONS_BUDGET_MS,
      });
      runtime.log(`introductions: ${result.status}: ${result.pairs.introduced} pair(s) introduced, ${result.emails} email(s).`);
      return jsonResponse(result.status === 'already-running' ? 409 : 200, result);
    } catch (error) {
      return failureResponse(error, runtime.log, 'introductions');
    }
  };
}

/** GET (or POST) /api/check-ins/summary: the committee summary, behind the secret. */
export function checkInSummaryEndpoint(overrides: HandlerOverrides = {}): Handler {
  return async (request, context) => {
    if (request.method !== 'GET' && request.method !== 'POST') return methodNotAllowed(['GET', 'POST']);
    const { runtime, settings, ports } = await setUp(context, overrides);
    const denied = checkMailerSecret(request, runtime.env, runtime.production);
    if (denied) return denied;
    let year = new URL(request.url).searchParams.get('year') ?? undefined;
    if (request.method === 'POST') {
      const body = await readJsonBody(request, summaryBody);
      if (!body.ok) return body.response;
      year = body.value.year ?? year;
    }
    const checkedYear = programYearSchema.safeParse(year ?? settings.programYears.running);
    if (!checkedYear.success) return badBody(checkedYear.error);
    try {
      const summary = await checkInSummary(ports(), checkedYear.data);
      runtime.log(`check-ins: summary for ${checkedYear.data}: ${summary.stalled.length} stalled pair(s), ${summary.needHelp.length} request(s) for help.`);
      return jsonResponse(200, summary);
    } catch (error) {
      return failureResponse(error, runtime.log, 'check-ins');
    }
  };
}

/** GET /check-in/?token=…: shows the answer with a button that POSTs it. Records nothing. */
export function checkInPage(overrides: HandlerOverrides = {}): Handler {
  return async (request, context) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(['GET']);
    return signedLinkPage(request, context, overrides, verifyCheckInLink, checkInConfirmPage, (reason, log) => log(`check-in: page for a refused link (${reason}).`));
  };
}

/**
 * The page a signed link (`?token=…`) opens, records nothing: `show` for a valid link, else the
 * refused-link page with the refusal's status (`onRefused` hears of it first: the reason only).
 */
async function signedLinkPage<T extends LinkClaims>(
  request: Request,
  context: Context,
  overrides: HandlerOverrides,
  verify: (token: string | null, secret: string, now: Date) => VerifiedLink<T>,
  show: (token: string, claims: T) => { title: string; html: string },
  onRefused?: (reason: LinkRefusal, log: (line: string) => void) => void,
): Promise<Response> {
  const runtime = runtimeFor(context);
  const settings = await loadSettings();
  const now = overrides.ports?.now ?? serverClock(runtime.env, runtime.production);
  const secret = overrides.ports?.signingSecret ?? linkSigningSecret(runtime);
  const token = new URL(request.url).searchParams.get('token');
  const verified = verify(token, secret, now());
  if (!verified.ok) {
    onRefused?.(verified.reason, runtime.log);
    const page = refusedLinkPage(describeRefusal(verified.reason, settings.contactEmail));
    return shellPage(request, refusalStatus(verified.reason), page.title, page.html);
  }
  const page = show(token!, verified.claims);
  return shellPage(request, 200, page.title, page.html);
}

/** POST /api/check-ins: records the answer of a valid signed link. */
export function checkInsEndpoint(overrides: HandlerOverrides = {}): Handler {
  return async (request, context) => {
    if (request.method !== 'POST') return methodNotAllowed(['POST']);
    const { runtime, settings, ports } = await setUp(context, overrides);
    const body = await readFormFields(request);
    if (!body.ok) return body.response;
    const { fields, json } = body.value;
    const wantsJson = json || (request.headers.get('accept') ?? '').includes('application/json');
    try {
      const outcome = await recordCheckIn(ports(), fields.token, fields.note);
      if (outcome.kind === 'refused') {
        const sentence = describeRefusal(outcome.reason, settings.contactEmail);
        if (wantsJson) return jsonResponse(refusalStatus(outcome.reason), { error: sentence });
        const page = refusedLinkPage(sentence);
        return shellPage(request, refusalStatus(outcome.reason), page.title, page.html);
      }
      if (outcome.kind === 'invalid') {
        if (wantsJson) return jsonResponse(422, { error: outcome.message });
        const page = problemPage('There is a problem', `${outcome.message} Go back to change it.`);
        return shellPage(request, 422, page.title, page.html);
      }
      if (wantsJson) return jsonResponse(201, { status: 'recorded', month: outcome.claims.month, answer: outcome.claims.answer });
      const page = checkInRecordedPage(outcome.claims, settings.contactEmail);
      return shellPage(request, 200, page.title, page.html);
    } catch (error) {
      if (!wantsJson && (error instanceof RecordsUnavailableError || error instanceof MissingConfigurationError)) {
        runtime.log(`check-in: not recorded (${errorName(error)}).`);
        const page = problemPage(
          'Your check-in was not recorded',
          `Our records system is not available just now. Please use the link in the email again later, or write to ${settings.contactEmail}.`,
        );
        return shellPage(request, 503, page.title, page.html);
      }
      return failureResponse(error, runtime.log, 'check-in');
    }
  };
}

/** RFC 8058: a mail client's one-click unsubscribe posts exactly this field. */
function isOneClick(fields: Record<string, string>): boolean {
  return fields['List-Unsubscribe'] === 'One-Click';
}

async function savePreferenceChoice(
  ports: MailingPorts,
  settings: Settings,
  token: string | null | undefined,
  choice: PreferenceChoice,
  note: string | undefined,
  via: 'page' | 'one-click',
) {
  const verified = verifyPreferenceLink(token, ports.signingSecret, ports.now());
  if (!verified.ok) {
    ports.log(`preferences: link refused (${verified.reason}); nothing recorded.`);
    return { kind: 'refused' as const, reason: verified.reason, sentence: describeRefusal(verified.reason, settings.contactEmail) };
  }
  const saved = await savePreference(ports.records, verified.claims, choice, { note, via, now: ports.now() });
  ports.log(`preferences: ${saved.path} ${saved.changed ? `set to ${saved.status}` : 'unchanged'} (${via}).`);
  if (saved.changed && saved.status === 'leaving') {
    await notifyCommittee(ports, 'A participant is leaving the program', [
      `The ${verified.claims.role} ${verified.claims.personId} told us they are leaving the ${verified.claims.programYear} program, so their monthly emails have stopped.`,
      `Record: ${saved.path}`,
      `In: ${ports.records.description}`,
      'Please get in touch with them and their partner (see matches/' + verified.claims.programYear + '.json).',
    ]);
  }
  return { kind: 'saved' as const, ...saved };
}

/** Shared by /email-preferences/ and /api/email-preferences: a form post or an RFC 8058 one-click. */
function preferencePost(overrides: HandlerOverrides): Handler {
  return async (request, context) => {
    const { runtime, settings, ports } = await setUp(context, overrides);
    const body = await readFormFields(request);
    if (!body.ok) return body.response;
    const { fields, json } = body.value;
    const queryToken = new URL(request.url).searchParams.get('token');
    const oneClick = isOneClick(fields);
    const wantsJson = json || (request.headers.get('accept') ?? '').includes('application/json');
    const choice = (oneClick ? 'pause' : fields.choice) as PreferenceChoice;
    const token = fields.token ?? queryToken;
    try {
      if (!PREFERENCE_CHOICES.includes(choice)) {
        if (wantsJson || oneClick) return jsonResponse(422, { error: `Choose one of: ${PREFERENCE_CHOICES.join(', ')}.` });
        const page = preferencesPage(token ?? '', { error: 'Choose what you would like to do.' });
        return shellPage(request, 422, page.title, page.html);
      }
      const outcome = await savePreferenceChoice(ports(), settings, token, choice, fields.note, oneClick ? 'one-click' : 'page');
      if (outcome.kind === 'refused') {
        if (wantsJson || oneClick) return jsonResponse(refusalStatus(outcome.reason), { error: outcome.sentence });
        const page = refusedLinkPage(outcome.sentence);
        return shellPage(request, refusalStatus(outcome.reason), page.title, page.html);
      }
      if (oneClick)
        return new Response('Unsubscribed: the monthly emails are paused.\n', { status: 200, headers: withSecurityHeaders({ 'Content-Type': 'text/plain; charset=utf-8' }) });
      if (wantsJson) return jsonResponse(200, { status: outcome.status });
      const page = preferenceSavedPage(choice, outcome.status, settings.contactEmail);
      return shellPage(request, 200, page.title, page.html);
    } catch (error) {
      if (!wantsJson && !oneClick && (error instanceof RecordsUnavailableError || error instanceof MissingConfigurationError)) {
        runtime.log(`preferences: not recorded (${errorName(error)}).`);
        const page = problemPage('Your choice was not saved', `Our records system is not available just now. Please try again later, or write to ${settings.contactEmail}.`);
        return shellPage(request, 503, page.title, page.html);
      }
      return failureResponse(error, runtime.log, 'preferences');
    }
  };
}

/** /email-preferences/: GET shows the choices (records nothing); POST is the RFC 8058 one-click. */
export function emailPreferencesPage(overrides: HandlerOverrides = {}): Handler {
  const post = preferencePost(overrides);
  return async (request, context) => {
    if (request.method === 'POST') return post(request, context);
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(['GET', 'POST']);
    return signedLinkPage(request, context, overrides, verifyPreferenceLink, (token) => preferencesPage(token));
  };
}

/** POST /api/email-preferences: the page's form, or an RFC 8058 one-click with the token in the query. */
export function emailPreferencesEndpoint(overrides: HandlerOverrides = {}): Handler {
  const post = preferencePost(overrides);
  return async (request, context) => (request.method === 'POST' ? post(request, context) : methodNotAllowed(['POST']));
}
