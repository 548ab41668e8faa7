import type { Config } from '@netlify/functions';
import { checkInSummaryEndpoint } from '../lib/mailing/functionHandlers.ts';

// GET or POST /api/check-ins/summary[?year=…] with the bearer secret: pairs with no "we met" in
// this month or the one before, and every "we need help".
export default checkInSummaryEndpoint;

export const config: Config = { path: '/api/check-ins/summary', method: ['GET', 'POST'] };
