/**
 * `npm run bench`: every benchmark of issue 7 in one run, written to bench/results.json and
 * docs/benchmarks.md (ADR 0007 explains the method). Not part of `npm test`.
 *
 *   node bench/run.ts [--only site,lighthouse,submissions,burst,matching,builds,devloop,mailing,workspace,startcycles]
 *                     [--with-npm-test] [--cycles 20]
 *
 * startcycles (twenty start/stop cycles of npm start, bench/startCycles.ts) runs only when named;
 * --with-npm-test adds `npm test`'s wall time to the developer loop (about ten minutes a run).
 *
 * With --only, sections not run are carried over from the previous bench/results.json (each
 * section keeps the date it was measured). The order keeps timed work apart: CPU-bound phases run
 * one at a time; only the drain, which waits a second between writes by design, runs beside them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_NOW } from '../tests/testClock.ts';
import { measureBuildTimes } from './buildTime.ts';
import { writeBaselineProject } from './lib/baselineProject.ts';
import { copyProject, log, machine, nodeEnv, removeDir, ROOT, round, run, startProcess, stopProcess, versions, waitForUrl } from './lib/common.ts';
import { FORM_PATHS, searchRuntimeWeight, weighPage, weighSite, type PageType, type PageWeight } from './lib/pageWeights.ts';
import { measureLighthouse } from './lighthouse.ts';
import { startCompressingProxy } from './lib/compressingProxy.ts';
import { OPTIONAL_PHASES, PHASES, renderReport, type Results } from './report.ts';
import type { StartCyclesResult } from './startCycles.ts';

type Phase = (typeof PHASES)[number] | (typeof OPTIONAL_PHASES)[number];
const KNOWN: readonly Phase[] = [...PHASES, ...OPTIONAL_PHASES];

/** Where Lighthouse loads the site and the baseline (gzip in front, as Netlify's CDN compresses). */
const SITE_PORT = 8951;
const BASELINE_PORT = 8952;
/** Where scripts/serve.ts answers behind the gzip step. */
const SITE_SERVE_PORT = 8953;
const BASELINE_SERVE_PORT = 8954;
const LIGHTHOUSE_RUNS = 3;
const BUILD_SIZES = [10, 100, 1000, 5000];
/** Whole-run budget (issue 7: under 15 minutes); repeat build runs stop being added past this share of it. */
const RUN_BUDGET_MS = 15 * 60_000;
const REPEAT_BUILDS_UNTIL_MS = 9 * 60_000;

const RESULTS_FILE = join(ROOT, 'bench/results.json');
const REPORT_FILE = join(ROOT, 'docs/benchmarks.md');

/** Writes docs/benchmarks.md in the tree's own Markdown style (tables aligned), so `npm run lint` passes on it. */
function writeReport(markdown: string): void {
  writeFileSync(REPORT_FILE, markdown);
  execFileSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', REPORT_FILE], { cwd: ROOT, stdio: 'ignore' });
}

function parsePhases(): Set<Phase> {
  const index = process.argv.indexOf('--only');
  if (process.argv.includes('--help')) {
    console.log(
      `Usage: npm run bench [-- --only ${KNOWN.join(',')}] [--with-npm-test] [--cycles 20]\n${OPTIONAL_PHASES.join(', ')} runs only when named. --with-npm-test adds npm test's wall time to devloop.\nWrites bench/results.json and docs/benchmarks.md.\n--only report writes docs/benchmarks.md again from bench/results.json (and bench/notes.md), measuring nothing.`,
    );
    process.exit(0);
  }
  if (index === -1) return new Set<Phase>(PHASES);
  const chosen = (process.argv[index + 1] ?? '').split(',').filter((name) => name && name !== 'report');
  for (const name of chosen) if (!KNOWN.includes(name as Phase)) throw new Error(`bench: unknown phase ${name} (known: ${KNOWN.join(', ')})`);
  const set = new Set(chosen as Phase[]);
  if (set.has('lighthouse')) set.add('site'); // Lighthouse needs the built, served site
  return set;
}

const previous: Partial<Results> = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
const phases = parsePhases();
const startedAt = Date.now();
const elapsed = () => Date.now() - startedAt;
const stamp = () => new Date().toISOString();
const load: Results['loadAverage'] = [];
const noteLoad = (phase: string) => load.push({ phase, at: stamp(), elapsedS: round(elapsed() / 1000), loadAverage1m: machine().loadAverage1m });

const results: Results = {
  ...(previous as Results),
  date: stamp(),
  machine: machine(),
  versions: versions(),
  loadAverage: load,
  previousHeadline: previous.headline ?? {},
  headline: {},
};

/** Runs a bench script in its own Node (its own environment variables); returns its JSON file. */
async function runScript(script: string, args: string[], label: string, timeoutMs = 20 * 60_000): Promise<unknown> {
  const out = join(mkdtempSync(join(tmpdir(), 'bench-out-')), 'result.json');
  const result = await run(process.execPath, [join(ROOT, 'bench', script), ...args.map((arg) => (arg === 'OUT' ? out : arg))], { env: nodeEnv(), timeoutMs });
  if (result.code !== 0 || !existsSync(out)) throw new Error(`bench: ${label} failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
  return JSON.parse(readFileSync(out, 'utf8'));
}

function summariseBytes(pages: PageWeight[]) {
  const types: PageType[] = ['program', 'archive', 'topic', 'theme', 'form', 'thanks', 'not-found', 'other'];
  return types
    .map((type) => {
      const ofType = pages.filter((page) => page.type === type);
      if (ofType.length === 0) return null;
      const largest = (key: 'html' | 'css' | 'js') => ofType.reduce((best, page) => (page[key].gzip > best[key].gzip ? page : best))[key];
      return {
        type,
        pages: ofType.length,
        example: ofType[0]!.path,
        html: largest('html'),
        css: largest('css'),
        js: largest('js'),
        scriptElements: Math.max(...ofType.map((page) => page.scriptElements)),
      };
    })
    .filter((entry) => entry !== null);
}

/** Loads each page and what it links (twice), so no measured load meets a cold server. */
async function warmUp(urls: string[]): Promise<void> {
  for (let pass = 0; pass < 2; pass += 1) {
    for (const url of urls) {
      const html = await (await fetch(url, { signal: AbortSignal.timeout(60_000) })).text();
      const linked = [...html.matchAll(/\b(?:href|src)="(\/[^"]*)"/g)].map((match) => new URL(match[1]!, url).href);
      for (const asset of new Set([...linked, new URL('/robots.txt', url).href, new URL('/favicon.ico', url).href])) {
        await fetch(asset, { signal: AbortSignal.timeout(60_000) })
          .then((response) => response.arrayBuffer())
          .catch(() => undefined);
      }
    }
  }
}

/**
 * Waits (up to a minute) for the 1-minute load average to fall below the core count, so a timed
 * phase does not start in the wake of the previous one or of other work on the machine.
 */
async function waitForQuiet(phase: string, maxMs = 60_000): Promise<void> {
  const cores = machine().cores;
  const until = Date.now() + maxMs;
  while (machine().loadAverage1m >= cores && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5_000));
  if (machine().loadAverage1m >= cores) log(`${phase}: starting on a busy machine (load ${machine().loadAverage1m})`);
}

async function main(): Promise<void> {
  log(`phases: ${[...phases].join(', ')}; machine load ${machine().loadAverage1m}`);
  let siteDir: string | null = null;
  let baselineDir: string | null = null;
  let burst: Promise<unknown> | null = null;
  const servers: Array<Awaited<ReturnType<typeof startProcess>>> = [];
  const proxies: Array<Awaited<ReturnType<typeof startCompressingProxy>>> = [];
  try {
    // 1. The site as the tests see it (build:test's date), its bytes, and the baseline site.
    if (phases.has('site')) {
      noteLoad('site');
      siteDir = copyProject('site');
      const built = await run('npm', ['run', 'build', '--silent'], {
        cwd: siteDir,
        env: nodeEnv({ SITE_NOW: TEST_NOW, SITE_URL: `http://localhost:${SITE_PORT}`, ASTRO_TELEMETRY_DISABLED: '1' }, siteDir),
        timeoutMs: 600_000,
      });
      if (built.code !== 0) throw new Error(`bench: site build failed:\n${built.output.slice(-3000)}`);
      baselineDir = writeBaselineProject();
      for (const name of readdirSync(join(ROOT, 'content/topics')).filter((file) => file.endsWith('.md')))
        cpSync(join(ROOT, 'content/topics', name), join(baselineDir, 'content/topics', name));
      writeFileSync(join(baselineDir, 'netlify.toml'), '[build]\n  publish = "dist"\n');
      const baselineBuilt = await run('npm', ['run', 'build', '--silent'], {
        cwd: baselineDir,
        env: nodeEnv({ SITE_URL: `http://localhost:${BASELINE_PORT}`, ASTRO_TELEMETRY_DISABLED: '1' }, baselineDir),
        timeoutMs: 600_000,
      });
      if (baselineBuilt.code !== 0) throw new Error(`bench: baseline build failed:\n${baselineBuilt.output.slice(-3000)}`);
      const pages = weighSite(join(siteDir, 'dist'));
      const topicPath = pages.find((page) => page.type === 'topic')!.path;
      results.bytes = {
        measuredAt: stamp(),
        pageTypes: summariseBytes(pages),
        forms: FORM_PATHS.map((path) => pages.find((page) => page.path === path)!).map((page) => ({ path: page.path, html: page.html, css: page.css, js: page.js })),
        baselineTopic: (({ path, html, css, js }) => ({ path, html, css, js }))(weighPage(join(baselineDir, 'dist'), topicPath)),
        searchRuntime: searchRuntimeWeight(join(siteDir, 'dist')),
        contentPagesWithScript: pages
          .filter((page) => !FORM_PATHS.includes(page.path) && page.path !== '/topics/' && page.path !== '/form-shell/' && page.scriptElements > 0)
          .map((page) => page.path),
        siteBuildMs: round(built.ms),
      };
      log(`site built in ${(built.ms / 1000).toFixed(1)} s; ${pages.length} pages weighed`);
    }

    // 2. Lighthouse on the served site and the baseline page, first and on a quiet machine: its
    // performance score is the figure most moved by other work (nothing of ours runs beside it).
    if (phases.has('lighthouse') && siteDir && baselineDir) {
      await waitForQuiet('lighthouse');
      noteLoad('lighthouse');
      const site = startProcess(process.execPath, ['scripts/serve.ts', '--port', String(SITE_SERVE_PORT)], {
        cwd: siteDir,
        env: nodeEnv({ SITE_NOW: TEST_NOW, RECORDS_DIR: join(siteDir, '.data/records'), MAIL_OUTBOX_DIR: join(siteDir, '.data/outbox') }, siteDir),
      });
      servers.push(site);
      const baseline = startProcess(process.execPath, [join(ROOT, 'scripts/serve.ts'), '--port', String(BASELINE_SERVE_PORT)], { cwd: baselineDir, env: nodeEnv({}, baselineDir) });
      servers.push(baseline);
      await waitForUrl(`http://localhost:${SITE_SERVE_PORT}/`, 120_000);
      await waitForUrl(`http://localhost:${BASELINE_SERVE_PORT}/`, 120_000);
      proxies.push(await startCompressingProxy({ port: SITE_PORT, target: SITE_SERVE_PORT }), await startCompressingProxy({ port: BASELINE_PORT, target: BASELINE_SERVE_PORT }));
      const topicPath = results.bytes!.baselineTopic.path;
      const pages = [
        { label: 'Program page', path: '/' },
        { label: 'Topic archive', path: '/topics/' },
        { label: 'Topic page', path: topicPath },
        ...FORM_PATHS.filter((path) => path !== '/evaluation/mentee/').map((path) => ({ label: `Form ${path}`, path })),
      ].map((page) => ({ ...page, url: `http://localhost:${SITE_PORT}${page.path}` }));
      const baselinePage = { label: 'Baseline topic page', path: topicPath, url: `http://localhost:${BASELINE_PORT}${topicPath}` };
      // The emulation answers its first requests slowly while it starts up: warm every page first.
      await warmUp([...pages, baselinePage].map((page) => page.url));
      const measured = await measureLighthouse([...pages, baselinePage], LIGHTHOUSE_RUNS);
      results.lighthouse = { measuredAt: stamp(), runs: LIGHTHOUSE_RUNS, pages: measured.slice(0, -1), baseline: measured.at(-1)! };
      for (const proxy of proxies.splice(0)) await proxy.stop();
      for (const server of servers.splice(0)) await stopProcess(server.child);
    }
    // 3. Submissions: handler time, throughput, faults (CPU-bound, on a quiet machine).
    if (phases.has('submissions')) {
      noteLoad('submissions');
      results.submissions = {
        measuredAt: stamp(),
        ...((await runScript('submissions.ts', ['latency', 'OUT'], 'submissions')) as Omit<NonNullable<Results['submissions']>, 'measuredAt'>),
      };
      log('submissions measured');
    }

    // 4. The burst runs alone; its drain (one write a second) then goes on beside the rest.
    if (phases.has('burst')) {
      noteLoad('burst');
      const out = join(mkdtempSync(join(tmpdir(), 'bench-out-')), 'burst.json');
      const child = startProcess(process.execPath, [join(ROOT, 'bench/submissions.ts'), 'burst', out], { cwd: ROOT, env: nodeEnv() });
      const drainStarted = new Promise<void>((ready, fail) => {
        const timer = setInterval(() => {
          if (child.output().includes('DRAIN-STARTED')) {
            clearInterval(timer);
            ready();
          } else if (child.child.exitCode !== null) {
            clearInterval(timer);
            fail(new Error(`bench: burst ended early:\n${child.output().slice(-3000)}`));
          }
        }, 250);
      });
      burst = new Promise((done, fail) => {
        child.child.once('exit', (code) =>
          code === 0 && existsSync(out) ? done(JSON.parse(readFileSync(out, 'utf8'))) : fail(new Error(`bench: burst failed (exit ${code}):\n${child.output().slice(-3000)}`)),
        );
      });
      burst.catch(() => undefined);
      const guard = setTimeout(() => void stopProcess(child.child), 20 * 60_000);
      burst.finally(() => clearTimeout(guard)).catch(() => undefined);
      await drainStarted;
      log('burst over; the drain goes on in the background');
    }

    if (siteDir) removeDir(siteDir);
    if (baselineDir) removeDir(baselineDir);
    siteDir = baselineDir = null;

    // 5. Matching (the engine's own benchmark, in its own process).
    if (phases.has('matching')) {
      noteLoad('matching');
      const result = await run(process.execPath, [join(ROOT, 'bench/matching.ts')], { env: nodeEnv(), timeoutMs: 10 * 60_000 });
      if (result.code !== 0) throw new Error(`bench: matching failed:\n${result.output.slice(-3000)}`);
      results.matching = { measuredAt: stamp(), sizes: JSON.parse(result.output.slice(result.output.indexOf('['))) };
      log('matching measured');
    }

    // 6. Build times, real against baseline.
    if (phases.has('builds')) {
      await waitForQuiet('builds');
      noteLoad('builds');
      const repeatUntil = startedAt + REPEAT_BUILDS_UNTIL_MS;
      results.buildTime = {
        measuredAt: stamp(),
        ...(await measureBuildTimes({ sizes: BUILD_SIZES, runs: (size) => (size >= 5000 ? 1 : 3), budgetMs: Math.max(0, repeatUntil - Date.now()) })),
      };
    }

    // 7. The developer loop: npm start cold and warm, the first function call, npm run build,
    // beside a bare Astro project (and npm test's wall time with --with-npm-test).
    if (phases.has('devloop')) {
      await waitForQuiet('devloop');
      noteLoad('devloop');
      const withNpmTest = process.argv.includes('--with-npm-test');
      const args = ['OUT', '--runs', '3', ...(withNpmTest ? ['--with-npm-test'] : [])];
      results.developerLoop = {
        measuredAt: stamp(),
        ...((await runScript('developerLoop.ts', args, 'developer loop', (withNpmTest ? 140 : 20) * 60_000)) as Omit<NonNullable<Results['developerLoop']>, 'measuredAt'>),
      };
      // npm test is timed only when asked (ten minutes a run): an earlier timing stays, with its date.
      const loop = results.developerLoop;
      if (loop.npmTest) loop.npmTest.measuredAt = loop.measuredAt;
      else loop.npmTest = previous.developerLoop?.npmTest ?? null;
      log('developer loop measured');
    }

    // 8. Mailing against the rate-limited Resend stand-in.
    if (phases.has('mailing')) {
      noteLoad('mailing');
      results.mailing = { measuredAt: stamp(), sizes: (await runScript('mailing.ts', ['OUT', '100,1000,5000'], 'mailing')) as NonNullable<Results['mailing']>['sizes'] };
      log('mailing measured');
    }

    // 9. The committee workspace's pages against the slow GitHub stand-in.
    if (phases.has('workspace')) {
      await waitForQuiet('workspace');
      noteLoad('workspace');
      results.workspace = { measuredAt: stamp(), ...((await runScript('workspace.ts', ['OUT'], 'workspace')) as Omit<NonNullable<Results['workspace']>, 'measuredAt'>) };
      log('committee workspace measured');
    }

    // 10. Start/stop cycles (only when named): recorded whether they pass or not.
    if (phases.has('startcycles')) {
      noteLoad('startcycles');
      const cyclesFlag = process.argv.indexOf('--cycles');
      const cycles = cyclesFlag > -1 ? (process.argv[cyclesFlag + 1] ?? '20') : '20';
      const out = join(mkdtempSync(join(tmpdir(), 'bench-out-')), 'cycles.json');
      const result = await run(process.execPath, [join(ROOT, 'bench/startCycles.ts'), '--cycles', cycles, '--out', out], { env: nodeEnv(), timeoutMs: 60 * 60_000 });
      if (!existsSync(out)) throw new Error(`bench: start cycles did not finish (exit ${result.code}):\n${result.output.slice(-3000)}`);
      results.startCycles = { measuredAt: stamp(), ...(JSON.parse(readFileSync(out, 'utf8')) as StartCyclesResult) };
      log(`start cycles: ${results.startCycles.passed} of ${results.startCycles.cycles} passed`);
    }

    if (burst) {
      noteLoad('waiting for the drain');
      results.burst = { measuredAt: stamp(), ...((await burst) as Omit<NonNullable<Results['burst']>, 'measuredAt'>) };
      log('burst and drain measured');
    }
  } finally {
    for (const proxy of proxies) await proxy.stop();
    for (const server of servers) await stopProcess(server.child);
    if (siteDir) removeDir(siteDir);
    if (baselineDir) removeDir(baselineDir);
  }
  noteLoad('end');
  results.durationS = round(elapsed() / 1000);
  results.phasesRun = [...phases];
  if (PHASES.every((phase) => phases.has(phase))) results.fullRun = { date: results.date, durationS: results.durationS, loadAverageAtStart: results.machine.loadAverage1m };
  results.budgetS = RUN_BUDGET_MS / 1000;
  const notesFile = join(ROOT, 'bench/notes.md');
  const report = renderReport(results, existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '');
  results.headline = report.headline;
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  writeReport(report.markdown);
  log(`done in ${(elapsed() / 1000).toFixed(0)} s: bench/results.json, docs/benchmarks.md`);
  for (const line of report.summary) console.log(line);
}

if (phases.size === 0) {
  // Report only: the stored figures, written out again (after editing bench/notes.md, say).
  const stored = previous as Results;
  const notesFile = join(ROOT, 'bench/notes.md');
  writeReport(renderReport(stored, existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '').markdown);
  log('docs/benchmarks.md written from bench/results.json');
} else {
  await main();
}
process.exit(0);
