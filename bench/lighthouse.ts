/**
 * Lighthouse, mobile profile (its default: a mid-range phone, simulated slow 4G and a 4× slower
 * CPU), all four categories, several runs per page; the median of each category is reported.
 * One Chromium (Debian's, headless) serves every run; each run clears the cache and storage of
 * the origin first, so every load is a first visit.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { CHROME_PATH, log, median, removeDir, ROOT, round, sleep, startProcess, stopProcess } from './lib/common.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'] as const;

/** Chromium flags for this machine (shared/TOOLING.md): no sandbox as root, no GPU, no network but loopback. */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LighthouseRun {
  scores: Partial<Record<Category, number>>;
  metrics: Partial<Record<(typeof METRICS)[number], number>>;
  /** Lighthouse's measure of this machine's speed at the time (higher is faster). */
  benchmarkIndex: number | null;
  error: string | null;
  /** Audits that cost points: "category/audit-id (score)". */
  failing: string[];
}

export interface LighthousePageResult {
  label: string;
  path: string;
  runs: LighthouseRun[];
  median: Partial<Record<Category, number>>;
  medianMetrics: Partial<Record<(typeof METRICS)[number], number>>;
  /** Audits that cost points in more than one run. */
  failing: string[];
}

async function launchChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
  const chromium = startProcess(CHROME_PATH, [...CHROME_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { cwd: tmpdir(), env: process.env });
  const deadline = Date.now() + 60_000;
  let port = 0;
  while (!port && Date.now() < deadline) {
    const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(chromium.output());
    if (match) port = Number(match[1]);
    else await sleep(200);
  }
  if (!port) {
    await stopProcess(chromium.child);
    throw new Error(`bench: Chromium did not start:\n${chromium.output().slice(-2000)}`);
  }
  return {
    port,
    stop: async () => {
      await stopProcess(chromium.child);
      removeDir(profile);
    },
  };
}

/** Full reports of the last run, for a closer look (bench/tmp/ is not committed). */
const REPORTS = join(ROOT, 'bench/tmp/lighthouse');

async function runOnce(url: string, port: number, name: string): Promise<LighthouseRun> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], maxWaitForLoad: 60_000 });
  const lhr = result?.lhr;
  if (lhr) {
    mkdirSync(REPORTS, { recursive: true });
    writeFileSync(join(REPORTS, `${name}.json`), JSON.stringify(lhr));
  }
  if (!lhr) return { scores: {}, metrics: {}, benchmarkIndex: null, error: 'no result', failing: [] };
  const scores: LighthouseRun['scores'] = {};
  const failing: string[] = [];
  for (const category of CATEGORIES) {
    const entry = lhr.categories[category];
    if (entry?.score !== null && entry?.score !== undefined) scores[category] = Math.round(entry.score * 100);
    for (const ref of entry?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing.push(`${category}/${ref.id} (${audit.displayValue ?? audit.score})`);
    }
  }
  const metrics: LighthouseRun['metrics'] = {};
  for (const metric of METRICS) {
    const value = lhr.audits[metric]?.numericValue;
    if (typeof value === 'number') metrics[metric] = metric === 'cumulative-layout-shift' ? round(value, 3) : round(value);
  }
  return { scores, metrics, benchmarkIndex: lhr.environment?.benchmarkIndex ?? null, error: lhr.runtimeError?.code ?? null, failing };
}

/**
 * Runs Lighthouse `runs` times on each page, round-robin (run 1 of every page, then run 2...),
 * so a busy spell on the machine is spread over pages rather than landing on one.
 */
export async function measureLighthouse(pages: Array<{ label: string; url: string; path: string }>, runs: number): Promise<LighthousePageResult[]> {
  const chromium = await launchChromium();
  const results = pages.map((page) => ({ label: page.label, path: page.path, runs: [] as LighthouseRun[] }));
  try {
    for (let round_ = 0; round_ < runs; round_ += 1) {
      for (const [index, page] of pages.entries()) {
        const started = performance.now();
        let outcome: LighthouseRun = { scores: {}, metrics: {}, benchmarkIndex: null, error: 'not run', failing: [] };
        // A run that Lighthouse itself could not complete (NO_NAVSTART, NO_FCP on a starved CPU)
        // is tried once more, so each page keeps its runs; a second failure is reported.
        for (let attempt = 0; attempt < 2 && outcome.error; attempt += 1) {
          try {
            outcome = await runOnce(page.url, chromium.port, `${page.label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${round_ + 1}`);
          } catch (error) {
            outcome = { scores: {}, metrics: {}, benchmarkIndex: null, error: error instanceof Error ? error.message : String(error), failing: [] };
          }
          if (outcome.error && attempt === 0) log(`lighthouse ${page.label} run ${round_ + 1}: ${outcome.error}, trying once more`);
        }
        results[index]!.runs.push(outcome);
        log(
          `lighthouse ${page.label} run ${round_ + 1}: ${CATEGORIES.map((category) => outcome.scores[category] ?? '-').join('/')}${outcome.error ? ` (${outcome.error})` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    }
  } finally {
    await chromium.stop();
  }
  return results.map((page) => {
    const medianScores: LighthousePageResult['median'] = {};
    for (const category of CATEGORIES) {
      const values = page.runs.map((run) => run.scores[category]).filter((value): value is number => value !== undefined);
      if (values.length) medianScores[category] = median(values);
    }
    const medianMetrics: LighthousePageResult['medianMetrics'] = {};
    for (const metric of METRICS) {
      const values = page.runs.map((run) => run.metrics[metric]).filter((value): value is number => value !== undefined);
      if (values.length) medianMetrics[metric] = round(median(values), metric === 'cumulative-layout-shift' ? 3 : 0);
    }
    const counts = new Map<string, number>();
    for (const run of page.runs) for (const id of new Set(run.failing.map((item) => item.replace(/ \(.*\)$/, '')))) counts.set(id, (counts.get(id) ?? 0) + 1);
    const failing = [...counts].filter(([, count]) => count > 1 || page.runs.length === 1).map(([id]) => id);
    return { ...page, median: medianScores, medianMetrics, failing };
  });
}
