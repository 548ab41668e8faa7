/**
 * The monthly topics as the mailing reads them at run time: content/topics/<YYYY-MM>-<slug>.md,
 * shipped with the functions (netlify.toml included_files), front matter parsed with `yaml` and
 * checked with the same schema as the site's content collection. The port lets tests and the
 * local demo hand in their own topics.
 */
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { TOPIC_FILE_NAME, type Topic, topicSchema } from '../../../src/schemas/topic.ts';
import { contentPath } from '../../../src/lib/contentDir.ts';

export interface TopicFile {
  /** The page's slug, the file name without .md: <YYYY-MM>-<slug>; the page is /topics/<id>/. */
  id: string;
  topic: Topic;
  /** The Markdown body (the topic's introduction). */
  body: string;
}

export interface TopicsListing {
  topics: TopicFile[];
  /** Files that could not be read as topics: file name and the first problem. */
  problems: Array<{ file: string; problem: string }>;
}

/** The topics port. */
export interface TopicsSource {
  readonly description: string;
  list(): Promise<TopicsListing>;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Reads one topic file; a string names the problem. */
export function parseTopicFile(fileName: string, text: string): TopicFile | string {
  const id = fileName.replace(/\.md$/, '');
  const name = TOPIC_FILE_NAME.exec(id);
  if (!name) return 'the file name is not <YYYY-MM>-<slug>.md';
  const parts = FRONT_MATTER.exec(text.replace(/^\uFEFF/, ''));
  if (!parts) return 'it has no front matter between --- lines';
  let data: unknown;
  try {
    data = parse(parts[1] ?? '');
  } catch (error) {
    return `its front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`;
  }
  const result = topicSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return `${issue.path.map(String).join('.') || 'front matter'}: ${issue.message}`;
  }
  if (result.data.month !== name[1]) return `its month (${result.data.month}) is not the month in its file name (${name[1]})`;
  return { id, topic: result.data, body: (parts[2] ?? '').trim() };
}

/**
 * Topics from content/topics under `rootDir` (the working directory: on Netlify the function's
 * root, where netlify.toml's included_files puts content/topics/*.md). Resolved from a variable,
 * as loadSettings does, so the bundler's file tracer leaves the folder to included_files.
 */
export function createFileTopicsSource(rootDir: string = process.cwd()): TopicsSource {
  const dir = resolve(rootDir, contentPath('topics'));
  return {
    description: `topic files in ${dir}`,
    async list() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { topics: [], problems: [{ file: dir, problem: 'the topics folder is missing' }] };
        throw error;
      }
      const listing: TopicsListing = { topics: [], problems: [] };
      for (const name of names) {
        const parsed = parseTopicFile(name, await readFile(resolve(dir, name), 'utf8'));
        if (typeof parsed === 'string') listing.problems.push({ file: name, problem: parsed });
        else listing.topics.push(parsed);
      }
      return listing;
    },
  };
}

/** Topics held in memory (tests, and anything that already has them). */
export function createMemoryTopicsSource(topics: TopicFile[]): TopicsSource {
  return { description: 'topics in memory', list: async () => ({ topics: [...topics], problems: [] }) };
}

export type TopicChoice = { kind: 'topic'; topic: TopicFile } | { kind: 'none'; reason: string };

/**
 * The month's topic that may be emailed: not a draft, not an example (unless the local demo
 * allows examples), exactly one. Anything else is a plain reason for the committee.
 */
export function chooseTopic(listing: TopicsListing, month: string, options: { allowExampleTopics?: boolean } = {}): TopicChoice {
  const ofMonth = listing.topics.filter((entry) => entry.topic.month === month);
  const publishable = ofMonth.filter((entry) => !entry.topic.draft && (options.allowExampleTopics || !entry.topic.example));
  if (publishable.length === 1) return { kind: 'topic', topic: publishable[0]! };
  if (publishable.length > 1) {
    return {
      kind: 'none',
      reason: `There are ${publishable.length} topics for ${month} (${publishable.map((entry) => entry.id).join(', ')}); keep one, or mark the others as drafts.`,
    };
  }
  const broken = listing.problems.filter((problem) => problem.file.startsWith(month));
  const reasons = [
    ...ofMonth.map((entry) => `${entry.id} is ${entry.topic.draft ? 'a draft ("Keep off the site" is ticked)' : 'an example topic (untick "Example topic" once it is your own)'}`),
    ...broken.map((problem) => `${problem.file} could not be read: ${problem.problem}`),
  ];
  if (reasons.length === 0) return { kind: 'none', reason: `There is no topic for ${month} yet.` };
  return { kind: 'none', reason: `No topic for ${month} can be emailed: ${reasons.join('; ')}.` };
}
