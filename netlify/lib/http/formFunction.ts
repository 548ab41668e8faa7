import type { Config, Context } from '@netlify/functions';
import type { FormDefinition } from '../../../src/forms/formDefinitions.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { submissionPorts, runtimeFor } from '../composition.ts';
import { loadSettings } from '../config/loadSettings.ts';
import { handleFormPost } from './handleFormPost.ts';
import { jsonResponse } from './securityHeaders.ts';

/** Netlify's rate limit for every form endpoint: per visitor address, generous for people. */
export const FORM_RATE_LIMIT: NonNullable<Config['rateLimit']> = { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] };

/** A Netlify function entry for forms chosen by a path parameter (e.g. :role); the application forms come from the settings. */
export function formFunction(pickForm: (context: Context, settings: Settings) => FormDefinition | undefined) {
  return async (request: Request, context: Context): Promise<Response> => {
    const settings = await loadSettings();
    const form = pickForm(context, settings);
    if (!form) return jsonResponse(404, { error: 'There is no such form.' });
    const runtime = runtimeFor(context);
    return handleFormPost(request, form, () =>
      submissionPorts(runtime, settings, (work) =>
        context.waitUntil(work.catch((error: unknown) => runtime.log(`after-response work failed: ${error instanceof Error ? error.message : String(error)}`))),
      ),
    );
  };
}
