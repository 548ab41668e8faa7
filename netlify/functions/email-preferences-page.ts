import type { Config } from '@netlify/functions';
import { emailPreferencesPage } from '../lib/mailing/functionHandlers.ts';

// /email-preferences/?token=…: GET shows the choices (pause, resume, leaving) and records nothing;
// POST is a mail client's RFC 8058 one-click (List-Unsubscribe=One-Click), which pauses the emails.
export default emailPreferencesPage;

// Literal values only: Netlify reads the config from the source without running it.
export const config: Config = {
  path: ['/email-preferences/', '/email-preferences'],
  method: ['GET', 'POST'],
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
