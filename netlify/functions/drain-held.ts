import type { Config } from '@netlify/functions';
import { drainHeldHandler } from '../lib/http/scheduledHandlers.ts';

// Every ten minutes: commit records and send emails held while GitHub or Resend was unavailable
// (at most 15 s of batches per run, within Netlify's 30 s limit).
export default drainHeldHandler;

export const config: Config = { schedule: '*/10 * * * *' };
