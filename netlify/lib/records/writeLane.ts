import { sleep, untilAborted } from './abortableWait.ts';

/**
 * Runs one write at a time, in call order, optionally spacing their starts. Writes to one branch
 * from one process would otherwise race each other into branch conflicts (GitHub) or into the
 * index lock (git). A write whose signal aborts while it waits leaves the lane at once, and the
 * lane is freed as soon as a running write's signal aborts.
 */
export class WriteLane {
  readonly #intervalMs: number;
  #tail: Promise<void> = Promise.resolve();
  #lastStartedAt = Number.NEGATIVE_INFINITY;

  constructor(intervalMs = 0) {
    this.#intervalMs = intervalMs;
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.#tail;
    let release = () => {};
    const finished = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The next write waits for this one and, should this one give up early, for the one before.
    this.#tail = previous.then(() => finished);
    try {
      await untilAborted(previous, signal);
      await sleep(this.#lastStartedAt + this.#intervalMs - Date.now(), signal);
      this.#lastStartedAt = Date.now();
      return await untilAborted(work(), signal);
    } finally {
      release();
    }
  }
}
