import { readdir } from 'node:fs/promises';
import { getCollection, getEntry } from 'astro:content';
import { assertNoContentProblems, findMediaProblems, findTopicProblems } from './contentChecks.ts';
import { buildClock } from './buildClock.ts';
import { contentPath } from './contentDir.ts';
import { publishedTopics } from './publishedTopics.ts';
import { zonedMonth } from './zonedTime.ts';
import type { SectionPage } from '../schemas/programSection.ts';

async function readSiteContent() {
  const settingsEntry = await getEntry('settings', 'settings');
  if (!settingsEntry) throw new Error(`${contentPath('settings.yaml')} is missing.`);
  const settings = settingsEntry.data;
  const allTopics = await getCollection('topics');
  const mediaFiles = await readdir(contentPath('media')).catch(() => []);
  assertNoContentProblems([
    ...findTopicProblems(
      settings,
      allTopics.map((topic) => ({ filePath: topic.filePath ?? contentPath(`topics/${topic.id}.md`), data: topic.data })),
    ),
    ...findMediaProblems(settings, contentPath('settings.yaml'), mediaFiles),
  ]);
  const now = buildClock();
  const currentMonth = zonedMonth(now, settings.timeZone);
  const sections = (await getCollection('program')).sort((a, b) => a.data.order - b.data.order);
  return {
    settings,
    sections,
    sectionsOf: (page: SectionPage) => sections.filter((section) => section.data.page === page),
    now,
    currentMonth,
    topics: publishedTopics(allTopics, currentMonth),
  };
}

let loaded: ReturnType<typeof readSiteContent> | undefined;

/**
 * Everything a page needs from content/, loaded once per build: settings, program sections and
 * the topics readers may see today. Cross-file problems (a duplicate month, an unknown theme)
 * fail the build here, naming each file and field.
 *
 * A build reads and checks the content once and every page shares the result (checking all
 * topics for each topic page made the build quadratic). `astro dev` reads it afresh on each
 * request, so an edit shows on the next reload. Pages must not change what they are given.
 */
export function loadSiteContent(): ReturnType<typeof readSiteContent> {
  if (import.meta.env.DEV) return readSiteContent();
  loaded ??= readSiteContent();
  return loaded;
}

export type SiteContent = Awaited<ReturnType<typeof loadSiteContent>>;
