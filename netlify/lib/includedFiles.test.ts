import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
// Netlify's own expansion of included_files (fast-glob with dot files, as a deploy does).
import { getPathsOfIncludedFiles } from '@netlify/zip-it-and-ship-it/dist/runtimes/node/utils/included_files.js';
import { afterAll, describe, expect, it, vi } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** netlify.toml's [functions] included_files (a TOML array of double-quoted strings reads as JSON). */
function includedFiles(): string[] {
  const toml = readFileSync(join(ROOT, 'netlify.toml'), 'utf8');
  const match = /^\s*included_files\s*=\s*(\[[^\]]*\])/m.exec(toml);
  if (!match) throw new Error('netlify.toml has no included_files');
  return JSON.parse(match[1]!) as string[];
}

async function expand(globs: string[], root: string): Promise<string[]> {
  const { paths } = await getPathsOfIncludedFiles(globs, root);
  return paths.map((path) => relative(root, path).split('\\').join('/')).sort();
}

/** Build output named in included_files, with the page source that writes it. */
function builtFrom(path: string): string[] | null {
  const page = /^dist\/(.+)\/index\.html$/.exec(path);
  return page ? [`src/pages/${page[1]}.astro`, `src/pages/${page[1]}/index.astro`] : null;
}

const roots: string[] = [];
function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'included-files-'));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** A function's root as Netlify assembles it: only the included files (the built shell stood in for). */
async function functionRoot(leaveOut?: string): Promise<string> {
  const dir = tempRoot();
  for (const path of await expand(includedFiles(), ROOT)) {
    if (path === leaveOut) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(ROOT, path), join(dir, path));
  }
  // dist/ exists only after a build: the shell's placeholders are all a function needs from it.
  if (leaveOut !== 'dist/form-shell/index.html' && !existsSync(join(dir, 'dist/form-shell/index.html'))) {
    mkdirSync(join(dir, 'dist/form-shell'), { recursive: true });
    writeFileSync(join(dir, 'dist/form-shell/index.html'), '<title>%%PAGE_TITLE%%</title><main><!--%%PAGE_CONTENT%%--></main>');
  }
  return dir;
}

/**
 * Everything the functions read from their root, through the readers themselves (fresh modules,
 * since the settings and the shell are kept once read). A missing file shows as an error.
 */
async function whatFunctionsRead(root: string) {
  vi.resetModules();
  const { loadSettings } = await import('./config/loadSettings.ts');
  const { loadPageShell } = await import('./http/pageShell.ts');
  const { createFileTopicsSource } = await import('./mailing/topics.ts');
  const settle = <T>(promise: Promise<T>) =>
    promise.then(
      (value) => ({ value }),
      (error: Error) => ({ error: error.message.replace(root, '<root>') }),
    );
  return {
    settings: await settle(loadSettings(root)),
    topics: await settle(createFileTopicsSource(root).list()),
    // Port 9 (discard) refuses: no dev server to fall back on, as on Netlify.
    shell: await settle(loadPageShell('http://127.0.0.1:9/', root)),
  };
}

/**
 * Every module the functions can load that touches the file system, and why. The readers are the
 * ones exercised below; a new module reading files fails the first test until it is listed here
 * (and, if a deploy needs what it reads, named in included_files).
 */
const FILE_SYSTEM_MODULES: Record<string, string> = {
  'netlify/lib/config/loadSettings.ts': 'reader',
  'netlify/lib/http/pageShell.ts': 'reader',
  'netlify/lib/mailing/topics.ts': 'reader',
  'netlify/lib/records/localGitRecordsStore.ts': 'local only: the records under .data/ when RECORDS_REPO is unset',
  'netlify/lib/mailer/outboxMailer.ts': 'local only: the outbox under .data/ when RESEND_API_KEY is unset',
  'netlify/lib/mailer/outboxReader.ts': 'local only: the outbox read back for the workspace, never given on a deploy',
  'netlify/lib/privacy/rewriteHistory.ts': 'a command-line tool (npm run rewrite-records-history), never a function',
};

describe("netlify.toml's included_files", () => {
  it('the modules that read files are the known ones', () => {
    const found = readdirSync(join(ROOT, 'netlify'), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
      .map((path) => `netlify/${path.split('\\').join('/')}`)
      .filter((path) => /from ['"](node:)?fs(\/promises)?['"]/.test(readFileSync(join(ROOT, path), 'utf8')))
      .sort();
    expect(found).toEqual(Object.keys(FILE_SYSTEM_MODULES).sort());
  });

  it('each glob names something: a file in the repository, or a page the build writes', async () => {
    for (const glob of includedFiles()) {
      const sources = builtFrom(glob);
      if (sources)
        expect(
          sources.some((source) => existsSync(join(ROOT, source))),
          `${glob}: no page writes it`,
        ).toBe(true);
      else expect(await expand([glob], ROOT), `${glob} matches nothing`).not.toEqual([]);
    }
  });

  it('can never include what the product writes at run time under .data/', async () => {
    for (const glob of includedFiles()) {
      const first = glob.replace(/^!/, '').split('/')[0]!;
      expect(/[*?[{]/.test(first), `${glob} starts with a wildcard, so it reaches into every folder`).toBe(false);
      expect(first).not.toBe('.data');
    }
    // A project as it is after npm start has run: the CMS's workspace holds a copy of content/.
    const dir = tempRoot();
    const written = [
      '.data/cms-workspace/content/settings.yaml',
      '.data/cms-workspace/content/topics/2026-09-a.md',
      '.data/cms-workspace/content/program/mentor-responsibilities.md',
      '.data/cms-workspace/dist/form-shell/index.html',
      '.data/records/applications/2026-2027/mentee/a.json',
      '.data/outbox/a.eml',
      'content/settings.yaml',
    ];
    for (const path of written) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), 'x');
    }
    const included = await expand(includedFiles(), dir);
    expect(included).toContain('content/settings.yaml');
    expect(included.filter((path) => path.startsWith('.data/'))).toEqual([]);
  });

  it('hold everything the functions read: a root with only them reads as the project does', async () => {
    const read = await whatFunctionsRead(await functionRoot());
    const fromProject = await whatFunctionsRead(ROOT);
    expect(read.settings).toEqual(fromProject.settings);
    expect(read.topics).toEqual(fromProject.topics);
    expect('value' in read.settings && 'value' in read.shell).toBe(true);
    expect('value' in read.topics && read.topics.value.problems).toEqual([]);
    expect('value' in read.topics && read.topics.value.topics.length).toBeGreaterThan(0);
  });

  it('hold nothing the functions do not read: leaving out any one file changes what they read', async () => {
    const full = await whatFunctionsRead(await functionRoot());
    const files = [...(await expand(includedFiles(), ROOT)), 'dist/form-shell/index.html'];
    const unread: string[] = [];
    for (const path of new Set(files)) {
      const without = await whatFunctionsRead(await functionRoot(path));
      if (JSON.stringify(without) === JSON.stringify(full)) unread.push(path);
    }
    expect(unread, 'included but never read by a function').toEqual([]);
  });
});

describe("the dev server's watcher", () => {
  it('leaves .data/ alone (the CMS workspace, records and outbox npm start writes)', async () => {
    const { minimatch } = await import('@netlify/zip-it-and-ship-it/dist/utils/matching.js');
    const config = (await import('../../astro.config.mjs')).default;
    const ignored = [config.vite?.server?.watch?.ignored ?? []].flat().filter((pattern): pattern is string => typeof pattern === 'string');
    const ignores = (path: string) => ignored.some((pattern) => minimatch(join(ROOT, path), pattern, { dot: true }));
    expect(ignores('.data/cms-workspace/content/settings.yaml')).toBe(true);
    expect(ignores('.data/records/applications/2026-2027/mentee/a.json')).toBe(true);
    expect(ignores('.data/outbox/a.eml')).toBe(true);
    expect(ignores('content/settings.yaml')).toBe(false);
  });
});
