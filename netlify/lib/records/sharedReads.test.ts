/**
 * sharedReads: on a real local git records store, reads asked for twice reach the store once
 * and give the same answer; a write forgets them; a failed read is asked again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingReads } from '../../../tests/servers/harness/workspaceHarness.ts';
import { createLocalGitRecordsStore } from './localGitRecordsStore.ts';
import { RecordsUnavailableError, type RecordsStore } from './recordsStore.ts';
import { sharedReads } from './sharedReads.ts';

let dir: string;
let records: RecordsStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shared-reads-'));
  records = createLocalGitRecordsStore({ dir, log: () => {} });
  await records.createFiles(
    [
      { path: 'check-ins/2026-2027/2026-09/p-1-mentor.json', content: '{"a":1}\n' },
      { path: 'matches/2026-2027.json', content: '{"pairs":[]}\n' },
    ],
    'Fixture',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sharedReads', () => {
  it('reads a folder, a file or a listing asked for twice once, and gives both the same answer', async () => {
    const counting = countingReads(records);
    const shared = sharedReads(counting.store);
    const [first, second] = await Promise.all([shared.readFolder('check-ins/2026-2027'), shared.readFolder('check-ins/2026-2027')]);
    expect(second).toBe(first);
    expect([...first.keys()]).toEqual(['check-ins/2026-2027/2026-09/p-1-mentor.json']);
    expect((await shared.readFile('matches/2026-2027.json'))?.content).toBe('{"pairs":[]}\n');
    await shared.readFile('matches/2026-2027.json');
    await shared.listFiles('check-ins/2026-2027');
    await shared.listFiles('check-ins/2026-2027');
    expect(counting.reads).toEqual(['readFolder check-ins/2026-2027', 'readFile matches/2026-2027.json', 'listFiles check-ins/2026-2027']);
  });

  it('takes a folder inside one already asked for from it', async () => {
    await records.createFile('check-ins/2026-2027/2026-10/p-1-mentee.json', '{"b":2}\n', 'Another');
    const counting = countingReads(records);
    const shared = sharedReads(counting.store);
    const year = shared.readFolder('check-ins/2026-2027');
    const october = await shared.readFolder('check-ins/2026-2027/2026-10');
    expect([...october.keys()]).toEqual(['check-ins/2026-2027/2026-10/p-1-mentee.json']);
    expect((await year).size).toBe(2);
    expect(counting.reads).toEqual(['readFolder check-ins/2026-2027']);
  });

  it('forgets what it read once something is written through it', async () => {
    const counting = countingReads(records);
    const shared = sharedReads(counting.store);
    const before = (await shared.readFile('matches/2026-2027.json'))!;
    await shared.writeFile('matches/2026-2027.json', '{"pairs":[1]}\n', 'Change', before.sha);
    expect((await shared.readFile('matches/2026-2027.json'))?.content).toBe('{"pairs":[1]}\n');
    expect(counting.timesRead('readFile matches/2026-2027.json')).toBe(2);
  });

  it('asks again after a read that failed', async () => {
    let calls = 0;
    const flaky: RecordsStore = {
      ...records,
      description: records.description,
      readFile: async (path) => {
        calls += 1;
        if (calls === 1) throw new RecordsUnavailableError('GitHub did not answer');
        return records.readFile(path);
      },
    };
    const shared = sharedReads(flaky);
    await expect(shared.readFile('matches/2026-2027.json')).rejects.toThrow('GitHub did not answer');
    expect((await shared.readFile('matches/2026-2027.json'))?.content).toBe('{"pairs":[]}\n');
    expect(calls).toBe(2);
  });
});
