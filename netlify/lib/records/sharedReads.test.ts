/**
 * sharedReads: on a real local git records store, reads asked for twice reach the store once
 * and give the same answer; a write forgets them; a failed read is asked again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';
import { countingReads } from '../../../tests/servers/harness/workspaceHarness.ts';
import { createGitHubRecordsStore } from './githubRecordsStore.ts';
import { createLocalGitRecordsStore } from './localGitRecordsStore.ts';
import { RecordsUnavailableError, type RecordsStore } from './ports.ts';
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

describe('sharedReads on GitHub, where a folder read downloads the whole repository', () => {
  it('serves every folder, file and listing of one page from a single archive', async () => {
    const github = await startFakeGitHub({
      owner: 'example-association',
      repo: 'mentoring-records',
      token: 'ghp_shared_reads',
      files: {
        'applications/2026-2027/mentor/m-1.json': '{"m":1}\n',
        'applications/2026-2027/mentee/e-1.json': '{"e":1}\n',
        'matches/2026-2027.json': '{"pairs":[]}\n',
      },
    });
    try {
      const store = createGitHubRecordsStore({
        repo: 'example-association/mentoring-records',
        branch: github.branch,
        token: 'ghp_shared_reads',
        baseUrl: github.url,
        log: () => {},
      });
      const shared = sharedReads(store);
      const [mentors, mentees] = await Promise.all([shared.readFolder('applications/2026-2027/mentor'), shared.readFolder('applications/2026-2027/mentee/')]);
      expect([...mentors.keys()]).toEqual(['applications/2026-2027/mentor/m-1.json']);
      expect([...mentees.keys()]).toEqual(['applications/2026-2027/mentee/e-1.json']);
      expect((await shared.readFile('matches/2026-2027.json'))?.sha).toBe((await store.readFile('matches/2026-2027.json'))?.sha);
      expect(await shared.readFile('matches/2025-2026.json')).toBeNull();
      expect(await shared.listFiles('applications/2026-2027')).toEqual(['applications/2026-2027/mentee/e-1.json', 'applications/2026-2027/mentor/m-1.json']);
      expect(github.state.count({ kind: 'get-archive' })).toBe(1);
      // The one direct read above is the test's own comparison, not the shared store's.
      expect(github.state.count({ kind: 'get-content' })).toBe(1);
    } finally {
      await github.stop();
    }
  });
});
