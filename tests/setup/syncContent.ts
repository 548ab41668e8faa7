import { execFileSync } from 'node:child_process';

// Fills .astro/ with the content store so getCollection() works inside component tests.
export default function syncContent(): void {
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], { stdio: 'inherit' });
}
