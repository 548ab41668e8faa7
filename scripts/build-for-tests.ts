/**
 * Builds the site as of the test suite's fixed date (tests/testClock.ts), so the unit tests that
 * read dist/ and the browser tests see the same, repeatable site. Usage: npm run build:test
 */
import { spawnSync } from 'node:child_process';
import { TEST_NOW } from '../tests/testClock.ts';

if (process.argv.includes('--help')) {
  console.log(`Usage: npm run build:test\nRuns astro build with SITE_NOW=${TEST_NOW}.`);
  process.exit(0);
}
const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
  stdio: 'inherit',
  env: { ...process.env, SITE_NOW: process.env.SITE_NOW ?? TEST_NOW },
});
process.exit(result.status ?? 1);
