import type { Config } from '@netlify/functions';
import { applicationsHandler } from '../lib/http/formHandlers.ts';

// POST /api/applications/mentor and /api/applications/mentee
export default applicationsHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/api/applications/:role', method: 'POST', rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
