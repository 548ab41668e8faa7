import type { Config } from '@netlify/functions';
import { applicationsHandler } from '../lib/http/formHandlers.ts';

// POST /api/applications/mentor and /api/applications/mentee (the enhanced form), and the plain
// form's own address, /apply/mentor/ and /apply/mentee/, so its page of problems lives there.
export default applicationsHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: ['/api/applications/:role', '/apply/:role'], method: 'POST', rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
