import type { z } from 'zod';
import { programSectionSchema } from '../src/schemas/programSection.ts';
import { settingsSchema } from '../src/schemas/settings.ts';
import { topicSchema } from '../src/schemas/topic.ts';

/**
 * The schema of each CMS collection's documents: the same schemas as the content collections
 * (src/content.config.ts). The CMS configuration is generated from them and the editor checks
 * each field with them.
 */
export const CONTENT_SCHEMAS = {
  topics: topicSchema,
  program: programSectionSchema,
  settings: settingsSchema,
} as const satisfies Record<string, z.ZodType>;

export type CollectionName = keyof typeof CONTENT_SCHEMAS;

/** Where the collections live in a content folder of the site repository (docs/architecture.md, "Content layout"). */
export function contentPaths(dir: string) {
  return { topics: `${dir}/topics`, program: `${dir}/program`, settings: `${dir}/settings.yaml`, media: `${dir}/media` } as const;
}

/** Where the collections live in the site repository by default: content/ (CONTENT_DIR may name another folder). */
export const CONTENT_PATHS = contentPaths('content');
