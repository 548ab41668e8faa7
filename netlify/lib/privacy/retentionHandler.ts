/**
 * The record-retention scheduled function's handler (netlify/functions/record-retention.ts):
 * the same service as `npm run retention`. Netlify invokes it itself, so it serves any method.
 */
import { mailingPorts } from '../composition.ts';
import { defineFunction } from '../http/defineFunction.ts';
import { jsonResponse } from '../http/securityHeaders.ts';
import { type RetentionPorts, runRetention } from './retention.ts';

export const recordRetentionHandler = defineFunction<Partial<RetentionPorts>>({}, async ({ runtime, settings }, overrides) => {
  const ports = mailingPorts(runtime, settings, overrides);
  const plans = await runRetention(ports);
  // Counts and folders only: nothing personal in the answer or the log.
  return jsonResponse(200, { years: plans });
});
