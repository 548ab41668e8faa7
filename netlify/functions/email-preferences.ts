import type { Config } from '@netlify/functions';
import { emailPreferencesEndpoint } from '../lib/mailing/functionHandlers.ts';

// POST /api/email-preferences: the preferences page's form (token, choice, note?), or an RFC 8058
// one-click with the token in the query.
export default emailPreferencesEndpoint;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/api/email-preferences', method: 'POST', rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
