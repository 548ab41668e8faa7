import { rmSync } from 'node:fs';

// Each browser run starts with empty local records repositories and outboxes (one set per lane,
// support/lane.ts), so what a test finds there was written by this run.
export default function freshStores(): void {
  rmSync('test-results/lane-0', { recursive: true, force: true });
  for (let lane = 1; lane < 16; lane += 1) rmSync(`test-results/lane-${lane}`, { recursive: true, force: true });
}
