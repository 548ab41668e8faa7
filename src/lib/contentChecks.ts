import type { Settings } from '../schemas/settings.ts';
import { TOPIC_FILE_NAME, type Topic } from '../schemas/topic.ts';
import { programMonths } from './programMonths.ts';

export interface TopicFile {
  /** Path of the file, relative to the site root, e.g. content/topics/2026-09-first-steps.md. */
  filePath: string;
  data: Topic;
}

/** A content problem one schema alone cannot see, named by file and field. */
export interface ContentProblem {
  filePath: string;
  field: string;
  message: string;
}

/**
 * Checks across files: each topic's file name, month, program year and themes against the
 * settings and the other topics. Returns every problem, so an editor can fix them in one go.
 */
export function findTopicProblems(settings: Settings, topics: TopicFile[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const themeIds = new Set(settings.themes.map((theme) => theme.id));
  const filesByMonth = new Map<string, string[]>();

  for (const { filePath, data } of topics) {
    const baseName =
      filePath
        .split('/')
        .pop()
        ?.replace(/\.mdx?$/, '') ?? filePath;
    const nameMatch = TOPIC_FILE_NAME.exec(baseName);
    if (!nameMatch) {
      problems.push({ filePath, field: 'file name', message: 'Name topic files <YYYY-MM>-<slug>.md, for example 2026-09-getting-started.md.' });
    } else if (nameMatch[1] !== data.month) {
      problems.push({ filePath, field: 'month', message: `The file name says ${nameMatch[1]} but the month field says ${data.month}; make them agree.` });
    }

    if (!programMonths(data.programYear, settings.program).includes(data.month)) {
      problems.push({
        filePath,
        field: 'month',
        message: `${data.month} is not one of the mentoring months of ${data.programYear} (${programMonths(data.programYear, settings.program)[0]} to ${programMonths(data.programYear, settings.program).at(-1)}).`,
      });
    }

    for (const theme of data.themes) {
      if (!themeIds.has(theme)) {
        problems.push({ filePath, field: 'themes', message: `"${theme}" is not a theme listed in content/settings.yaml (known: ${[...themeIds].join(', ')}).` });
      }
    }

    filesByMonth.set(data.month, [...(filesByMonth.get(data.month) ?? []), filePath]);
  }

  for (const [month, files] of filesByMonth) {
    if (files.length > 1) {
      for (const filePath of files) {
        const others = files.filter((other) => other !== filePath).join(', ');
        problems.push({ filePath, field: 'month', message: `Two topics are set for ${month}: this one and ${others}. Keep one topic per month.` });
      }
    }
  }
  return problems;
}

/**
 * The media files settings name must be in the media library (content/media); a logo typed by
 * hand or deleted from the library would otherwise show as a broken image on every page.
 */
export function findMediaProblems(settings: Settings, settingsPath: string, mediaFiles: readonly string[]): ContentProblem[] {
  const logo = settings.organisation.logo;
  if (!logo || mediaFiles.includes(logo.replace(/^\/media\//, ''))) return [];
  return [{ filePath: settingsPath, field: 'organisation → logo', message: `${logo} is not in the media library. Upload the logo again, or clear the field.` }];
}

/** Turns problems into one error that fails the build and lists each file and field. */
export function assertNoContentProblems(problems: ContentProblem[]): void {
  if (problems.length === 0) return;
  const lines = problems.map((problem) => `- ${problem.filePath} → ${problem.field}: ${problem.message}`);
  throw new Error(`The content has ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix:\n${lines.join('\n')}`);
}
