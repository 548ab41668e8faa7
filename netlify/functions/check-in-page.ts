import type { Config } from '@netlify/functions';
import { checkInPage } from '../lib/mailing/functionHandlers.ts';

// GET /check-in/?token=…: the signed link from the monthly email. It shows the answer with a
// button that POSTs it to /api/check-ins, and records nothing itself (mail scanners open links).
export default checkInPage;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: ['/check-in/', '/check-in'], method: 'GET', rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
