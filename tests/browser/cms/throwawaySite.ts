import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A throwaway copy of the site for the CMS tests: the project's files in a temporary folder,
 * node_modules linked (package by package, so the copy keeps its own Vite and Astro caches),
 * with `npm start`'s two processes running in it (Decap's local backend and astro dev) and a
 * second copy for builds, so a build never disturbs the running dev server.
 */

const PROJECT = resolve(import.meta.dirname, '../../..');
/**
 * What the site needs to run, build and be served; never the repository's git data, dist or
 * caches, nor the functions (netlify/), which the CMS does not use.
 */
const PROJECT_FILES = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'netlify.toml', '.gitignore', 'src', 'content', 'public', 'admin', 'scripts'];
const OWN_CACHES = new Set(['.astro', '.vite', '.cache']);
/**
 * Packages that ship .astro components are copied, not linked: Astro compiles a component by its
 * path and loses track of one whose real path lies outside the project ("No cached compile
 * metadata found").
 */
const COPIED_PACKAGES = new Set(['astro-pagefind']);

export interface ThrowawaySite {
  /** The copy the CMS edits. */
  dir: string;
  /** Where astro dev serves it, e.g. http://127.0.0.1:4391 */
  url: string;
  /** Builds the edited content as of `siteNow` (an ISO instant); returns the dist folder. */
  build(siteNow: string): Promise<string>;
  /** Serves the last build like a Netlify deploy (scripts/serve.ts: netlify.toml headers); returns its address. */
  serveBuild(port: number): Promise<string>;
  /** What the servers printed, to explain a failure. */
  logs(): string;
  /** A file of the edited copy, e.g. content/settings.yaml. */
  read(path: string): Promise<string>;
  stop(): Promise<void>;
}

async function copyProject(into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  for (const entry of PROJECT_FILES) {
    await cp(join(PROJECT, entry), join(into, entry), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await mkdir(join(into, 'node_modules'));
  for (const name of await readdir(join(PROJECT, 'node_modules'))) {
    const source = join(PROJECT, 'node_modules', name);
    if (COPIED_PACKAGES.has(name)) await cp(source, join(into, 'node_modules', name), { recursive: true, dereference: true });
    else if (!OWN_CACHES.has(name)) await symlink(source, join(into, 'node_modules', name));
  }
}

interface Running {
  child: ChildProcess;
  output: string[];
}

function start(command: string[], cwd: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, command, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, output };
}

async function stopProcess({ child }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((done) => child.once('exit', done));
  try {
    process.kill(-child.pid, 'SIGTERM'); // the process group this spawn started
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function waitFor(url: string, running: Running[], timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const failed = running.find(({ child }) => child.exitCode !== null);
    if (failed) throw new Error(`A server of the throwaway site stopped:\n${failed.output.join('')}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time:\n${running.map(({ output }) => output.join('')).join('\n')}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/**
 * `withFunctions` copies the functions as well, so the copy runs the whole product as `npm start`.
 * `contentFrom` names a content pack of the project (e.g. tests/fixtures/second-association)
 * that stands in the copy's content/, so the copy is that association's site.
 */
export async function startThrowawaySite(ports: { dev: number; backend: number }, options: { contentFrom?: string; withFunctions?: boolean } = {}): Promise<ThrowawaySite> {
  const base = await mkdtemp(join(tmpdir(), 'cms-site-'));
  const dir = join(base, 'site');
  const buildDir = join(base, 'build');
  await Promise.all([copyProject(dir), copyProject(buildDir)]);
  // The functions too (forms, the committee workspace), for a copy that runs the whole product.
  if (options.withFunctions) await cp(join(PROJECT, 'netlify'), join(dir, 'netlify'), { recursive: true });
  if (options.contentFrom) {
    for (const copy of [dir, buildDir]) {
      await rm(join(copy, 'content'), { recursive: true, force: true });
      await cp(join(PROJECT, options.contentFrom), join(copy, 'content'), { recursive: true });
    }
  }
  const env = {
    CMS_BACKEND_PORT: String(ports.backend),
    DECAP_SERVER_PORT: String(ports.backend + 1),
    CMS_GITHUB_REPO: 'example/mentoring-site',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const astro = join(dir, 'node_modules/astro/bin/astro.mjs');
  const backend = start(['admin/localBackend.ts'], dir, env);
  const dev = start([astro, 'dev', '--port', String(ports.dev), '--host', '127.0.0.1'], dir, env);
  const url = `http://127.0.0.1:${ports.dev}`;
  try {
    await waitFor(`${url}/admin/`, [backend, dev], 90_000);
    // The CMS bundle is made on first request; wait here, not in a test.
    await waitFor(`${url}/admin/cms.js`, [backend, dev], 120_000);
  } catch (error) {
    await Promise.all([stopProcess(dev), stopProcess(backend)]);
    await rm(base, { recursive: true, force: true });
    throw error;
  }

  const servers: Running[] = [backend, dev];
  return {
    dir,
    url,
    async serveBuild(port) {
      const served = start(['scripts/serve.ts', '--port', String(port)], buildDir, env);
      servers.push(served);
      await waitFor(`http://127.0.0.1:${port}/`, [served], 60_000);
      return `http://127.0.0.1:${port}`;
    },
    read: (path) => readFile(join(dir, path), 'utf8'),
    logs: () => servers.map(({ output }) => output.join('')).join('\n----\n'),
    async build(siteNow) {
      await rm(join(buildDir, 'content'), { recursive: true, force: true });
      await cp(join(dir, 'content'), join(buildDir, 'content'), { recursive: true });
      const build = start([join(buildDir, 'node_modules/astro/bin/astro.mjs'), 'build'], buildDir, { ...env, SITE_NOW: siteNow });
      const code = await new Promise<number | null>((done) => build.child.once('exit', done));
      if (code !== 0) throw new Error(`The build failed:\n${build.output.join('')}`);
      return join(buildDir, 'dist');
    },
    async stop() {
      await Promise.all(servers.map(stopProcess));
      await rm(base, { recursive: true, force: true });
    },
  };
}
