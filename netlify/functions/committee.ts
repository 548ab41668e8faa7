import type { Config } from '@netlify/functions';
import { workspaceHandler } from '../lib/committee/functionHandlers.ts';

// GET and POST /committee/…: the committee workspace (signed-in members only).
export default workspaceHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: ['/committee', '/committee/', '/committee/*'], method: ['GET', 'POST'] };
