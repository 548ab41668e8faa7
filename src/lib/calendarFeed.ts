import { createEvents, type DateArray, type EventAttributes } from 'ics';
import type { Settings } from '../schemas/settings.ts';
import type { TopicEntry } from './publishedTopics.ts';
import { programMonths } from './programMonths.ts';
import { phaseOccurrences } from './timeline.ts';
import { nextDay } from './zonedTime.ts';

function dateArray(date: string): DateArray {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
}

/**
 * The iCalendar feed: each timeline phase of the running year's cycle and the applications
 * year's cycle, and the first day of each mentoring month of the running year (with the topic's
 * title once it is published). All-day events, so no time zone conversion is involved.
 */
export function buildCalendar(settings: Settings, topics: TopicEntry[], siteUrl: URL, generatedAt: Date): string {
  const host = siteUrl.hostname;
  const stamp = [generatedAt.getUTCFullYear(), generatedAt.getUTCMonth() + 1, generatedAt.getUTCDate(), generatedAt.getUTCHours(), generatedAt.getUTCMinutes()] as DateArray;
  const cycleYears = [...new Set([settings.programYears.running, settings.programYears.applications].map((year) => Number(year.slice(0, 4))))];

  const phaseEvents: EventAttributes[] = cycleYears.flatMap((cycleYear) =>
    phaseOccurrences(settings.timeline, cycleYear).map(({ phase, start, end }) => ({
      uid: `phase-${phase.id}-${start}@${host}`,
      title: `${settings.organisation.programName}: ${phase.title}`,
      description: phase.summary,
      start: dateArray(start),
      end: dateArray(nextDay(end)),
      url: new URL('/#timeline', siteUrl).href,
      transp: 'TRANSPARENT',
      lastModified: stamp,
    })),
  );

  const topicEvents: EventAttributes[] = programMonths(settings.programYears.running, settings.program).map((month) => {
    const topic = topics.find((entry) => entry.data.month === month);
    return {
      uid: `topic-${month}@${host}`,
      title: topic ? `Monthly topic: ${topic.data.title}` : 'Monthly discussion topic arrives',
      description: topic ? topic.data.summary : 'This month’s discussion topic is emailed to every pair and published on the site.',
      start: dateArray(`${month}-01`),
      end: dateArray(nextDay(`${month}-01`)),
      url: new URL(topic ? `/topics/${topic.id}/` : '/topics/', siteUrl).href,
      transp: 'TRANSPARENT',
      lastModified: stamp,
    };
  });

  const { error, value } = createEvents([...phaseEvents, ...topicEvents], {
    productId: `-//${settings.organisation.name}//Mentoring program kit//EN`,
    calName: settings.organisation.programName,
  });
  if (error || !value) throw error ?? new Error('The calendar feed could not be built.');
  return value;
}
