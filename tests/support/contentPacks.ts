/**
 * Content packs for tests: the shipped content (content/, the kit's first user) and the second
 * association's pack (tests/fixtures/second-association), read and checked with the site's own
 * settings schema. Synchronous and cached, for test fixtures built at import time.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_CONTENT_DIR } from '../../src/lib/contentDir.ts';
import { type Settings, settingsSchema } from '../../src/schemas/settings.ts';

/** The project root (this file is tests/support/contentPacks.ts). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** A made-up second association's content, in the layout of content/ (settings.yaml, program/, topics/). */
export const SECOND_ASSOCIATION_DIR = 'tests/fixtures/second-association';

const loaded = new Map<string, Settings>();

/** The settings of a content pack (a folder relative to the project root), parsed with settingsSchema. */
export function packSettings(dir: string): Settings {
  let settings = loaded.get(dir);
  if (!settings) {
    settings = settingsSchema.parse(parse(readFileSync(join(PROJECT_ROOT, dir, 'settings.yaml'), 'utf8')));
    loaded.set(dir, settings);
  }
  return settings;
}

/** The shipped settings (content/settings.yaml), whatever CONTENT_DIR says. */
export function shippedSettings(): Settings {
  return packSettings(DEFAULT_CONTENT_DIR);
}

/** The second association's settings. */
export function secondAssociationSettings(): Settings {
  return packSettings(SECOND_ASSOCIATION_DIR);
}
