import { describe, expect, it } from 'vitest';
import { mapLimited } from './mapLimited.ts';

describe('mapLimited', () => {
  it('keeps the order of the items, whatever order the calls finish in', async () => {
    const delays = [30, 5, 20, 1, 10];
    expect(await mapLimited(delays, 2, (ms) => new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms)))).toEqual(delays);
  });

  it('never has more than `limit` calls in flight, and makes every call once', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await mapLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(item);
      inFlight -= 1;
    });
    expect(most).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('answers an empty list at once', async () => {
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
  });
});
