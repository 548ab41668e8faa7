import type { DurableQueue } from '../../../netlify/lib/queue/durableQueue.ts';

/** A DurableQueue in memory, with the port's keep-the-first semantics, for unit tests. */
export function createMemoryQueue<Item>(initial: Record<string, Item> = {}): DurableQueue<Item> & { items: Map<string, Item> } {
  const items = new Map(Object.entries(initial));
  return {
    description: 'memory queue',
    items,
    async hold(key, item) {
      if (!items.has(key)) items.set(key, item);
    },
    async list() {
      return [...items.entries()].map(([key, item]) => ({ key, item }));
    },
    async release(key) {
      items.delete(key);
    },
  };
}
