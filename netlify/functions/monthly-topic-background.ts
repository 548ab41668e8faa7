import type { Config } from '@netlify/functions';
import { monthlyTopicBackground } from '../lib/mailing/functionHandlers.ts';

// The sending itself, with a background function's 15 minutes (the "-background" file name and
// the config both make it one). Called by the schedule and by POST /api/mailings/monthly-topic
// with the shared MAILER_SECRET; it resumes from the month's ledger, so a second call sends nothing.
export default monthlyTopicBackground;

export const config: Config = { background: true };
