import { findTopicProblems, type TopicFile } from '../src/lib/contentChecks.ts';
import { programMonths, programYearOfMonth } from '../src/lib/programMonths.ts';
import { zonedMonth } from '../src/lib/zonedTime.ts';
import { yearMonth } from '../src/schemas/primitives.ts';
import type { Settings } from '../src/schemas/settings.ts';
import { TOPIC_FILE_NAME, type Topic } from '../src/schemas/topic.ts';
import { CONTENT_PATHS } from './contentSchemas.ts';

/** A topic already in the repository, as the CMS lists it. */
export interface ExistingTopic {
  /** e.g. content/topics/2026-09-getting-started.md */
  path: string;
  month: string;
  programYear: string;
}

/**
 * The month a new topic is most likely for: the first mentoring month, from this month on, that
 * has no topic yet (within the program year now running and the next one), with its program year.
 */
export function suggestTopicMonth(settings: Settings, existing: ExistingTopic[], now: Date): { month: string; programYear: string } | null {
  const taken = new Set(existing.map((topic) => topic.month));
  const thisMonth = zonedMonth(now, settings.timeZone);
  const firstYear = Number(settings.programYears.running.slice(0, 4));
  const years = [firstYear, firstYear + 1, Number(thisMonth.slice(0, 4)) - 1, Number(thisMonth.slice(0, 4))].sort();
  const candidates = [...new Set(years)].flatMap((year) => programMonths(`${year}-${year + 1}`, settings.program)).sort();
  const month = candidates.find((candidate) => candidate >= thisMonth && !taken.has(candidate));
  if (!month) return null;
  return { month, programYear: programYearOfMonth(month, settings.program) ?? settings.programYears.running };
}

/**
 * What is wrong with a topic's month, in the words the build uses (src/lib/contentChecks.ts):
 * not a YYYY-MM month, a month that already has a topic, a month outside its program year.
 * `path` is the topic's file when it already exists (null for a new topic).
 */
export function topicMonthProblems(topic: { path: string | null; month: string; programYear: string }, settings: Settings | null, existing: ExistingTopic[]): string[] {
  const format = yearMonth.safeParse(topic.month);
  if (!format.success) return [format.error.issues[0]?.message ?? 'Enter a month written as YYYY-MM.'];

  if (topic.path) {
    const named = TOPIC_FILE_NAME.exec(topic.path.split('/').pop()?.replace(/\.md$/, '') ?? '');
    if (named && named[1] !== topic.month) {
      return [`This topic’s file is named for ${named[1]}, so its month cannot change here. To move it to ${topic.month}, create a new topic for that month and delete this one.`];
    }
  }
  if (!settings) return [];

  // The new topic gets a file name that starts with its month, like every other topic.
  const filePath = topic.path ?? `${CONTENT_PATHS.topics}/${topic.month}-new-topic.md`;
  // Only the fields the month checks read; themes are checked by their own field.
  const asTopic = (value: { month: string; programYear: string }) => ({ month: value.month, programYear: value.programYear, themes: [] }) as unknown as Topic;
  const files: TopicFile[] = [
    ...existing.filter((other) => other.path !== topic.path).map((other) => ({ filePath: other.path, data: asTopic(other) })),
    { filePath, data: asTopic(topic) },
  ];
  return findTopicProblems(settings, files)
    .filter((problem) => problem.filePath === filePath && problem.field === 'month')
    .map((problem) => problem.message);
}

/** The months of a program year as a sentence fragment, e.g. "2026-09 to 2027-05". */
export function programYearSpan(programYear: string, settings: Settings): string {
  const months = programMonths(programYear, settings.program);
  return `${months[0]} to ${months.at(-1)}`;
}
