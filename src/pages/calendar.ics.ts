import type { APIRoute } from 'astro';
import { buildCalendar } from '../lib/calendarFeed.ts';
import { loadSiteContent } from '../lib/siteContent.ts';

export const GET: APIRoute = async ({ site }) => {
  const { settings, topics, now } = await loadSiteContent();
  return new Response(buildCalendar(settings, topics, site!, now), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
