import type { Config } from '@netlify/functions';
import { sessionHandler } from '../lib/committee/functionHandlers.ts';

// POST /api/committee/session: a GitHub token handed over once (or the local stand-in) starts a
// session; intent=sign-out or DELETE ends it.
export default sessionHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/api/committee/session', method: ['POST', 'DELETE'], rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
