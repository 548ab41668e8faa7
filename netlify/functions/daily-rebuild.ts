import type { Config } from '@netlify/functions';
import { dailyRebuildHandler } from '../lib/http/scheduledHandlers.ts';

// Hourly, so the run in the first hour of the program's own day (any time zone) starts the
// rebuild that changes the status, the current phase and the month's topic on the right date.
export default dailyRebuildHandler;

export const config: Config = { schedule: '5 * * * *' };
