/**
 * The emails' Markdown processor is a native module (satteri, the parser Astro uses). A function
 * that renders an email must carry it with its Linux binary: bundled here by Netlify's own
 * bundler with netlify.toml's [functions] settings, the bundle loads the parser from its own
 * folder, with no node_modules of the project to fall back on, and renders with it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zipFunction } from '@netlify/zip-it-and-ship-it';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'markdown-bundle-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function tomlList(key: string): string[] {
  const match = new RegExp(`^\\s*${key}\\s*=\\s*(\\[[^\\]]*\\])`, 'm').exec(readFileSync(join(ROOT, 'netlify.toml'), 'utf8'));
  return match ? (JSON.parse(match[1]!) as string[]) : [];
}

describe('the functions that send email, as Netlify bundles them', () => {
  it.each(['monthly-topic-background', 'introductions'])(
    '%s carries the Markdown parser and its Linux binary, and renders with them alone',
    async (name) => {
      const bundled = await zipFunction(join(ROOT, 'netlify/functions', `${name}.ts`), out, {
        archiveFormat: 'none',
        basePath: ROOT,
        repositoryRoot: ROOT,
        config: { '*': { nodeBundler: 'esbuild', externalNodeModules: tomlList('external_node_modules') } },
      });
      expect(bundled).toBeDefined();
      const folder = bundled!.path;
      expect(existsSync(join(folder, 'node_modules/satteri/package.json'))).toBe(true);
      expect(existsSync(join(folder, 'node_modules/@bruits/satteri-linux-x64-gnu/satteri_napi.linux-x64-gnu.node'))).toBe(true);
      // Run from the bundle's folder in /tmp: nothing above it holds a node_modules.
      const html = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "const { markdownToHtml } = await import('./node_modules/satteri/dist/index.js'); process.stdout.write((await markdownToHtml('> ask **early**')).html);",
        ],
        { cwd: folder, encoding: 'utf8' },
      );
      expect(html).toContain('<blockquote>');
      expect(html).toContain('<strong>early</strong>');
    },
    60_000,
  );
});
