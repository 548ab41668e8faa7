import type { Config } from '@netlify/functions';
import { FORM_DEFINITIONS } from '../../src/forms/formDefinitions.ts';
import { FORM_RATE_LIMIT, formFunction } from '../lib/http/formFunction.ts';

// POST /api/messages: a confidential message to the committee.
export default formFunction(() => FORM_DEFINITIONS.message);

export const config: Config = { path: '/api/messages', method: 'POST', rateLimit: FORM_RATE_LIMIT };
