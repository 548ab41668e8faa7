import type { Config } from '@netlify/functions';
import { loadSettings } from '../lib/config/loadSettings.ts';
import { runDailyRebuild } from '../lib/services/dailyRebuild.ts';

// Hourly, so the run in the first hour of the program's own day (any time zone) starts the
// rebuild that changes the status, the current phase and the month's topic on the right date.
export const config: Config = { schedule: '5 * * * *' };

export default async (): Promise<Response> => {
  const settings = await loadSettings();
  const result = await runDailyRebuild({
    buildHookUrl: process.env.BUILD_HOOK_URL,
    timeZone: settings.timeZone,
    now: new Date(),
    fetch,
    log: console.log,
  });
  return Response.json(result, { status: result.outcome === 'failed' ? 502 : 200 });
};
