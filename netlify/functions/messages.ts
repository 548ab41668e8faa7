import type { Config } from '@netlify/functions';
import { messagesHandler } from '../lib/http/formHandlers.ts';

// POST /api/messages: a confidential message to the committee; also at the plain form's own
// address, /contact/, so its page of problems lives there.
export default messagesHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: ['/api/messages', '/contact/', '/contact'], method: 'POST', rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
