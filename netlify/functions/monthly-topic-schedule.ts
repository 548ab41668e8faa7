import type { Config } from '@netlify/functions';
import { monthlyTopicSchedule } from '../lib/mailing/functionHandlers.ts';

// Daily at 14:00 UTC, after the daily rebuild has published the month's topic page. In the first
// week of a program month it starts (or resumes) the month's mailing in the background function;
// the scheduled function itself only decides, within Netlify's 30 s limit.
export default monthlyTopicSchedule;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { schedule: '0 14 * * *' };
