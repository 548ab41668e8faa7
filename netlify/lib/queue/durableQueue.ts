/**
 * A durable holding area for work that could not be finished now (a record GitHub would not
 * take, an email Resend would not send). Items are keyed; holding the same key twice keeps the
 * first. A scheduled drain takes them out once done.
 */
export interface DurableQueue<Item> {
  readonly description: string;
  /** Holds an item under a key; resolves once it is stored durably. A key already held is kept as it was. */
  hold(key: string, item: Item): Promise<void>;
  /** Everything held, oldest key order not guaranteed. */
  list(): Promise<Array<{ key: string; item: Item }>>;
  /** Removes an item once its work is done. */
  release(key: string): Promise<void>;
}

/** The queue could not hold the item: nothing is kept. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}
