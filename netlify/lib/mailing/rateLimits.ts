import type { Config } from '@netlify/functions';

/**
 * Netlify's rate limit for the public signed-link pages and endpoints (check-ins, preferences):
 * per visitor address, generous for a person clicking through an email, tight for guessing.
 */
export const CHECK_IN_RATE_LIMIT: NonNullable<Config['rateLimit']> = { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] };
