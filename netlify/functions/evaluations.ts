import type { Config } from '@netlify/functions';
import { FORM_DEFINITIONS } from '../../src/forms/formDefinitions.ts';
import { formFunction } from '../lib/http/formFunction.ts';

// POST /api/evaluations/mentor and /api/evaluations/mentee
export default formFunction((context) =>
  context.params.role === 'mentor' ? FORM_DEFINITIONS['mentor-evaluation'] : context.params.role === 'mentee' ? FORM_DEFINITIONS['mentee-evaluation'] : undefined,
);

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/api/evaluations/:role', method: 'POST', rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
