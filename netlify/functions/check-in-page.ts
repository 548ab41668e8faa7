import type { Config } from '@netlify/functions';
import { CHECK_IN_RATE_LIMIT } from '../lib/mailing/rateLimits.ts';
import { checkInPage } from '../lib/mailing/functionHandlers.ts';

// GET /check-in/?token=…: the signed link from the monthly email. It shows the answer with a
// button that POSTs it to /api/check-ins, and records nothing itself (mail scanners open links).
export default checkInPage();

export const config: Config = { path: ['/check-in/', '/check-in'], method: 'GET', rateLimit: CHECK_IN_RATE_LIMIT };
