/**
 * `npm test`: every check, each run even when an earlier one failed (a lint finding must not
 * hide a failing test), then one summary line; exits non-zero when any failed.
 * Steps: lint and format (Biome), types (astro check, bench), the build as of the test date,
 * vitest, Playwright in Chromium.
 */
import { spawnSync } from 'node:child_process';

const STEPS: { name: string; script: string; needsBuild?: boolean }[] = [
  { name: 'lint', script: 'lint' },
  { name: 'types', script: 'typecheck' },
  { name: 'build', script: 'build:test' },
  { name: 'unit and integration tests', script: 'test:unit', needsBuild: true },
  { name: 'browser tests', script: 'test:browser:built', needsBuild: true },
];

if (process.argv.includes('--help')) {
  console.log(`Usage: npm test\nRuns, in order and each whatever the others did: ${STEPS.map((step) => step.name).join(', ')}.`);
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results: { name: string; ok: boolean; seconds: number }[] = [];
let built = true;
for (const step of STEPS) {
  if (step.needsBuild && !built) {
    results.push({ name: `${step.name} (not run: the build failed)`, ok: false, seconds: 0 });
    continue;
  }
  const started = Date.now();
  console.log(`\n▶ ${step.name}: npm run ${step.script}`);
  const { status } = spawnSync(npm, ['run', '--silent', step.script], { stdio: 'inherit' });
  results.push({ name: step.name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  if (step.script === 'build:test' && status !== 0) built = false;
}

console.log('\nnpm test:');
for (const result of results) console.log(`  ${result.ok ? 'passed' : 'FAILED'}  ${result.name} (${result.seconds} s)`);
const failed = results.filter((result) => !result.ok).length;
// The plain closing line CI reads.
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
