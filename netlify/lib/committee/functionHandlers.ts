/**
 * The committee workspace's two functions, on the one HTTP layer (http/defineFunction.ts):
 * the pages and actions under /committee/, and the session at /api/committee/session.
 */
import { workspacePorts } from '../composition.ts';
import { defineFunction } from '../http/defineFunction.ts';
import type { WorkspacePorts } from './ports.ts';
import { handleSession } from './sessionEndpoint.ts';
import { handleWorkspace } from './workspace.ts';

/** GET and POST /committee/…: the workspace's pages and their actions. */
export const workspaceHandler = defineFunction<Partial<WorkspacePorts>>({ methods: ['GET', 'POST'] }, async ({ request, context, runtime, settings }, overrides) =>
  handleWorkspace(request, { ...workspacePorts(runtime, settings, context), ...overrides }),
);

/** POST /api/committee/session (sign in, or intent=sign-out) and DELETE (sign out). */
export const sessionHandler = defineFunction<Partial<WorkspacePorts>>({ methods: ['POST', 'DELETE'] }, async ({ request, context, runtime, settings }, overrides) =>
  handleSession(request, { ...workspacePorts(runtime, settings, context), ...overrides }),
);
