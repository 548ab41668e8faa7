import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const copies: string[] = [];

/**
 * A throwaway copy of the site whose content a test may break. It lives inside the project
 * (.test-copies/, git-ignored) so packages resolve from the project's own node_modules: Astro's
 * compiler refuses a symlinked node_modules.
 */
function siteCopy(): string {
  mkdirSync(join(ROOT, '.test-copies'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.test-copies', 'content-errors-'));
  copies.push(dir);
  for (const entry of ['src', 'content', 'public', 'admin', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

function astro(dir: string, command: 'sync' | 'build'): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), command], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  // CI terminals get coloured output; compare the words only.
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout}\n${result.stderr}`) };
}

function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bad content stops the build, naming the file and the field', () => {
  it('a settings window that closes before it opens', () => {
    const dir = siteCopy();
    edit(join(dir, 'content/settings.yaml'), (text) => text.replace(/closes: \S+/, 'closes: 2027-05-15'));
    const { status, output } = astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain('content/settings.yaml');
    expect(output).toContain('applicationWindow.closes: The application window closes (2027-05-15) before it opens');
  }, 200_000);

  it('a topic whose month is not a month', () => {
    const dir = siteCopy();
    const file = readdirSync(join(dir, 'content/topics')).find((name) => name.startsWith('2026-10-'))!;
    edit(join(dir, 'content/topics', file), (text) => text.replace(/^month: .*$/m, 'month: "2026-13"'));
    const { status, output } = astro(dir, 'sync');
    expect(status).not.toBe(0);
    expect(output).toContain(`content/topics/${file}`);
    expect(output).toMatch(/month: Enter a month written as YYYY-MM/);
  }, 200_000);

  it('two topics for one month and an unknown theme (checks across files)', () => {
    const dir = siteCopy();
    const file = readdirSync(join(dir, 'content/topics')).find((name) => name.startsWith('2026-10-'))!;
    const duplicate = '2026-10-a-second-october-topic.md';
    cpSync(join(dir, 'content/topics', file), join(dir, 'content/topics', duplicate));
    edit(join(dir, 'content/topics', duplicate), (text) => text.replace(/^themes:.*$/m, 'themes: [gardening]'));
    const { status, output } = astro(dir, 'build');
    expect(status).not.toBe(0);
    expect(output).toContain(`content/topics/${duplicate} → month: Two topics are set for 2026-10`);
    expect(output).toContain(`content/topics/${duplicate} → themes: "gardening" is not a theme listed in content/settings.yaml`);
  }, 200_000);
});
