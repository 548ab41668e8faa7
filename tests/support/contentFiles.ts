/**
 * The Markdown files of a content pack, read the way the content collections read them: each
 * file's front matter checked with its collection's schema, and the topics checked across files
 * (contentChecks.ts), so a pack that passes here also passes the build's content checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import type { z } from 'zod';
import { type ContentProblem, findTopicProblems } from '../../src/lib/contentChecks.ts';
import { type ProgramSection, programSectionSchema } from '../../src/schemas/programSection.ts';
import type { Settings } from '../../src/schemas/settings.ts';
import { type Topic, topicSchema } from '../../src/schemas/topic.ts';
import { PROJECT_ROOT } from './contentPacks.ts';

export interface PackFile<Data> {
  /** Path from the project root, e.g. tests/fixtures/second-association/topics/2026-07-first.md. */
  filePath: string;
  data: Data;
  body: string;
}

/** Problems with one file, by field; empty when it validates. */
export interface PackFileProblem {
  filePath: string;
  field: string;
  message: string;
}

function readFolder<S extends z.ZodType>(dir: string, folder: string, schema: S, problems: PackFileProblem[]): Array<PackFile<z.output<S>>> {
  const files: Array<PackFile<z.output<S>>> = [];
  for (const name of readdirSync(join(PROJECT_ROOT, dir, folder))
    .filter((file) => file.endsWith('.md'))
    .sort()) {
    const filePath = `${dir}/${folder}/${name}`;
    const { frontmatter, content } = parseFrontmatter(readFileSync(join(PROJECT_ROOT, filePath), 'utf8'));
    const parsed = schema.safeParse(frontmatter);
    if (parsed.success) files.push({ filePath, data: parsed.data, body: content });
    else for (const issue of parsed.error.issues) problems.push({ filePath, field: issue.path.join('.'), message: issue.message });
  }
  return files;
}

/** A pack's program sections and topics, with every problem found in them. */
export function packFiles(
  dir: string,
  settings: Settings,
): { sections: Array<PackFile<ProgramSection>>; topics: Array<PackFile<Topic>>; problems: Array<PackFileProblem | ContentProblem> } {
  const problems: Array<PackFileProblem | ContentProblem> = [];
  const sections = readFolder(dir, 'program', programSectionSchema, problems);
  const topics = readFolder(dir, 'topics', topicSchema, problems);
  problems.push(...findTopicProblems(settings, topics));
  return { sections, topics, problems };
}
