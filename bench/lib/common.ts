/** Small helpers shared by the benchmarks: statistics, processes, ports, the machine. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Least-squares line through (x, y): the slope is the cost of one more x. */
export function linearFit(points: Array<{ x: number; y: number }>): { slope: number; intercept: number } {
  const n = points.length;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  const sxy = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const sxx = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

export const round = (value: number, digits = 0) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);
export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** The machine and what else was running on it (other builds make timings noisy). */
export function machine() {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    freeMemoryGiB: round(freemem() / 1024 ** 3, 1),
    loadAverage1m: round(loadavg()[0]!, 2),
    platform: `${process.platform} ${process.arch}`,
  };
}

const packageVersion = (name: string) => {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
  } catch {
    return 'not installed';
  }
};

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export function versions() {
  let chromium = 'not found';
  try {
    chromium = execFileSync(CHROME_PATH, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* reported as not found */
  }
  return { node: process.version, astro: packageVersion('astro'), chromium, lighthouse: packageVersion('lighthouse'), pagefind: packageVersion('pagefind') };
}

/** Runs a command to completion; resolves with its exit code, output tail and wall time. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ code: number | null; ms: number; output: string }> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      done({ code, ms: performance.now() - started, output });
    });
  });
}

/** Starts a long-running process (a server); stop it with stopProcess. */
export function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): { child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

/** Ends a process started here and its children (by its process group id), then waits for it. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  const timeout = sleep(5_000).then(() => 'timeout');
  if ((await Promise.race([exited.then(() => 'exited'), timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Waits until an HTTP URL on this machine answers (any status). */
export async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Folders of the work tree a copy of the project leaves out. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.astro', '.git', '.netlify', '.data', '.test-copies', 'test-results', 'playwright-report', 'bench']);

/**
 * A temporary copy of the project (the work tree as it is, without build output) whose
 * node_modules is a folder of symlinks to the project's packages: the packages are shared, but
 * the caches that tools keep inside node_modules (.astro, .vite) belong to the copy, so builds
 * here never touch the project's own caches or another engineer's build.
 */
export function copyProject(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `mentoring-bench-${label}-`));
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (NOT_COPIED.has(entry.name)) continue;
    cpSync(join(ROOT, entry.name), join(dir, entry.name), {
      recursive: true,
      filter: (source) =>
        !relative(ROOT, source)
          .split('/')
          .some((part) => part === 'node_modules'),
    });
  }
  linkNodeModules(dir);
  return dir;
}

/** Packages (name or @scope/name) that ship .astro components, searched a few levels deep. */
function packagesWithAstroFiles(modules: string): Set<string> {
  const found = new Set<string>();
  const search = (dir: string, depth: number): boolean => {
    if (depth > 3) return false;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.astro')) return true;
      if (entry.isDirectory() && entry.name !== 'node_modules' && search(join(dir, entry.name), depth + 1)) return true;
    }
    return false;
  };
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.') || entry === 'astro') continue;
    const names = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((member) => `${entry}/${member}`) : [entry];
    for (const name of names) if (search(join(modules, name), 0)) found.add(name);
  }
  return found;
}

/**
 * node_modules in `dir` as symlinks to each of the project's packages (caches excluded). Packages
 * that ship .astro components are copied instead: Astro compiles those in place and refuses one
 * whose real path lies outside the project it builds.
 */
export function linkNodeModules(dir: string): void {
  const modules = join(ROOT, 'node_modules');
  const target = join(dir, 'node_modules');
  const copied = packagesWithAstroFiles(modules);
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (['.astro', '.vite', '.cache', '.vite-temp'].includes(entry)) continue;
    const scoped = entry.startsWith('@') && [...copied].some((name) => name.startsWith(`${entry}/`));
    if (scoped) {
      mkdirSync(join(target, entry));
      for (const member of readdirSync(join(modules, entry))) {
        const name = `${entry}/${member}`;
        if (copied.has(name)) cpSync(join(modules, name), join(target, name), { recursive: true, dereference: true });
        else symlinkSync(join(modules, name), join(target, name));
      }
    } else if (copied.has(entry)) {
      cpSync(join(modules, entry), join(target, entry), { recursive: true, dereference: true });
    } else {
      symlinkSync(join(modules, entry), join(target, entry));
    }
  }
}

export function removeDir(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}

/** Node 22 (the npm-pinned one running this script) with the project's bins first on PATH. */
export function nodeEnv(extra: Record<string, string> = {}, cwd = ROOT): NodeJS.ProcessEnv {
  const { VITEST: _vitest, ...rest } = process.env;
  return { ...rest, PATH: `${join(cwd, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, ...extra };
}
