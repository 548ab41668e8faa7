import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '@netlify/functions';
// Netlify's bundler reads each function's `config` from its source, without running it: what
// it cannot read there (an imported constant, say) is silently not deployed.
import { parseFile } from '@netlify/zip-it-and-ship-it/dist/runtimes/node/in_source_config/index.js';
import { describe, expect, it } from 'vitest';

const FOLDER = 'netlify/functions';
const files = readdirSync(FOLDER).filter((file) => file.endsWith('.ts'));

// Netlify deploys every file in netlify/functions as a function, so tests and helpers live in
// netlify/lib/ beside the code they exercise.
describe('netlify/functions', () => {
  it('holds only function entries, no tests or helpers', () => {
    const all = readdirSync(FOLDER);
    expect(all.filter((file) => /\.test\.|\.spec\.|fixture/i.test(file))).toEqual([]);
    expect(all.every((file) => file.endsWith('.ts'))).toBe(true);
  });

  it.each(files)('%s: Netlify reads the whole config from the source (schedule, path, method, rate limit)', async (file) => {
    const module = (await import(`../functions/${file}`)) as { config?: Config };
    const parsed = await parseFile(join(FOLDER, file), { functionName: file.replace(/\.ts$/, '') });
    const fields = ['path', 'method', 'schedule', 'rateLimit', 'background'] as const;
    // The parser writes one path or method as a list of one; the same declaration either way.
    const normal = (field: string, value: unknown) => ((field === 'path' || field === 'method') && !Array.isArray(value) ? [value] : value);
    const pick = (config: Record<string, unknown> | undefined) =>
      Object.fromEntries(fields.filter((field) => config?.[field] !== undefined).map((field) => [field, normal(field, config?.[field])]));
    expect(pick(parsed.config as Record<string, unknown>)).toEqual(pick(module.config as Record<string, unknown> | undefined));
  });
});
