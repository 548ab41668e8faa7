import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { loadSiteContent } from '../../lib/siteContent.ts';
import { startOfZonedDay } from '../../lib/zonedTime.ts';

export const GET: APIRoute = async ({ site }) => {
  const { settings, topics } = await loadSiteContent();
  return rss({
    title: `${settings.organisation.programName}: monthly discussion topics`,
    description: 'The discussion topic sent to every mentoring pair at the start of each month of the program.',
    site: site!,
    items: topics.map((topic) => ({
      title: topic.data.title,
      description: topic.data.summary,
      link: `/topics/${topic.id}/`,
      pubDate: startOfZonedDay(`${topic.data.month}-01`, settings.timeZone),
      categories: topic.data.themes.map((id) => settings.themes.find((theme) => theme.id === id)?.label ?? id),
    })),
    customData: '<language>en-us</language>',
  });
};
