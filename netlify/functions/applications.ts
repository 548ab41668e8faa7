import type { Config } from '@netlify/functions';
import { FORM_DEFINITIONS } from '../../src/forms/formDefinitions.ts';
import { FORM_RATE_LIMIT, formFunction } from '../lib/http/formFunction.ts';

// POST /api/applications/mentor and /api/applications/mentee
export default formFunction((context) =>
  context.params.role === 'mentor' ? FORM_DEFINITIONS['mentor-application'] : context.params.role === 'mentee' ? FORM_DEFINITIONS['mentee-application'] : undefined,
);

export const config: Config = { path: '/api/applications/:role', method: 'POST', rateLimit: FORM_RATE_LIMIT };
