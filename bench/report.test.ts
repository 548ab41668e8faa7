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
