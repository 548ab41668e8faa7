import { describe, expect, it } from 'vitest';
import { renderReport, type Results } from './report.ts';

const bare: Results = {
  date: '2026-11-29T08:00:00.000Z',
  machine: { cpuModel: 'Test CPU', cores: 2, memoryGiB: 24, freeMemoryGiB: 20, loadAverage1m: 0.5, platform: 'linux x64' },
  versions: { node: 'v22', astro: '7', chromium: 'Chromium 156', lighthouse: '13.5.0', pagefind: '1.6.0' },
  loadAverage: [],
  headline: {},
  previousHeadline: {},
};

describe('the benchmark report', () => {
  it('names every figure that was not measured instead of filling it in', () => {
    const { markdown, summary } = renderReport(bare);
    expect(markdown).toContain('**Not measured in this run:** Lighthouse; bytes shipped; build time;');
    expect(markdown).toContain('mailing (netlify/lib/mailing)');
    expect(markdown).not.toMatch(/\*\*pass\*\*|\*\*FAIL\*\*/);
    expect(summary.at(-1)).toMatch(/^ missing: /);
  });

  it('judges targets and shows the previous run beside them', () => {
    const results: Results = {
      ...bare,
      matching: {
        measuredAt: '2026-11-29T08:01:00.000Z',
        sizes: [
          { mentees: 500, mentors: 300, places: 400, matched: 400, unmatched: 100, engineMs: 1200, reportMs: 10, runs: 5, rssMb: 100, baselineScoreAllPairsMs: 90, targetMs: 1000 },
        ],
      },
      previousHeadline: { 'matching.500x300.ms': 800 },
    };
    const { markdown, headline } = renderReport(results);
    expect(markdown).toContain('| Matching 500×300 | 1200 ms | 90 ms (score every pair once) | < 1,000 ms | **FAIL** | 800 |');
    expect(headline['matching.500x300.ms']).toBe(1200);
  });
});

describe('the developer loop section', () => {
  const startRun = (readyMs: number, servedMs: number) => ({ readyMs, servedMs, firstFunctionMs: 80, loadAverage1m: 3 });
  const loop: NonNullable<Results['developerLoop']> = {
    measuredAt: '2026-12-03T15:00:00.000Z',
    runs: 3,
    coldStart: { readyMs: 14_000, servedMs: 21_000, runs: [startRun(14_000, 21_000), startRun(13_000, 19_000), startRun(15_000, 22_000)] },
    warmStart: { readyMs: 6_000, servedMs: 8_000, runs: [startRun(6_000, 8_000), startRun(5_000, 7_000), startRun(7_000, 9_000)] },
    firstFunctionMs: { cold: 80, warm: 60 },
    build: { ms: 12_000, runs: [12_000, 11_000, 13_000] },
    baseline: { coldStartMs: 3_500, warmStartMs: 2_500, buildMs: 3_400, coldRuns: [3_500, 3_400, 3_600], warmRuns: [2_500, 2_400, 2_600], buildRuns: [3_400, 3_300, 3_500] },
    npmTest: null,
    loadAverage: { atStart: 3, atEnd: 2, max: 5 },
  };

  it('judges the start times against the issue’s targets, beside the bare Astro project', () => {
    const { markdown, headline } = renderReport({ ...bare, developerLoop: loop });
    expect(markdown).toContain(
      '| `npm start` cold: site, forms with their functions and /admin/ served | 21.0 s (program page 14.0 s) | 3.5 s (bare `astro dev`) | ≤ 20 s | **FAIL** |',
    );
    expect(markdown).toContain('| `npm start` warm: the same | 8.0 s (program page 6.0 s) | 2.5 s (bare `astro dev`) | ≤ 10 s | **pass** |');
    expect(markdown).toContain('| Cold start, program page | 14.0 s | 3.5 s | 14.0 s, 13.0 s, 15.0 s | 3.5 s, 3.4 s, 3.6 s |');
    expect(markdown).toContain('| `npm run build` | 12.0 s | 3.4 s |');
    expect(headline['devloop.coldServedMs']).toBe(21_000);
    expect(markdown).not.toContain('developer loop;');
  });

  it('says the machine was busy, and that npm test was not timed unless asked', () => {
    const { markdown } = renderReport({ ...bare, developerLoop: loop });
    expect(markdown).toContain('5 at most (**busy**');
    expect(markdown).toMatch(/\| `npm test` wall time \| not measured: .*--with-npm-test/);
    const quiet = renderReport({
      ...bare,
      developerLoop: { ...loop, loadAverage: { atStart: 0.5, atEnd: 0.4, max: 1 }, npmTest: { ms: 600_000, runs: [{ ms: 600_000, passed: true }] } },
    }).markdown;
    expect(quiet).not.toContain('**busy**');
    expect(quiet).toContain('| `npm test` wall time | 10 min 0 s |');
  });

  it('reports start/stop cycles with each failure and its reason', () => {
    const run = (cycle: number, ok: boolean) => ({
      cycle,
      ok,
      readyMs: 9_000,
      servedMs: 10_000,
      firstFunctionMs: 90,
      failure: ok ? null : 'GET /admin/ answered 500',
      loadAverage1m: 2,
    });
    const { markdown } = renderReport({
      ...bare,
      startCycles: {
        measuredAt: '2026-12-03T15:10:00.000Z',
        cycles: 20,
        passed: 19,
        failures: [{ cycle: 7, reason: 'GET /admin/ answered 500' }],
        medianReadyMs: 9_000,
        maxReadyMs: 9_000,
        medianServedMs: 10_000,
        maxServedMs: 10_000,
        medianFirstFunctionMs: 90,
        maxFirstFunctionMs: 90,
        dataBeforeCycles: { cmsWorkspace: true, records: 1, outbox: 2 },
        runs: Array.from({ length: 20 }, (_, index) => run(index + 1, index !== 6)),
      },
    });
    expect(markdown).toContain('| Start/stop cycles of `npm start` with .data/ in use, each serving the forms and the CMS | 19 of 20 | – | all | **FAIL** |');
    expect(markdown).toContain('**19 of 20 passed.**');
    expect(markdown).toContain('- Cycle 7: GET /admin/ answered 500');
  });
});

describe('the committee workspace section', () => {
  const page = (path: string, p95Ms: number | null, status = 200) => ({ path, status, firstMs: 400, p50Ms: p95Ms === null ? null : p95Ms - 50, p95Ms });
  const workspace = (pages: ReturnType<typeof page>[]): NonNullable<Results['workspace']> => ({
    measuredAt: '2026-12-03T17:30:00.000Z',
    latencyMs: 50,
    pairs: 300,
    applications: 600,
    checkIns: 4800,
    samples: 15,
    targetP95Ms: 1000,
    pages,
  });

  it('passes when every page answers within the target at the 95th percentile, and names the slowest', () => {
    const { markdown, headline } = renderReport({
      ...bare,
      workspace: workspace([page('/committee/', 420), page('/committee/health/', 610), page('/committee/held/', null, 404)]),
    });
    expect(markdown).toContain(
      '| Committee workspace, slowest page (600 applications, 300 pairs, GitHub 50 ms a request) | 610 ms p95 (/committee/health/) | – | ≤ 1,000 ms p95 | **pass** |',
    );
    expect(markdown).toContain('| `/committee/held/` | 404 | 400 ms | – | – | not measured |');
    expect(headline['workspace.slowestP95Ms']).toBe(610);
  });

  it('fails when one page is over the target', () => {
    const { markdown } = renderReport({ ...bare, workspace: workspace([page('/committee/', 420), page('/committee/pairs/', 1400)]) });
    expect(markdown).toContain('| 1400 ms p95 (/committee/pairs/) | – | ≤ 1,000 ms p95 | **FAIL** |');
    expect(markdown).toContain('| `/committee/pairs/` | 200 | 400 ms | 1350 ms | 1400 ms | **FAIL** |');
  });
});
