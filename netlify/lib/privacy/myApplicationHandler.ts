/**
 * /my-application/: the applicant's own application, from the signed link in their confirmation
 * email. GET shows it (and, with `step=correct` or `step=withdraw`, the form for that) and
 * records nothing; POST (the page's plain HTML forms, `intent` correct or withdraw) calls the
 * service and answers with a page in the site's layout, or a 303 after a correction so a reload
 * does not post again. Built by defineFunction like every function handler.
 */
import { myApplicationPorts } from '../composition.ts';
import { MissingConfigurationError } from '../config/environment.ts';
import { defineFunction, type Invocation } from '../http/defineFunction.ts';
import { shellPage } from '../http/pageShell.ts';
import { readBody } from '../http/readBody.ts';
import { MAX_BODY_BYTES } from '../http/readSubmission.ts';
import { redirectResponse } from '../http/securityHeaders.ts';
import { RecordsUnavailableError } from '../records/ports.ts';
import {
  type ApplicationRefusal,
  applicationRefusalStatus,
  correctApplication,
  describeApplicationRefusal,
  MY_APPLICATION_PATH,
  type MyApplicationPorts,
  openApplication,
  withdrawApplication,
} from './myApplication.ts';
import { applicationPage, correctionPage, type Page, sentencePage, withdrawnPage, withdrawPage } from './myApplicationPages.ts';

export interface MyApplicationOverrides {
  /** Ports that replace the environment's choice (tests: a clock). */
  ports?: Partial<MyApplicationPorts>;
}

const answer = (request: Request, status: number, page: Page) => shellPage(request, status, page.title, page.html);

function refused(request: Request, reason: ApplicationRefusal, contactEmail: string, log: (line: string) => void): Promise<Response> {
  log(`my-application: link refused (${reason}); nothing recorded.`);
  return answer(request, applicationRefusalStatus(reason), sentencePage('This link cannot be used', describeApplicationRefusal(reason, contactEmail)));
}

async function show({ request, runtime, settings }: Invocation, ports: MyApplicationPorts): Promise<Response> {
  const url = new URL(request.url);
  const opened = await openApplication(ports, url.searchParams.get('token'));
  if (opened.kind === 'refused') return refused(request, opened.reason, settings.contactEmail, runtime.log);
  const step = url.searchParams.get('step');
  if (step === 'correct' && opened.correction.allowed) return answer(request, 200, correctionPage(opened));
  if (step === 'withdraw' && !opened.withdrawn) return answer(request, 200, withdrawPage(opened));
  return answer(request, 200, applicationPage(opened, settings.contactEmail, { saved: url.searchParams.get('saved') === '1' }));
}

async function act({ request, runtime, settings }: Invocation, ports: MyApplicationPorts): Promise<Response> {
  const read = await readBody(request, { maxBytes: MAX_BODY_BYTES, accept: ['form'], untyped: 'form' });
  if (!read.ok) return answer(request, read.status, sentencePage('There is a problem', `${read.error} Nothing was changed.`));
  const fields = read.fields;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  const token = text('token');
  const contact = settings.contactEmail;

  if (text('intent') === 'withdraw') {
    const outcome = await withdrawApplication(ports, token, text('reason'));
    switch (outcome.kind) {
      case 'refused':
        return refused(request, outcome.reason, contact, runtime.log);
      case 'invalid':
        return answer(request, 422, withdrawPage(outcome.opened, { error: outcome.error, reason: outcome.reason }));
      case 'already':
        return answer(request, 200, applicationPage(outcome.opened, contact));
      case 'withdrawn':
        return answer(request, 200, withdrawnPage(outcome.activePair, contact));
    }
  }
  if (text('intent') === 'correct') {
    const outcome = await correctApplication(ports, token, fields);
    switch (outcome.kind) {
      case 'refused':
        return refused(request, outcome.reason, contact, runtime.log);
      case 'malformed':
        return answer(request, 400, sentencePage('There is a problem', `${outcome.error} Nothing was changed.`));
      case 'not-allowed':
        return answer(request, 403, applicationPage(outcome.opened, contact));
      case 'invalid':
        return answer(request, 422, correctionPage(outcome.opened, { errors: outcome.errors, typed: outcome.typed }));
      case 'unchanged':
        return answer(request, 200, correctionPage(outcome.opened, { problem: 'You have not changed any answer, so nothing was saved.' }));
      case 'corrected': {
        const next = new URL(outcome.link);
        return redirectResponse(`${MY_APPLICATION_PATH}${next.search}&saved=1`);
      }
    }
  }
  return answer(request, 400, sentencePage('There is a problem', 'The form could not be read, so nothing was changed. Open the link in your confirmation email again.'));
}

/** GET and POST /my-application/. */
export const myApplicationHandler = defineFunction<MyApplicationOverrides>({ methods: ['GET', 'POST'] }, async (invocation, overrides) => {
  const { request, runtime, settings } = invocation;
  const ports = myApplicationPorts(runtime, settings, overrides.ports);
  try {
    return request.method === 'POST' ? await act(invocation, ports) : await show(invocation, ports);
  } catch (error) {
    if (!(error instanceof RecordsUnavailableError || error instanceof MissingConfigurationError)) throw error;
    runtime.log(`my-application: records unavailable (${error.name}); nothing changed.`);
    return answer(
      request,
      503,
      sentencePage(
        'Not available just now',
        `Our records system is not responding, so nothing was changed. Please try the link again later, or write to ${settings.contactEmail}.`,
      ),
    );
  }
});
