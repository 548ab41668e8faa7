import type { Config } from '@netlify/functions';
import { CHECK_IN_RATE_LIMIT } from '../lib/mailing/rateLimits.ts';
import { checkInsEndpoint } from '../lib/mailing/functionHandlers.ts';

// POST /api/check-ins (token, note?): records check-ins/<year>/<YYYY-MM>/<pairId>-<role>.json.
export default checkInsEndpoint();

export const config: Config = { path: '/api/check-ins', method: 'POST', rateLimit: CHECK_IN_RATE_LIMIT };
