import type { Config } from '@netlify/functions';
import { FORM_DEFINITIONS } from '../../src/forms/formDefinitions.ts';
import { formFunction } from '../lib/http/formFunction.ts';

// POST /api/messages: a confidential message to the committee.
export default formFunction(() => FORM_DEFINITIONS.message);

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/api/messages', method: 'POST', rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
