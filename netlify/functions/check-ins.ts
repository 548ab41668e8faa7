import type { Config } from '@netlify/functions';
import { checkInsEndpoint } from '../lib/mailing/functionHandlers.ts';

// POST /api/check-ins (token, note?): records check-ins/<year>/<YYYY-MM>/<pairId>-<role>.json.
export default checkInsEndpoint;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/api/check-ins', method: 'POST', rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
