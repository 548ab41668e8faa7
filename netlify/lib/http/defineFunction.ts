/**
 * The one way a Netlify function's handler is built. Every file in netlify/functions/ is
 * `export default <handler>;` plus its `config`, where the handler comes from defineFunction:
 * it refuses other methods (405), gives the handler the invocation's runtime (composition.ts)
 * and the committee's settings, and turns a configuration the deploy lacks into a 503 that says
 * so (the log names the variables). Handlers stay thin: parse, call a service, shape the answer.
 */
import type { Context } from '@netlify/functions';
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { type Runtime, runtimeFor } from '../composition.ts';
import { MissingConfigurationError } from '../config/environment.ts';
import { loadSettings } from '../config/loadSettings.ts';
import { wantsJson } from './negotiation.ts';
import { shellPage } from './pageShell.ts';
import { jsonResponse, methodNotAllowed } from './securityHeaders.ts';
import { panel } from '../../../src/components/patterns/panel.ts';

/** What Netlify calls: a Functions v2 default export. */
export type NetlifyFunction = (request: Request, context: Context) => Promise<Response>;

/** A function's handler, and the same handler with some of its ports replaced (tests). */
export interface DefinedFunction<Overrides extends object> extends NetlifyFunction {
  with(overrides: Overrides): NetlifyFunction;
}

export interface FunctionSpec {
  /** The methods served (HEAD too when GET is); others get 405. Omit for scheduled functions, which Netlify invokes itself. */
  methods?: readonly string[];
}

/** One invocation, as the handler sees it. */
export interface Invocation {
  request: Request;
  context: Context;
  runtime: Runtime;
  settings: Settings;
  /** Runs work after the answer is sent (Netlify's waitUntil); a failure is logged, never thrown. */
  afterResponse: (work: Promise<unknown>) => void;
}

const NOT_SET_UP = 'This service is not set up correctly on this site, so nothing was done. Please try again later or write to the committee.';

export function defineFunction<Overrides extends object = Record<never, never>>(
  spec: FunctionSpec,
  handle: (invocation: Invocation, overrides: Overrides) => Promise<Response>,
): DefinedFunction<Overrides> {
  const methods = spec.methods;
  const served = methods && new Set(methods.includes('GET') ? [...methods, 'HEAD'] : methods);
  const build =
    (overrides: Overrides): NetlifyFunction =>
    async (request, context) => {
      if (methods && served && !served.has(request.method)) return methodNotAllowed(methods);
      const runtime = runtimeFor(context);
      const settings = await loadSettings();
      const afterResponse = (work: Promise<unknown>) =>
        context.waitUntil(work.catch((error: unknown) => runtime.log(`after-response work failed: ${error instanceof Error ? error.message : String(error)}`)));
      try {
        return await handle({ request, context, runtime, settings, afterResponse }, overrides);
      } catch (error) {
        if (!(error instanceof MissingConfigurationError)) throw error;
        runtime.log(`${new URL(request.url).pathname}: ${error.message}`);
        if (wantsJson(request) || !methods) return jsonResponse(503, { error: NOT_SET_UP });
        return shellPage(request, 503, 'Not available', `<h1>Not available</h1>\n${panel(`<p>${escapeHtml(NOT_SET_UP)}</p>`)}`);
      }
    };
  return Object.assign(build({} as Overrides), { with: build });
}
