import type { Config } from '@netlify/functions';
import { CHECK_IN_RATE_LIMIT } from '../lib/mailing/rateLimits.ts';
import { emailPreferencesEndpoint } from '../lib/mailing/functionHandlers.ts';

// POST /api/email-preferences: the preferences page's form (token, choice, note?), or an RFC 8058
// one-click with the token in the query.
export default emailPreferencesEndpoint();

export const config: Config = { path: '/api/email-preferences', method: 'POST', rateLimit: CHECK_IN_RATE_LIMIT };
