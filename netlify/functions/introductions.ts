import type { Config } from '@netlify/functions';
import { introductionsEndpoint } from '../lib/mailing/functionHandlers.ts';

// POST /api/mailings/introductions {dryRun?, unmatched?, year?} with the bearer secret:
// introduces each newly matched pair once (and, with unmatched, writes to mentees left unmatched).
export default introductionsEndpoint;

export const config: Config = { path: '/api/mailings/introductions', method: 'POST' };
