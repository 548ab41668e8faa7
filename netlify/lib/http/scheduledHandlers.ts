/**
 * The scheduled functions' handlers outside the mailing (netlify/functions/daily-rebuild.ts,
 * drain-held.ts). Netlify invokes them itself, so they serve any method.
 */
import { dailyRebuildPorts, submissionPorts } from '../composition.ts';
import { runDailyRebuild } from '../site/dailyRebuild.ts';
import { drainHeld } from '../submissions/drainHeld.ts';
import { listHeldForReview } from '../submissions/heldForReview.ts';
import { defineFunction } from './defineFunction.ts';
import { jsonResponse } from './securityHeaders.ts';

/**
 * Netlify stops a scheduled function after 30 s: start no new batch after 15 s, leaving the last
 * batch the records store's own 8 s deadline and room for the cold start and a held email's send.
 * A batch of 100 records takes about 3 s (three paced writes), so one run commits about 400.
 * Records not reached stay held for the next run.
 */
const DRAIN_BUDGET_MS = 15_000;

/** Starts the day's rebuild in the first hour of the program's own day (site/dailyRebuild.ts). */
export const dailyRebuildHandler = defineFunction({}, async ({ runtime, settings }) => {
  const result = await runDailyRebuild(dailyRebuildPorts(runtime, settings));
  return jsonResponse(result.outcome === 'failed' ? 502 : 200, result);
});

/** Commits the records and sends the emails held while GitHub or Resend was unavailable. */
export const drainHeldHandler = defineFunction({}, async ({ runtime, settings }) => {
  const ports = submissionPorts(runtime, settings, () => {});
  const report = await drainHeld(ports, { budgetMs: DRAIN_BUDGET_MS });
  // Submissions held for the committee's review and never released go after 30 days.
  const heldForReview = (await listHeldForReview(ports.reviewQueue, ports.now())).length;
  return jsonResponse(200, { ...report, heldForReview });
});
