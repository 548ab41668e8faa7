import type { Config } from '@netlify/functions';
import { applicationForms } from '../../src/forms/formDefinitions.ts';
import { formFunction } from '../lib/http/formFunction.ts';

// POST /api/applications/mentor and /api/applications/mentee
export default formFunction((context, settings) =>
  context.params.role === 'mentor' ? applicationForms(settings).mentor : context.params.role === 'mentee' ? applicationForms(settings).mentee : undefined,
);

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { path: '/api/applications/:role', method: 'POST', rateLimit: { windowLimit: 10, windowSize: 60, aggregateBy: ['ip', 'domain'] } };
