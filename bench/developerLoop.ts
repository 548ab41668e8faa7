/**
 * The developer loop (issue 12, item 7): how long a newcomer waits, in a copy of the project,
 * beside a bare Astro project (bench/lib/baselineProject.ts) measured in the same run.
 *
 *   node bench/developerLoop.ts OUT [--runs 3] [--with-npm-test]
 *
 * - Cold start: `npm start` with no .astro/, .netlify/, .data/ or caches in node_modules (.vite,
 *   .cache with the CMS bundle), until the program page answers; then until the mentee form, its
 *   function, /admin/ and the CMS's local backend have all answered.
 * - Warm start: the same again with what the previous start left.
 * - First function call: an invalid mentee application posted right after ready (422 expected).
 * - `npm run build` with dist/ removed and the caches the starts left (as a developer builds).
 * - The baseline's `astro dev` (cold and warm, ready when a topic page answers) and `astro build`.
 * - `npm test`'s wall time only with --with-npm-test: it takes about ten minutes a run.
 *
 * Runs alternate (site cold, site warm, baseline cold, baseline warm), so a busy spell on the
 * machine touches both. npm run bench runs it as its "devloop" phase.
 */
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBaselineProject } from './lib/baselineProject.ts';
import { copyProject, log, machine, median, nodeEnv, ROOT, removeDir, round, run } from './lib/common.ts';
import { ask, assertPortsFree, FORM_POST, INVALID_MENTEE, type StartedSite, startBaselineDev, startSite, stopSite, waitForStatus, waitUntilServed } from './lib/devServer.ts';

const SITE_PORT = 8965;
const BASELINE_PORT = 8968;
const DEADLINE_MS = 300_000;

export interface StartRun {
  readyMs: number;
  servedMs: number;
  firstFunctionMs: number;
  loadAverage1m: number;
}

export interface DeveloperLoopResult {
  runs: number;
  coldStart: { readyMs: number; servedMs: number; runs: StartRun[] };
  warmStart: { readyMs: number; servedMs: number; runs: StartRun[] };
  /** The first function call after ready, over the cold and the warm starts. */
  firstFunctionMs: { cold: number; warm: number };
  build: { ms: number; runs: number[] };
  baseline: { coldStartMs: number; warmStartMs: number; buildMs: number; coldRuns: number[]; warmRuns: number[]; buildRuns: number[] };
  /** Only when --with-npm-test was given. */
  npmTest: { ms: number; runs: Array<{ ms: number; passed: boolean }>; measuredAt?: string } | null;
  loadAverage: { atStart: number; atEnd: number; max: number };
}

/** What a fresh clone lacks: build output, Astro's and Vite's caches, the CMS bundle's cache, run-time data. */
function makeCold(dir: string): void {
  for (const path of ['.astro', '.netlify', '.data', 'dist', 'node_modules/.vite', 'node_modules/.cache', 'node_modules/.astro']) removeDir(join(dir, path));
}

async function timeSiteStart(dir: string): Promise<StartRun> {
  const loadAverage1m = machine().loadAverage1m;
  const base = `http://localhost:${SITE_PORT}`;
  const site: StartedSite = startSite(dir, SITE_PORT);
  try {
    const readyMs = await waitForStatus(site, `${base}/`, 200, DEADLINE_MS);
    const first = await ask(`${base}/api/applications/mentee`, { ...FORM_POST, body: INVALID_MENTEE }, 60_000);
    if (first.status !== 422) throw new Error(`the first function call answered ${first.status}, not 422: ${first.body.slice(0, 200)}`);
    const served = await waitUntilServed(site, base, DEADLINE_MS);
    return { readyMs: round(readyMs), servedMs: round(served.servedMs), firstFunctionMs: round(first.ms), loadAverage1m };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${site.output().slice(-3000)}`);
  } finally {
    const problem = await stopSite(site);
    if (problem) log(`developer loop: stopping npm start: ${problem}`);
  }
}

async function timeBaselineStart(dir: string, topicPath: string): Promise<number> {
  const site = startBaselineDev(dir, BASELINE_PORT);
  try {
    return round(await waitForStatus(site, `http://localhost:${BASELINE_PORT}${topicPath}`, 200, DEADLINE_MS));
  } finally {
    const problem = await stopSite(site);
    if (problem) log(`developer loop: stopping the baseline: ${problem}`);
  }
}

async function timeBuild(dir: string, label: string): Promise<number> {
  removeDir(join(dir, 'dist'));
  const built = await run('npm', ['run', 'build', '--silent'], { cwd: dir, env: nodeEnv({ ASTRO_TELEMETRY_DISABLED: '1' }, dir), timeoutMs: 600_000 });
  if (built.code !== 0) throw new Error(`developer loop: ${label} build failed:\n${built.output.slice(-3000)}`);
  return round(built.ms);
}

export async function measureDeveloperLoop(options: { runs: number; withNpmTest: boolean }): Promise<DeveloperLoopResult> {
  await assertPortsFree([SITE_PORT, SITE_PORT + 1, SITE_PORT + 2, BASELINE_PORT]);
  const loads = [machine().loadAverage1m];
  const dir = copyProject('devloop');
  const baselineDir = writeBaselineProject();
  try {
    const topics = readdirSync(join(dir, 'content/topics')).filter((name) => name.endsWith('.md'));
    for (const name of topics) cpSync(join(dir, 'content/topics', name), join(baselineDir, 'content/topics', name));
    const topicPath = `/topics/${topics[0]!.replace(/\.md$/, '')}/`;
    const cold: StartRun[] = [];
    const warm: StartRun[] = [];
    const baselineCold: number[] = [];
    const baselineWarm: number[] = [];
    for (let index = 1; index <= options.runs; index += 1) {
      makeCold(dir);
      cold.push(await timeSiteStart(dir));
      warm.push(await timeSiteStart(dir));
      makeCold(baselineDir);
      baselineCold.push(await timeBaselineStart(baselineDir, topicPath));
      baselineWarm.push(await timeBaselineStart(baselineDir, topicPath));
      loads.push(machine().loadAverage1m);
      const last = (runs: StartRun[]) => `${(runs.at(-1)!.readyMs / 1000).toFixed(1)} s (all served ${(runs.at(-1)!.servedMs / 1000).toFixed(1)} s)`;
      log(
        `developer loop ${index}/${options.runs}: cold ${last(cold)}, warm ${last(warm)}; baseline cold ${(baselineCold.at(-1)! / 1000).toFixed(1)} s, warm ${(baselineWarm.at(-1)! / 1000).toFixed(1)} s (load ${machine().loadAverage1m})`,
      );
    }
    const builds: number[] = [];
    const baselineBuilds: number[] = [];
    for (let index = 1; index <= options.runs; index += 1) {
      builds.push(await timeBuild(dir, 'site'));
      baselineBuilds.push(await timeBuild(baselineDir, 'baseline'));
      loads.push(machine().loadAverage1m);
      log(`developer loop build ${index}/${options.runs}: ${(builds.at(-1)! / 1000).toFixed(1)} s, baseline ${(baselineBuilds.at(-1)! / 1000).toFixed(1)} s`);
    }
    let npmTest: DeveloperLoopResult['npmTest'] = null;
    if (options.withNpmTest) {
      // A copy leaves bench/ out (its results are this project's); npm test runs its tests too.
      cpSync(join(ROOT, 'bench'), join(dir, 'bench'), { recursive: true, filter: (source) => !source.includes(`${join(ROOT, 'bench/tmp')}`) });
      const runs: Array<{ ms: number; passed: boolean }> = [];
      for (let index = 1; index <= options.runs; index += 1) {
        const tested = await run('npm', ['test'], { cwd: dir, env: nodeEnv({}, dir), timeoutMs: 40 * 60_000 });
        runs.push({ ms: round(tested.ms), passed: tested.code === 0 });
        loads.push(machine().loadAverage1m);
        log(`developer loop npm test ${index}/${options.runs}: ${(tested.ms / 60_000).toFixed(1)} min, ${tested.code === 0 ? 'passed' : `failed (exit ${tested.code})`}`);
      }
      npmTest = { ms: round(median(runs.map((entry) => entry.ms))), runs };
    }
    const medianOf = (runs: StartRun[], key: keyof StartRun) => round(median(runs.map((entry) => entry[key])));
    return {
      runs: options.runs,
      coldStart: { readyMs: medianOf(cold, 'readyMs'), servedMs: medianOf(cold, 'servedMs'), runs: cold },
      warmStart: { readyMs: medianOf(warm, 'readyMs'), servedMs: medianOf(warm, 'servedMs'), runs: warm },
      firstFunctionMs: { cold: medianOf(cold, 'firstFunctionMs'), warm: medianOf(warm, 'firstFunctionMs') },
      build: { ms: round(median(builds)), runs: builds },
      baseline: {
        coldStartMs: round(median(baselineCold)),
        warmStartMs: round(median(baselineWarm)),
        buildMs: round(median(baselineBuilds)),
        coldRuns: baselineCold,
        warmRuns: baselineWarm,
        buildRuns: baselineBuilds,
      },
      npmTest,
      loadAverage: { atStart: loads[0]!, atEnd: machine().loadAverage1m, max: Math.max(...loads, machine().loadAverage1m) },
    };
  } finally {
    removeDir(dir);
    removeDir(baselineDir);
  }
}

if (import.meta.main) {
  const out = process.argv[2];
  if (!out || out.startsWith('--')) {
    console.error('Usage: node bench/developerLoop.ts OUT [--runs 3] [--with-npm-test]');
    process.exit(2);
  }
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > -1 ? Number(process.argv[runsFlag + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number above 0');
  const result = await measureDeveloperLoop({ runs, withNpmTest: process.argv.includes('--with-npm-test') });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
