/**
 * Measures the matching engine at 100×60, 500×300 and 2,000×1,200 (mentees × mentors) on
 * generated applications and prints the figures as JSON (for the benchmark suite).
 *   node scripts/bench-matching.ts [--help]
 */
import { loadSettings } from '../netlify/lib/config/loadSettings.ts';
import { benchmarkMatching } from '../bench/matchingBenchmark.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('Usage: node scripts/bench-matching.ts\nPrints JSON: for each size, the engine time (median), report time, pairs and memory.');
} else {
  console.log(JSON.stringify({ benchmark: 'matching', node: process.version, results: benchmarkMatching({ application: (await loadSettings()).application }) }, null, 2));
}
