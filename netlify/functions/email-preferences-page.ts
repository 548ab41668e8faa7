import type { Config } from '@netlify/functions';
import { CHECK_IN_RATE_LIMIT } from '../lib/mailing/rateLimits.ts';
import { emailPreferencesPage } from '../lib/mailing/functionHandlers.ts';

// /email-preferences/?token=…: GET shows the choices (pause, resume, leaving) and records nothing;
// POST is a mail client's RFC 8058 one-click (List-Unsubscribe=One-Click), which pauses the emails.
export default emailPreferencesPage();

export const config: Config = { path: ['/email-preferences/', '/email-preferences'], method: ['GET', 'POST'], rateLimit: CHECK_IN_RATE_LIMIT };
