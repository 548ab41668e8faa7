import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { parse } from 'yaml';
import { contentPath } from './lib/contentDir.ts';
import { programSectionSchema } from './schemas/programSection.ts';
import { settingsSchema } from './schemas/settings.ts';
import { topicSchema } from './schemas/topic.ts';

// The content the committee edits lives in content/ (docs/architecture.md, "Content layout"), or in the folder CONTENT_DIR
// names (src/lib/contentDir.ts); the schemas are the single source shared with the CMS
// configuration and the functions.
export const collections = {
  settings: defineCollection({
    loader: file(contentPath('settings.yaml'), { parser: (text) => [{ id: 'settings', ...parse(text) }] }),
    schema: settingsSchema,
  }),
  program: defineCollection({
    loader: glob({ pattern: '*.md', base: contentPath('program') }),
    schema: programSectionSchema,
  }),
  topics: defineCollection({
    loader: glob({ pattern: '*.md', base: contentPath('topics') }),
    schema: topicSchema,
  }),
};
