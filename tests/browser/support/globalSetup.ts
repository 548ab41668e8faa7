import { rmSync } from 'node:fs';

// Each browser run starts with an empty local records repository and outbox, so what a test
// finds there was written by this run.
export default function freshStores(): void {
  for (const dir of ['test-results/records', 'test-results/outbox', 'test-results/outbox-mailing']) rmSync(dir, { recursive: true, force: true });
}
