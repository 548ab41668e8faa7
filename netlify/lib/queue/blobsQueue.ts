import { getStore, type Store } from '@netlify/blobs';
import { type DurableQueue, QueueUnavailableError } from './durableQueue.ts';

/** A local Blobs server for tools; on Netlify (and under NETLIFY_BLOBS_CONTEXT) the platform supplies it. */
export interface BlobsConnection {
  siteID: string;
  token: string;
  edgeURL: string;
  /** Strong consistency reads and writes go here. */
  uncachedEdgeURL: string;
}

export interface BlobsQueueOptions {
  /** Store name, e.g. "held-records". */
  name: string;
  connection?: BlobsConnection;
}

/**
 * A DurableQueue in Netlify Blobs with strong consistency (a hold is visible to the next drain
 * at once) and only-if-new writes (a replayed hold never overwrites the first).
 */
export function createBlobsQueue<Item>(options: BlobsQueueOptions): DurableQueue<Item> {
  let store: Store | undefined;
  const open = () => (store ??= getStore({ name: options.name, consistency: 'strong', ...options.connection }));

  return {
    description: `Netlify Blobs store "${options.name}"`,
    async hold(key, item) {
      try {
        await open().setJSON(key, item, { onlyIfNew: true });
      } catch (error) {
        throw new QueueUnavailableError(`Could not hold ${key} in ${options.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    async list() {
      const { blobs } = await open().list();
      const items = await Promise.all(blobs.map(async ({ key }) => ({ key, item: (await open().get(key, { type: 'json' })) as Item | null })));
      return items.filter((entry): entry is { key: string; item: Item } => entry.item !== null);
    },
    async release(key) {
      await open().delete(key);
    },
  };
}
