import type { Config } from '@netlify/functions';
import { evaluationsHandler } from '../lib/http/formHandlers.ts';

// POST /api/evaluations/mentor and /api/evaluations/mentee, and the plain form's own address
// (/evaluation/mentor/, /evaluation/mentee/), so its page of problems lives there.
export default evaluationsHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = {
  path: ['/api/evaluations/:role', '/evaluation/:role'],
  method: 'POST',
  rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
