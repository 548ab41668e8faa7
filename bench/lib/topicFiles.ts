/**
 * Topic files for the build benchmark: N valid topics (src/schemas/topic.ts) that pass the
 * cross-file checks (src/lib/contentChecks.ts): one topic per month, each month inside its
 * program year's mentoring months, themes from the settings. They reuse the shipped sample
 * topics' Markdown, so the real build and the baseline render exactly the same text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { settingsSchema } from '../../src/schemas/settings.ts';
import { topicSchema } from '../../src/schemas/topic.ts';
import { findTopicProblems } from '../../src/lib/contentChecks.ts';
import { programMonths } from '../../src/lib/programMonths.ts';
import { ROOT } from './common.ts';

export interface TopicFileText {
  /** File name, <YYYY-MM>-<slug>.md */
  name: string;
  text: string;
}

interface Sample {
  data: Record<string, unknown>;
  body: string;
}

function readSamples(): Sample[] {
  const folder = join(ROOT, 'content/topics');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(folder, name), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`bench: cannot read the front matter of content/topics/${name}`);
      return { data: parse(match[1]!) as Record<string, unknown>, body: match[2]! };
    });
}

export const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * `count` topics, newest in the last mentoring month of `latestProgramYear`, going back one
 * mentoring month at a time across as many program years as needed (9 topics a year with the
 * shipped September–May program). Every one is checked against the schema and the cross-file
 * rules before it is written, so a build failure is never the generator's fault.
 */
export function generateTopics(count: number, latestProgramYear = '2026-2027'): TopicFileText[] {
  const settings = settingsSchema.parse(parse(readFileSync(join(ROOT, 'content/settings.yaml'), 'utf8')));
  const samples = readSamples();
  const themes = settings.themes.map((theme) => theme.id);
  const files: TopicFileText[] = [];
  let firstYear = Number(latestProgramYear.slice(0, 4));
  while (files.length < count) {
    const programYear = `${firstYear}-${firstYear + 1}`;
    for (const month of programMonths(programYear, settings.program).reverse()) {
      if (files.length === count) break;
      const index = files.length;
      const sample = samples[index % samples.length]!;
      const title = `${String(sample.data.title)}, ${month}`;
      const data = {
        ...sample.data,
        title,
        month,
        programYear,
        themes: [themes[index % themes.length]!, themes[(index + 3) % themes.length]!],
        example: false,
      };
      topicSchema.parse(data);
      const name = `${month}-${slugify(String(sample.data.title))}.md`;
      // Months and program years quoted, as the CMS writes them.
      const front = stringify(data).replace(/^(month|programYear): (.+)$/gm, '$1: "$2"');
      files.push({ name, text: `---\n${front}---\n${sample.body}` });
    }
    firstYear -= 1;
  }
  const problems = findTopicProblems(
    settings,
    files.map((file) => {
      const front = parse(/^---\n([\s\S]*?)\n---/.exec(file.text)![1]!);
      return { filePath: `content/topics/${file.name}`, data: topicSchema.parse(front) };
    }),
  );
  if (problems.length)
    throw new Error(
      `bench: generated topics break the content rules: ${problems
        .slice(0, 3)
        .map((problem) => problem.message)
        .join('; ')}`,
    );
  return files;
}
