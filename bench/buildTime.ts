/**
 * Build time of the real site (`npm run build` in a copy of the project) against the baseline
 * (bench/lib/baselineProject.ts) with the same generated topics, at several sizes. Every build is
 * cold (no dist/, no .astro/, no Astro or Vite cache) and the two projects alternate, so a busy
 * moment on the machine hits both alike.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_NOW } from '../tests/testClock.ts';
import { copyProject, linearFit, log, median, nodeEnv, removeDir, round, run } from './lib/common.ts';
import { writeBaselineProject } from './lib/baselineProject.ts';
import { generateTopics, type TopicFileText } from './lib/topicFiles.ts';

export interface BuildTimeOptions {
  sizes: number[];
  /** Runs per size (each real and baseline); the median is reported. */
  runs: (size: number) => number;
  /** Stop adding runs (beyond the first) once this much time is spent. */
  budgetMs: number;
}

export interface BuildSizeResult {
  topics: number;
  realMs: number[];
  baselineMs: number[];
  realMedianMs: number;
  baselineMedianMs: number;
  ratio: number;
}

export interface BuildTimeResult {
  sizes: BuildSizeResult[];
  /** Least-squares cost of one more topic over all sizes (ms per topic). */
  realSlopeMsPerTopic: number;
  baselineSlopeMsPerTopic: number;
  slopeRatio: number;
  /** The same, between the two largest sizes only. */
  realMarginalMsPerTopic: number;
  baselineMarginalMsPerTopic: number;
  marginalRatio: number;
  ratioAt1000: number | null;
  totalMs: number;
}

function putTopics(dir: string, files: TopicFileText[]): void {
  const folder = join(dir, 'content/topics');
  for (const name of readdirSync(folder)) if (name.endsWith('.md')) rmSync(join(folder, name));
  for (const file of files) writeFileSync(join(folder, file.name), file.text);
}

function cleanBuildState(dir: string): void {
  for (const path of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite']) removeDir(join(dir, path));
}

function countTopicPages(dir: string): number {
  const folder = join(dir, 'dist/topics');
  if (!existsSync(folder)) return 0;
  return readdirSync(folder).filter((name) => /^\d{4}-\d{2}-/.test(name) && existsSync(join(folder, name, 'index.html'))).length;
}

async function timedBuild(dir: string, expectedPages: number, label: string): Promise<number> {
  cleanBuildState(dir);
  const result = await run('npm', ['run', 'build', '--silent'], { cwd: dir, env: nodeEnv({ SITE_NOW: TEST_NOW, ASTRO_TELEMETRY_DISABLED: '1' }, dir), timeoutMs: 600_000 });
  if (result.code !== 0) throw new Error(`bench: ${label} build failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
  const pages = countTopicPages(dir);
  if (pages !== expectedPages) throw new Error(`bench: ${label} build made ${pages} topic pages, expected ${expectedPages}`);
  return result.ms;
}

export async function measureBuildTimes(options: BuildTimeOptions): Promise<BuildTimeResult> {
  const started = performance.now();
  const real = copyProject('build');
  const baseline = writeBaselineProject();
  const sizes: BuildSizeResult[] = [];
  try {
    for (const size of options.sizes) {
      const topics = generateTopics(size);
      putTopics(real, topics);
      putTopics(baseline, topics);
      const realMs: number[] = [];
      const baselineMs: number[] = [];
      const wanted = options.runs(size);
      for (let attempt = 0; attempt < wanted; attempt += 1) {
        if (attempt > 0 && performance.now() - started > options.budgetMs) break;
        // Alternate which goes first, so neither always builds right after the other.
        const order = attempt % 2 === 0 ? (['baseline', 'real'] as const) : (['real', 'baseline'] as const);
        for (const which of order) {
          const ms = which === 'real' ? await timedBuild(real, size, `real (${size} topics)`) : await timedBuild(baseline, size, `baseline (${size} topics)`);
          (which === 'real' ? realMs : baselineMs).push(ms);
          log(`build ${which} ${size} topics: ${(ms / 1000).toFixed(1)} s`);
        }
      }
      const realMedianMs = median(realMs);
      const baselineMedianMs = median(baselineMs);
      sizes.push({
        topics: size,
        realMs: realMs.map((ms) => round(ms)),
        baselineMs: baselineMs.map((ms) => round(ms)),
        realMedianMs: round(realMedianMs),
        baselineMedianMs: round(baselineMedianMs),
        ratio: round(realMedianMs / baselineMedianMs, 2),
      });
    }
  } finally {
    removeDir(real);
    removeDir(baseline);
  }
  const slopeOf = (key: 'realMedianMs' | 'baselineMedianMs') => linearFit(sizes.map((size) => ({ x: size.topics, y: size[key] }))).slope;
  const [secondLast, last] = sizes.slice(-2);
  const marginal = (key: 'realMedianMs' | 'baselineMedianMs') => (secondLast && last ? (last[key] - secondLast[key]) / (last.topics - secondLast.topics) : Number.NaN);
  const realSlope = slopeOf('realMedianMs');
  const baselineSlope = slopeOf('baselineMedianMs');
  return {
    sizes,
    realSlopeMsPerTopic: round(realSlope, 2),
    baselineSlopeMsPerTopic: round(baselineSlope, 2),
    slopeRatio: round(realSlope / baselineSlope, 2),
    realMarginalMsPerTopic: round(marginal('realMedianMs'), 2),
    baselineMarginalMsPerTopic: round(marginal('baselineMedianMs'), 2),
    marginalRatio: round(marginal('realMedianMs') / marginal('baselineMedianMs'), 2),
    ratioAt1000: sizes.find((size) => size.topics === 1000)?.ratio ?? null,
    totalMs: round(performance.now() - started),
  };
}

// `node bench/buildTime.ts 10,1000`: this part alone, for trying it out.
if (import.meta.main) {
  const sizes = (process.argv[2] ?? '10,100,1000,5000').split(',').map(Number);
  console.log(JSON.stringify(await measureBuildTimes({ sizes, runs: () => 1, budgetMs: 0 }), null, 2));
}
