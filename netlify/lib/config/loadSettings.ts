import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { contentPath } from '../../../src/lib/contentDir.ts';
import { type Settings, settingsSchema } from '../../../src/schemas/settings.ts';

/**
 * The committee's settings as the functions see them: the same file and schema as the site,
 * shipped with each function (netlify.toml included_files), read once per instance.
 */
let cached: Promise<Settings> | undefined;

export function loadSettings(rootDir: string = process.cwd()): Promise<Settings> {
  cached ??= readFile(resolve(rootDir, contentPath('settings.yaml')), 'utf8').then((text) => settingsSchema.parse(parse(text)));
  return cached;
}

/** Parses settings from a YAML string (tests and tools that hold the text already). */
export function parseSettings(text: string): Settings {
  return settingsSchema.parse(parse(text));
}
