import type { Config } from '@netlify/functions';
import { recordRetentionHandler } from '../lib/privacy/retentionHandler.ts';

// Daily at 15:00 UTC: a program year's personal records go on the day the retention period ends,
// and the committee is emailed fourteen days before (netlify/lib/privacy/retention.ts).
export default recordRetentionHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = { schedule: '0 15 * * *' };
