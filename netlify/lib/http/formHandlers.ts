/**
 * The form endpoints' handlers (netlify/functions/applications.ts, evaluations.ts, messages.ts):
 * the form is chosen by the path's :role, then handleFormPost does the rest.
 */
import { applicationForms, FORM_DEFINITIONS, type FormDefinition } from '../../../src/forms/formDefinitions.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { defineFunction } from './defineFunction.ts';
import { handleFormPost } from './handleFormPost.ts';
import { referenceFrom, thanksContent } from '../../../src/lib/thanksContent.ts';
import { shellPage } from './pageShell.ts';
import { jsonResponse } from './securityHeaders.ts';

function formEndpoint(pickForm: (params: Record<string, string>, settings: Settings) => FormDefinition | undefined) {
  return defineFunction({ methods: ['POST'] }, async (invocation) => {
    const form = pickForm(invocation.context.params, invocation.settings);
    if (!form) return jsonResponse(404, { error: 'There is no such form.' });
    return handleFormPost(invocation, form);
  });
}

/** POST /api/applications/mentor and /api/applications/mentee. */
export const applicationsHandler = formEndpoint(({ role }, settings) => (role === 'mentor' || role === 'mentee' ? applicationForms(settings)[role] : undefined));

/** POST /api/evaluations/mentor and /api/evaluations/mentee. */
export const evaluationsHandler = formEndpoint(({ role }) =>
  role === 'mentor' ? FORM_DEFINITIONS['mentor-evaluation'] : role === 'mentee' ? FORM_DEFINITIONS['mentee-evaluation'] : undefined,
);

/** POST /api/messages: a confidential message to the committee. */
export const messagesHandler = formEndpoint(() => FORM_DEFINITIONS.message);

/**
 * GET /thanks/<reference>/: the confirmation after a plain post, with its reference. A malformed
 * reference gets the same page without one (the submission was stored either way). No script:
 * the page has nothing to enhance.
 */
export const thanksPageHandler = defineFunction({ methods: ['GET'] }, async ({ request, context, settings }) =>
  shellPage(request, 200, 'Thank you', thanksContent(settings, referenceFrom(context.params.reference)), { scripts: false }),
);
