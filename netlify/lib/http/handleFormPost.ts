import { errorSummary } from '../../../src/components/patterns/errorSummary.ts';
import type { FormDefinition } from '../../../src/forms/formDefinitions.ts';
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';
import { referenceLine, thanksPath } from '../../../src/lib/thanksContent.ts';
import { type FormValues, renderForm } from '../../../src/forms/renderForm.ts';
import { submissionPorts } from '../composition.ts';
import { MissingConfigurationError } from '../config/environment.ts';
import type { SubmissionPorts } from '../submissions/ports.ts';
import { submitForm } from '../submissions/submitForm.ts';
import type { Invocation } from './defineFunction.ts';
import { wantsJson as negotiate } from './negotiation.ts';
import { shellPage } from './pageShell.ts';
import { readSubmission, type Submission } from './readSubmission.ts';
import { jsonResponse, redirectResponse } from './securityHeaders.ts';
import { panel } from '../../../src/components/patterns/panel.ts';

function formWithValues(form: FormDefinition, submission: Submission, id: string | undefined, errors: Array<{ field: string; message: string }> = []): string {
  const values: FormValues = { ...submission.typed, submissionId: id ?? submission.submissionId ?? '' };
  return renderForm(form, { values, errors });
}

/**
 * The HTTP side of every form endpoint: parse, call the service, shape the answer for the
 * enhanced form (JSON) or the plain form (303 or a page in the site's layout that keeps what was
 * typed). Status codes follow docs/architecture.md ("Endpoints").
 */
export async function handleFormPost(invocation: Invocation, form: FormDefinition): Promise<Response> {
  const { request, runtime, settings } = invocation;
  const wantsJson = negotiate(request);
  const read = await readSubmission(request, form.schema);
  if (!read.ok) {
    if (wantsJson) return jsonResponse(read.status, { error: read.error });
    return shellPage(
      request,
      read.status,
      'There is a problem',
      `<h1>There is a problem</h1><p>${escapeHtml(read.error)}</p><p><a href="${form.page}">Go back to the form</a></p>`,
    );
  }
  const { submission } = read;

  let ports: SubmissionPorts;
  try {
    ports = submissionPorts(runtime, settings, invocation.afterResponse);
  } catch (error) {
    if (error instanceof MissingConfigurationError) {
      console.error(`${form.endpoint}: ${error.message}`);
      const sentence = 'This form is not set up correctly on our side, so nothing was stored. Please try again later or write to the committee.';
      if (wantsJson) return jsonResponse(503, { error: sentence });
      return shellPage(
        request,
        503,
        `Error: ${form.title}`,
        `<h1>${escapeHtml(form.title)}</h1>${errorSummary({ title: 'Your answers were not sent', text: sentence })}${formWithValues(form, submission, undefined)}`,
      );
    }
    throw error;
  }

  const outcome = await submitForm(form, submission, ports);
  switch (outcome.kind) {
    case 'stored':
    case 'ignored':
      // The plain form's thanks page shows the same reference as the enhanced form's confirmation.
      return wantsJson ? jsonResponse(201, { id: outcome.id, status: 'stored' }) : redirectResponse(thanksPath(outcome.id));
    case 'queued': {
      if (wantsJson) return jsonResponse(202, { id: outcome.id, status: 'queued' });
      return shellPage(
        request,
        202,
        'Thank you',
        `<h1>Thank you: we have received it</h1>${panel(`<p>Our records system is busy, so your answers are held safely and will be filed within the hour. A confirmation email will follow.</p><p>${escapeHtml(referenceLine(outcome.id))}</p>`, { kind: 'confirmation' })}<p><a href="/">Back to the program page</a></p>`,
      );
    }
    case 'invalid':
      if (wantsJson) return jsonResponse(422, { errors: outcome.errors });
      return shellPage(request, 422, `Error: ${form.title}`, `<h1>${escapeHtml(form.title)}</h1>${formWithValues(form, submission, submission.submissionId, outcome.errors)}`);
    case 'closed':
      if (wantsJson) return jsonResponse(403, { error: outcome.message });
      return shellPage(
        request,
        403,
        form.title,
        `<h1>${escapeHtml(form.title)}</h1>${panel(`<p>${escapeHtml(outcome.message)}</p>`)}<p><a href="/">Back to the program page</a></p>`,
      );
    case 'unavailable':
      if (wantsJson) return jsonResponse(503, { error: outcome.message });
      return shellPage(
        request,
        503,
        `Error: ${form.title}`,
        `<h1>${escapeHtml(form.title)}</h1>${errorSummary({ title: 'Your answers were not sent', text: `${outcome.message} Your answers are below, so you can send them again.` })}${formWithValues(form, submission, submission.submissionId)}`,
      );
  }
}
