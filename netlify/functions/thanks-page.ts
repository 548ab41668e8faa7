import type { Config } from '@netlify/functions';
import { thanksPageHandler } from '../lib/http/formHandlers.ts';

// GET /thanks/<reference>/: the confirmation after a plain form post, with the submission's
// reference (the same one the enhanced form shows). /thanks/ itself is a static page.
export default thanksPageHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/thanks/:reference', method: 'GET', rateLimit: { windowLimit: 60, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
