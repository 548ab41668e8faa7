import type { Config } from '@netlify/functions';
import { FORM_DEFINITIONS } from '../../src/forms/formDefinitions.ts';
import { FORM_RATE_LIMIT, formFunction } from '../lib/http/formFunction.ts';

// POST /api/evaluations/mentor and /api/evaluations/mentee
export default formFunction((context) =>
  context.params.role === 'mentor' ? FORM_DEFINITIONS['mentor-evaluation'] : context.params.role === 'mentee' ? FORM_DEFINITIONS['mentee-evaluation'] : undefined,
);

export const config: Config = { path: '/api/evaluations/:role', method: 'POST', rateLimit: FORM_RATE_LIMIT };
