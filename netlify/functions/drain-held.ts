import type { Config, Context } from '@netlify/functions';
import { submissionPorts, runtimeFor } from '../lib/composition.ts';
import { loadSettings } from '../lib/config/loadSettings.ts';
import { drainHeld } from '../lib/services/drainHeld.ts';

// Every ten minutes: commit records and send emails held while GitHub or Resend was unavailable.
export const config: Config = { schedule: '*/10 * * * *' };

/**
 * Netlify stops a scheduled function after 30 s: start no new batch after 15 s, leaving the last
 * batch the records store's own 8 s deadline and room for the cold start and a held email's send.
 * A batch of 100 records takes about 3 s (three paced writes), so one run commits about 400.
 * Records not reached stay held for the next run.
 */
const DRAIN_BUDGET_MS = 15_000;

export default async (_request: Request, context: Context): Promise<Response> => {
  const settings = await loadSettings();
  const ports = submissionPorts(runtimeFor(context), settings, () => {});
  const report = await drainHeld(ports, { budgetMs: DRAIN_BUDGET_MS });
  return Response.json(report);
};
