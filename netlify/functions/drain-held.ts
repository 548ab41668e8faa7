import type { Config, Context } from '@netlify/functions';
import { submissionPorts, runtimeFor } from '../lib/composition.ts';
import { loadSettings } from '../lib/config/loadSettings.ts';
import { drainHeld } from '../lib/services/drainHeld.ts';

// Every ten minutes: commit records and send emails held while GitHub or Resend was unavailable.
export const config: Config = { schedule: '*/10 * * * *' };

export default async (_request: Request, context: Context): Promise<Response> => {
  const settings = await loadSettings();
  const ports = submissionPorts(runtimeFor(context), settings, () => {});
  const report = await drainHeld(ports);
  return Response.json(report);
};
