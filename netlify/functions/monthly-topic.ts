import type { Config } from '@netlify/functions';
import { monthlyTopicEndpoint } from '../lib/mailing/functionHandlers.ts';

// POST /api/mailings/monthly-topic {month?, dryRun?} with Authorization: Bearer $MAILER_SECRET:
// a dry run answers counts and one preview; otherwise the background function is started (202).
export default monthlyTopicEndpoint;

export const config: Config = { path: '/api/mailings/monthly-topic', method: 'POST' };
