import type { Config } from '@netlify/functions';
import { myApplicationHandler } from '../lib/privacy/myApplicationHandler.ts';

// /my-application/?token=…: the signed link in an applicant's confirmation email. GET shows what
// they sent and records nothing (mail scanners open links); POST corrects or withdraws it.
export default myApplicationHandler;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = {
  path: ['/my-application/', '/my-application'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
