/**
 * The mailing's Netlify function handlers, built by defineFunction (http/defineFunction.ts): the
 * files in netlify/functions/ are `export default <handler>;` and their config, and a test
 * replaces a port (its own topics, a clock) with `handler.with({ ports })` while everything else
 * comes from the environment exactly as on Netlify (composition.ts). Handlers parse, call a
 * service, and shape the answer; every answer carries the security headers (securityHeaders.ts).
 * Logs carry ids, paths and counts only.
 */
import { z } from 'zod';
import { programYear as programYearSchema, yearMonth } from '../../../src/schemas/primitives.ts';
import { mailingPorts, type StartBackgroundMailing, startBackgroundMailing } from '../composition.ts';
import { MissingConfigurationError } from '../config/environment.ts';
import { checkMailerSecret, readAuthorisedJsonBody } from '../http/bearerSecret.ts';
import { defineFunction, type Invocation } from '../http/defineFunction.ts';
import { wantsJson } from '../http/negotiation.ts';
import { shellPage } from '../http/pageShell.ts';
import { badBody, readFormFields, readJsonBody } from '../http/readBody.ts';
import { jsonResponse, textResponse } from '../http/securityHeaders.ts';
import { RecordsUnavailableError } from '../records/ports.ts';
import { checkInSummary, recordCheckIn } from './checkIns.ts';
import { runIntroductions } from './introductionsService.ts';
import { LedgerError } from './ledger.ts';
import { runMonthlyMailing } from './monthlyTopicService.ts';
import { checkInConfirmPage, checkInRecordedPage, preferenceSavedPage, preferencesPage, problemPage, refusedLinkPage } from './pages.ts';
import { PairsError } from './pairs.ts';
import type { MailingPorts } from './ports.ts';
import { choosePreference, PREFERENCE_CHOICES, parsePreferenceChoice } from './preferences.ts';
import { describeRefusal, type LinkClaims, type LinkRefusal, refusalStatus, type VerifiedLink, verifyCheckInLink, verifyPreferenceLink } from './signedLinks.ts';
import { runScheduledMailing, startMailingByHand } from './startMailing.ts';

export { BACKGROUND_FUNCTION_PATH } from '../composition.ts';

export interface HandlerOverrides {
  /** Ports that replace the environment's choice (tests: topics, clock). */
  ports?: Partial<MailingPorts>;
  /** Starts the background mailing; default: an authenticated POST to the background function. */
  startBackground?: StartBackgroundMailing;
}

/** The background function stops starting batches after this (Netlify stops it at 15 minutes). */
const BACKGROUND_BUDGET_MS = 12 * 60 * 1000;
/** Introductions run in a synchronous function (30 s at most). */
const INTRODUCTIONS_BUDGET_MS = 18_000;

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

/** The mailing ports of this invocation (the environment's, with the test's overrides). */
function portsOf({ runtime, settings }: Invocation, overrides: HandlerOverrides, options: { mailerDeadlineMs?: number } = {}): MailingPorts {
  return mailingPorts(runtime, settings, overrides.ports, options);
}

/** POST /api/mailings/monthly-topic: a dry run answers who would get what; otherwise starts the background mailing. */
export const monthlyTopicEndpoint = defineFunction<HandlerOverrides>({ methods: ['POST'] }, async (invocation, overrides) => {
  const { request, runtime } = invocation;
  const secret = runtime.config().mailerSecret;
  const body = await readAuthorisedJsonBody(request, secret, monthlyTopicBody);
  if (!body.ok) return body.response;
  try {
    const start = overrides.startBackground ?? startBackgroundMailing;
    const origin = new URL(request.url).origin;
    const outcome = await startMailingByHand(portsOf(invocation, overrides), body.value, (month) => start(origin, month, secret!));
    switch (outcome.kind) {
      case 'dry-run':
        return jsonResponse(outcome.result.status === 'outside-program' ? 422 : 200, outcome.result);
      case 'refused':
        return jsonResponse(422, { error: outcome.error });
      case 'start-failed':
        return jsonResponse(502, { error: `The background mailing could not be started (it answered ${outcome.status}).` });
      case 'started':
        return jsonResponse(202, { status: 'started', month: outcome.month });
    }
  } catch (error) {
    return failureResponse(error, runtime.log, 'mailing');
  }
});

/** The background function: does the sending, with the time a background function has. */
export const monthlyTopicBackground = defineFunction<HandlerOverrides>({ methods: ['POST'] }, async (invocation, overrides) => {
  const { request, runtime } = invocation;
  const body = await readAuthorisedJsonBody(request, runtime.config().mailerSecret, backgroundBody, (denied) =>
    runtime.log(`mailing: background call refused (${denied.status}).`),
  );
  if (!body.ok) return body.response;
  try {
    const result = await runMonthlyMailing(portsOf(invocation, overrides, { mailerDeadlineMs: 90_000 }), { month: body.value.month, budgetMs: BACKGROUND_BUDGET_MS });
    runtime.log(`mailing: background run for ${body.value.month}: ${result.status}${'sent' in result ? `, ${result.sent} sent` : ''}.`);
    return jsonResponse(200, result);
  } catch (error) {
    return failureResponse(error, runtime.log, 'mailing');
  }
});

/** The daily schedule: in the first week of a program month, starts (or resumes) the mailing. */
export const monthlyTopicSchedule = defineFunction<HandlerOverrides>({}, async (invocation, overrides) => {
  const { runtime } = invocation;
  try {
    const { mailerSecret, siteUrl } = runtime.config();
    const start = overrides.startBackground ?? startBackgroundMailing;
    const run = await runScheduledMailing(portsOf(invocation, overrides), mailerSecret ? (month) => start(siteUrl, month, mailerSecret) : undefined);
    return jsonResponse('day' in run && !run.started ? 502 : 200, run);
  } catch (error) {
    return failureResponse(error, runtime.log, 'mailing: schedule');
  }
});

/** POST /api/mailings/introductions: introduces new pairs (and, when asked, writes to unmatched mentees). */
export const introductionsEndpoint = defineFunction<HandlerOverrides>({ methods: ['POST'] }, async (invocation, overrides) => {
  const { request, runtime, settings } = invocation;
  const body = await readAuthorisedJsonBody(request, runtime.config().mailerSecret, introductionsBody);
  if (!body.ok) return body.response;
  try {
    const result = await runIntroductions(portsOf(invocation, overrides), {
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
});

/** GET (or POST) /api/check-ins/summary: the committee summary, behind the secret. */
export const checkInSummaryEndpoint = defineFunction<HandlerOverrides>({ methods: ['GET', 'POST'] }, async (invocation, overrides) => {
  const { request, runtime, settings } = invocation;
  const denied = checkMailerSecret(request, runtime.config().mailerSecret);
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
    const summary = await checkInSummary(portsOf(invocation, overrides), checkedYear.data);
    runtime.log(`check-ins: summary for ${checkedYear.data}: ${summary.stalled.length} stalled pair(s), ${summary.needHelp.length} request(s) for help.`);
    return jsonResponse(200, summary);
  } catch (error) {
    return failureResponse(error, runtime.log, 'check-ins');
  }
});

/**
 * The page a signed link (`?token=…`) opens, records nothing: `show` for a valid link, else the
 * refused-link page with the refusal's status (`onRefused` hears of it first: the reason only).
 */
async function signedLinkPage<T extends LinkClaims>(
  invocation: Invocation,
  overrides: HandlerOverrides,
  verify: (token: string | null, secret: string, now: Date) => VerifiedLink<T>,
  show: (token: string, claims: T) => { title: string; html: string },
  onRefused?: (reason: LinkRefusal, log: (line: string) => void) => void,
): Promise<Response> {
  const { request, runtime, settings } = invocation;
  const ports = portsOf(invocation, overrides);
  const token = new URL(request.url).searchParams.get('token');
  const verified = verify(token, ports.signingSecret, ports.now());
  if (!verified.ok) {
    onRefused?.(verified.reason, runtime.log);
    const page = refusedLinkPage(describeRefusal(verified.reason, settings.contactEmail));
    return shellPage(request, refusalStatus(verified.reason), page.title, page.html);
  }
  const page = show(token!, verified.claims);
  return shellPage(request, 200, page.title, page.html);
}

/** GET /check-in/?token=…: shows the answer with a button that POSTs it. Records nothing. */
export const checkInPage = defineFunction<HandlerOverrides>({ methods: ['GET'] }, (invocation, overrides) =>
  signedLinkPage(invocation, overrides, verifyCheckInLink, checkInConfirmPage, (reason, log) => log(`check-in: page for a refused link (${reason}).`)),
);

/** POST /api/check-ins: records the answer of a valid signed link. */
export const checkInsEndpoint = defineFunction<HandlerOverrides>({ methods: ['POST'] }, async (invocation, overrides) => {
  const { request, runtime, settings } = invocation;
  const body = await readFormFields(request);
  if (!body.ok) return body.response;
  const fields = body.value;
  const json = wantsJson(request);
  try {
    const outcome = await recordCheckIn(portsOf(invocation, overrides), fields.token, fields.note);
    if (outcome.kind === 'refused') {
      const sentence = describeRefusal(outcome.reason, settings.contactEmail);
      if (json) return jsonResponse(refusalStatus(outcome.reason), { error: sentence });
      const page = refusedLinkPage(sentence);
      return shellPage(request, refusalStatus(outcome.reason), page.title, page.html);
    }
    if (outcome.kind === 'invalid') {
      if (json) return jsonResponse(422, { error: outcome.message });
      const page = problemPage('There is a problem', `${outcome.message} Go back to change it.`);
      return shellPage(request, 422, page.title, page.html);
    }
    if (json) return jsonResponse(201, { status: 'recorded', month: outcome.claims.month, answer: outcome.claims.answer });
    const page = checkInRecordedPage(outcome.claims, settings.contactEmail);
    return shellPage(request, 200, page.title, page.html);
  } catch (error) {
    if (!json && (error instanceof RecordsUnavailableError || error instanceof MissingConfigurationError)) {
      runtime.log(`check-in: not recorded (${errorName(error)}).`);
      const page = problemPage(
        'Your check-in was not recorded',
        `Our records system is not available just now. Please use the link in the email again later, or write to ${settings.contactEmail}.`,
      );
      return shellPage(request, 503, page.title, page.html);
    }
    return failureResponse(error, runtime.log, 'check-in');
  }
});

/** RFC 8058: a mail client's one-click unsubscribe posts exactly this field. */
function isOneClick(fields: Record<string, string>): boolean {
  return fields['List-Unsubscribe'] === 'One-Click';
}

/** Shared by /email-preferences/ and /api/email-preferences: a form post or an RFC 8058 one-click (which pauses the emails). */
async function preferencePost(invocation: Invocation, overrides: HandlerOverrides): Promise<Response> {
  const { request, runtime, settings } = invocation;
  const body = await readFormFields(request);
  if (!body.ok) return body.response;
  const fields = body.value;
  const oneClick = isOneClick(fields);
  // A mail client's one-click gets plain answers; a person on the page gets pages.
  const json = wantsJson(request) || oneClick;
  const choice = oneClick ? 'pause' : parsePreferenceChoice(fields.choice);
  const token = fields.token ?? new URL(request.url).searchParams.get('token');
  try {
    if (!choice) {
      if (json) return jsonResponse(422, { error: `Choose one of: ${PREFERENCE_CHOICES.join(', ')}.` });
      const page = preferencesPage(token ?? '', { error: 'Choose what you would like to do.' });
      return shellPage(request, 422, page.title, page.html);
    }
    const outcome = await choosePreference(portsOf(invocation, overrides), { token, choice, note: fields.note, via: oneClick ? 'one-click' : 'page' });
    if (outcome.kind === 'refused') {
      if (json) return jsonResponse(refusalStatus(outcome.reason), { error: outcome.sentence });
      const page = refusedLinkPage(outcome.sentence);
      return shellPage(request, refusalStatus(outcome.reason), page.title, page.html);
    }
    if (oneClick) return textResponse(200, 'Unsubscribed: the monthly emails are paused.\n');
    if (json) return jsonResponse(200, { status: outcome.status });
    const page = preferenceSavedPage(choice, outcome.status, settings.contactEmail);
    return shellPage(request, 200, page.title, page.html);
  } catch (error) {
    if (!json && (error instanceof RecordsUnavailableError || error instanceof MissingConfigurationError)) {
      runtime.log(`preferences: not recorded (${errorName(error)}).`);
      const page = problemPage('Your choice was not saved', `Our records system is not available just now. Please try again later, or write to ${settings.contactEmail}.`);
      return shellPage(request, 503, page.title, page.html);
    }
    return failureResponse(error, runtime.log, 'preferences');
  }
}

/** /email-preferences/: GET shows the choices (records nothing); POST is the RFC 8058 one-click. */
export const emailPreferencesPage = defineFunction<HandlerOverrides>({ methods: ['GET', 'POST'] }, (invocation, overrides) =>
  invocation.request.method === 'POST' ? preferencePost(invocation, overrides) : signedLinkPage(invocation, overrides, verifyPreferenceLink, (token) => preferencesPage(token)),
);

/** POST /api/email-preferences: the page's form, or an RFC 8058 one-click with the token in the query. */
export const emailPreferencesEndpoint = defineFunction<HandlerOverrides>({ methods: ['POST'] }, preferencePost);
