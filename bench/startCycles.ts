/**
 * Starts that always work (issue 12, item 2): `npm start` stopped and started again N times in a
 * row, in a throwaway copy of the project whose .data/ holds what the product writes while it
 * runs: the CMS's workspace, records and an outbox, made by using the product once first.
 *
 *   node bench/startCycles.ts [--cycles 20] [--port 8961] [--out result.json]
 *
 * Each cycle: start, wait for the program page, then the mentee form, its function (an invalid
 * application must get the form back with its errors, 422, never a 5xx), /admin/ and the CMS's
 * local backend; stop the whole process group by its pid and check that every port is free
 * before the next start. Prints a summary; exits 1 when any cycle failed. Also `npm run bench --
 * --only startcycles`, which records the result in bench/results.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyProject, log, machine, median, removeDir, round, sleep } from './lib/common.ts';
import { ask, assertPortsFree, checkServed, FORM_POST, type StartedSite, startSite, stopSite, validMentee, waitForStatus, waitUntilServed } from './lib/devServer.ts';

export interface StartCycle {
  cycle: number;
  ok: boolean;
  /** From the start until the program page answered 200. */
  readyMs: number | null;
  /** From the start until the form page, its function, /admin/ and the CMS's backend had all answered. */
  servedMs: number | null;
  /** The invalid application's answer time: the first call of a function after ready. */
  firstFunctionMs: number | null;
  failure: string | null;
  loadAverage1m: number;
}

export interface StartCyclesResult {
  cycles: number;
  passed: number;
  failures: Array<{ cycle: number; reason: string }>;
  medianReadyMs: number;
  maxReadyMs: number;
  medianServedMs: number;
  maxServedMs: number;
  medianFirstFunctionMs: number;
  maxFirstFunctionMs: number;
  dataBeforeCycles: { cmsWorkspace: boolean; records: number; outbox: number };
  runs: StartCycle[];
}

/** A start must have served everything within this long, or the cycle fails. */
const CYCLE_DEADLINE_MS = 120_000;
/** Lines a start that works never prints (the failing starts of issue 12 printed the bundler's unhandled ENOENT). */
const ALARMING = /unhandled|ENOENT|EADDRINUSE|EMFILE|ENOSPC/i;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index > -1 ? (process.argv[index + 1] ?? fallback) : fallback;
}

/** What the product itself wrote under .data/: the CMS's workspace, committed records, outbox emails. */
function dataHeld(dir: string) {
  const records = existsSync(join(dir, '.data/records/.git'))
    ? execFileSync('git', ['ls-files'], { cwd: join(dir, '.data/records'), encoding: 'utf8' })
        .split('\n')
        .filter((path) => path.startsWith('applications/')).length
    : 0;
  const outbox = existsSync(join(dir, '.data/outbox')) ? readdirSync(join(dir, '.data/outbox')).filter((name) => name.endsWith('.eml')).length : 0;
  return { cmsWorkspace: existsSync(join(dir, '.data/cms-workspace/.git')), records, outbox };
}

/** The first start: use the product so .data/ holds a workspace, a record and an email. */
async function seed(dir: string, port: number): Promise<StartCyclesResult['dataBeforeCycles']> {
  const site = startSite(dir, port);
  const base = `http://localhost:${port}`;
  try {
    await waitForStatus(site, `${base}/`, 200, CYCLE_DEADLINE_MS);
    const posted = await ask(`${base}/api/applications/mentee`, { ...FORM_POST, body: validMentee('start-cycles@example.org') }, 60_000);
    if (posted.status !== 303) throw new Error(`seeding: a valid application answered ${posted.status}: ${posted.body.slice(0, 200)}`);
    await checkServed(base);
    // The confirmation email is written after the answer; wait for it rather than for a fixed time.
    const until = performance.now() + 30_000;
    while (dataHeld(dir).outbox === 0 && performance.now() < until) await sleep(200);
  } finally {
    const problem = await stopSite(site);
    if (problem) log(`seeding start: ${problem}`);
  }
  const held = dataHeld(dir);
  if (!held.cmsWorkspace || held.records === 0 || held.outbox === 0) throw new Error(`seeding left .data/ without what the cycles need: ${JSON.stringify(held)}`);
  return held;
}

async function cycle(dir: string, port: number, number: number): Promise<StartCycle> {
  const base = `http://localhost:${port}`;
  const loadAverage1m = machine().loadAverage1m;
  let site: StartedSite | null = null;
  const outcome: StartCycle = { cycle: number, ok: false, readyMs: null, servedMs: null, firstFunctionMs: null, failure: null, loadAverage1m };
  try {
    site = startSite(dir, port);
    outcome.readyMs = await waitForStatus(site, `${base}/`, 200, CYCLE_DEADLINE_MS);
    const served = await waitUntilServed(site, base, CYCLE_DEADLINE_MS);
    outcome.firstFunctionMs = served.functionMs;
    outcome.servedMs = served.servedMs;
    const alarming = site
      .output()
      .split('\n')
      .filter((line) => ALARMING.test(line));
    if (alarming.length > 0) throw new Error(`printed: ${alarming.slice(0, 3).join(' | ').slice(0, 300)}`);
    outcome.ok = true;
  } catch (error) {
    outcome.failure = error instanceof Error ? error.message : String(error);
    if (site) log(`cycle ${number} output (last lines):\n${site.output().split('\n').slice(-15).join('\n')}`);
  } finally {
    if (site) {
      const problem = await stopSite(site);
      if (problem) {
        outcome.ok = false;
        outcome.failure = [outcome.failure, `stopping: ${problem}`].filter(Boolean).join('; ');
      }
    }
  }
  return outcome;
}

export async function runStartCycles(cycles: number, port: number): Promise<StartCyclesResult> {
  await assertPortsFree([port, port + 1, port + 2]);
  const dir = copyProject('startcycles');
  try {
    log(`start cycles: copy in ${dir}; seeding .data/ with one start`);
    const dataBeforeCycles = await seed(dir, port);
    log(`start cycles: .data/ holds ${JSON.stringify(dataBeforeCycles)}`);
    const runs: StartCycle[] = [];
    for (let number = 1; number <= cycles; number += 1) {
      const outcome = await cycle(dir, port, number);
      runs.push(outcome);
      log(
        `cycle ${number}/${cycles}: ${outcome.ok ? 'ok' : `FAILED (${outcome.failure})`}; ready ${outcome.readyMs === null ? '–' : `${(outcome.readyMs / 1000).toFixed(1)} s`}, all served ${outcome.servedMs === null ? '–' : `${(outcome.servedMs / 1000).toFixed(1)} s`}, first function call ${outcome.firstFunctionMs === null ? '–' : `${Math.round(outcome.firstFunctionMs)} ms`} (load ${outcome.loadAverage1m})`,
      );
    }
    const figures = (key: 'readyMs' | 'servedMs' | 'firstFunctionMs') => runs.map((run) => run[key]).filter((value): value is number => value !== null);
    const stats = (key: 'readyMs' | 'servedMs' | 'firstFunctionMs') => ({ median: round(median(figures(key))), max: round(Math.max(...figures(key))) });
    return {
      cycles,
      passed: runs.filter((run) => run.ok).length,
      failures: runs.filter((run) => !run.ok).map((run) => ({ cycle: run.cycle, reason: run.failure ?? 'unknown' })),
      medianReadyMs: stats('readyMs').median,
      maxReadyMs: stats('readyMs').max,
      medianServedMs: stats('servedMs').median,
      maxServedMs: stats('servedMs').max,
      medianFirstFunctionMs: stats('firstFunctionMs').median,
      maxFirstFunctionMs: stats('firstFunctionMs').max,
      dataBeforeCycles,
      runs: runs.map((run) => ({
        ...run,
        readyMs: run.readyMs === null ? null : round(run.readyMs),
        servedMs: run.servedMs === null ? null : round(run.servedMs),
        firstFunctionMs: run.firstFunctionMs === null ? null : round(run.firstFunctionMs),
      })),
    };
  } finally {
    removeDir(dir);
  }
}

if (import.meta.main) {
  if (process.argv.includes('--help')) {
    console.log(
      'Usage: node bench/startCycles.ts [--cycles 20] [--port 8961] [--out result.json]\nStarts and stops npm start N times in a copy of the project; exits 1 when any start failed.',
    );
    process.exit(0);
  }
  const cycles = Number(option('--cycles', '20'));
  const port = Number(option('--port', '8961'));
  if (!Number.isInteger(cycles) || cycles < 1) throw new Error('--cycles must be a whole number above 0');
  const result = await runStartCycles(cycles, port);
  const out = option('--out', '');
  if (out) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`Start cycles: ${result.passed} of ${result.cycles} passed.`);
  console.log(`Time to ready (program page answers): median ${seconds(result.medianReadyMs)}, max ${seconds(result.maxReadyMs)}.`);
  console.log(`Time until the form, its function, /admin/ and the CMS backend had answered: median ${seconds(result.medianServedMs)}, max ${seconds(result.maxServedMs)}.`);
  console.log(`First function call after ready: median ${result.medianFirstFunctionMs} ms, max ${result.maxFirstFunctionMs} ms.`);
  for (const failure of result.failures) console.log(`Cycle ${failure.cycle} failed: ${failure.reason}`);
  process.exit(result.failures.length > 0 ? 1 : 0);
}
