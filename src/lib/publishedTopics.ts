import type { Topic } from '../schemas/topic.ts';

export interface TopicEntry {
  /** The page's slug, the file name without .md: <YYYY-MM>-<slug>. */
  id: string;
  data: Topic;
}

/**
 * Topics readers may see on a given month: drafts never, and a month still ahead not before
 * that month begins in the program's time zone (the daily rebuild publishes it on the day).
 */
export function publishedTopics<T extends TopicEntry>(topics: T[], currentMonth: string): T[] {
  return topics.filter((topic) => !topic.data.draft && topic.data.month <= currentMonth).sort((a, b) => b.data.month.localeCompare(a.data.month));
}

/** Published topics grouped by program year, newest year first, newest month first within a year. */
export function groupByProgramYear<T extends TopicEntry>(topics: T[]): Array<{ programYear: string; topics: T[] }> {
  const groups = new Map<string, T[]>();
  for (const topic of [...topics].sort((a, b) => b.data.month.localeCompare(a.data.month))) {
    groups.set(topic.data.programYear, [...(groups.get(topic.data.programYear) ?? []), topic]);
  }
  return [...groups.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([programYear, grouped]) => ({ programYear, topics: grouped }));
}
