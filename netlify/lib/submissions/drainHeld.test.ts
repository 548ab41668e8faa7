/**
 * The drain of held records against the real adapters: the GitHub store (Octokit) on the GitHub
 * stand-in with GitHub's secondary limit switched on, and Netlify Blobs on Netlify's local server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';
import { startLocalBlobs, type LocalBlobs } from '../../../tests/servers/blobs/startLocalBlobs.ts';
import { createBlobsQueue } from '../queue/blobsQueue.ts';
import type { DurableQueue } from '../queue/durableQueue.ts';
import { createGitHubRecordsStore, type GitHubRecordsStoreOptions } from '../records/githubRecordsStore.ts';
import type { Mailer } from '../mailer/ports.ts';
import { drainHeld, type DrainPorts } from './drainHeld.ts';
import type { HeldEmail, HeldRecord } from './ports.ts';

const TOKEN = 'github-drain-test-token';

let github: FakeGitHub;
let blobs: LocalBlobs;
let storeName = 0;
let heldRecords: DurableQueue<HeldRecord>;
let heldEmails: DurableQueue<HeldEmail>;
const logs: string[] = [];

beforeEach(async () => {
  github = await startFakeGitHub({ owner: 'example-association', repo: 'mentoring-records', token: TOKEN, putLatencyMs: 0 });
  // GitHub's secondary limit: 80 content-creating requests a minute.
  github.faults.secondaryLimit = { maxRequests: 80, windowMs: 60_000 };
  blobs = await startLocalBlobs();
  storeName += 1;
  heldRecords = createBlobsQueue<HeldRecord>({ name: `held-records-${storeName}`, connection: blobs.connection });
  heldEmails = createBlobsQueue<HeldEmail>({ name: `held-emails-${storeName}`, connection: blobs.connection });
  logs.length = 0;
});
afterEach(async () => {
  await Promise.all([github.stop(), blobs.stop()]);
});

/** No email is held in these tests: a mailer that is never called. */
const unusedMailer: Mailer = {
  description: 'unused',
  send: () => Promise.reject(new Error('no email should be sent')),
  sendBatch: () => Promise.reject(new Error('no email should be sent')),
};

function ports(store: Partial<GitHubRecordsStoreOptions> = {}, queue: DurableQueue<HeldRecord> = heldRecords): DrainPorts {
  return {
    // The production store, as the Netlify function builds it (1 s between writes, 8 s per operation).
    records: createGitHubRecordsStore({
      repo: 'example-association/mentoring-records',
      branch: github.branch,
      token: TOKEN,
      baseUrl: github.url,
      log: (line) => logs.push(line),
      ...store,
    }),
    heldRecords: queue,
    mailer: unusedMailer,
    heldEmails,
    log: (line) => logs.push(line),
  };
}

const recordPath = (index: number) => `applications/2027-2028/mentee/${String(index).padStart(8, '0')}-0000-4000-8000-000000000000.json`;

async function holdRecords(count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, index) => recordPath(index));
  for (let start = 0; start < count; start += 50) {
    await Promise.all(
      paths.slice(start, start + 50).map((path, offset) =>
        heldRecords.hold(`record-${String(start + offset).padStart(4, '0')}`, {
          path,
          content: `{"id":${start + offset},"answers":"PRIVATE-ANSWER"}`,
          message: `Add mentee application ${start + offset}`,
          heldAt: new Date(Date.UTC(2027, 5, 15, 12, 0, 0, start + offset)).toISOString(),
        }),
      ),
    );
  }
  return paths;
}

/** Every held path is on the branch, with its own content, written by exactly one commit. */
function expectEachCommittedOnce(paths: string[]): void {
  const writes = github.state.fileCommits.flatMap((commit) => commit.paths);
  expect(writes.filter((path) => path.startsWith('applications/')).sort()).toEqual([...paths].sort());
  for (const [index, path] of paths.entries()) expect(github.state.read(path)).toBe(`{"id":${index},"answers":"PRIVATE-ANSWER"}`);
}

const contentCreating = () => ['put-content', 'create-tree', 'create-commit', 'update-ref'].reduce((sum, kind) => sum + github.state.count({ kind: kind as 'put-content' }), 0);

describe('the drain of held records', () => {
  it('commits 420 held records in one run within the 20 s budget: 5 commits, 15 content-creating requests', async () => {
    const paths = await holdRecords(420);
    const started = performance.now();
    const report = await drainHeld(ports(), { budgetMs: 20_000 });
    const ms = performance.now() - started;

    expect(report).toMatchObject({ recordsCommitted: 420, recordsAlreadyStored: 0, recordsStillHeld: 0, outOfTime: false });
    // About 15 s of write spacing; the margin is for a busy test machine, still under Netlify's 30 s.
    expect(ms).toBeLessThan(25_000);
    expectEachCommittedOnce(paths);
    expect(github.state.fileCommits).toHaveLength(5);
    expect(github.state.fileCommits[0]!.message).toMatch(/^Add 100 held records\n\nAdd mentee application 0\nAdd mentee application 1\n/);
    expect(contentCreating()).toBe(15);
    expect(github.state.count({ status: 403 })).toBe(0);
    expect(await heldRecords.list()).toEqual([]);
    expect(logs.join('\n')).not.toMatch(/PRIVATE-ANSWER|github-drain-test-token/);
  }, 60_000);

  it('stops starting batches when its budget is spent, keeps the rest held, and the next run finishes them', async () => {
    const paths = await holdRecords(250);
    // A clock that moves one second per commit landed, so the cut does not depend on machine load.
    const commitSeconds = () => github.state.count({ kind: 'update-ref', status: 200 }) * 1_000;
    const first = await drainHeld(ports({ writeIntervalMs: 0 }), { budgetMs: 1_500, now: commitSeconds });

    expect(first).toMatchObject({ recordsCommitted: 200, recordsStillHeld: 50, outOfTime: true });
    expect(await heldRecords.list()).toHaveLength(50);

    const second = await drainHeld(ports({ writeIntervalMs: 0 }), { budgetMs: 20_000 });
    expect(second).toMatchObject({ recordsCommitted: 50, recordsAlreadyStored: 0, recordsStillHeld: 0, outOfTime: false });
    expectEachCommittedOnce(paths);
    expect(github.state.fileCommits).toHaveLength(3);
    expect(await heldRecords.list()).toEqual([]);
  }, 60_000);

  it('loses nothing when GitHub fails in the middle of a batch, and commits the rest on the next run', async () => {
    const paths = await holdRecords(250);
    // The first batch moves the branch; every ref update after it fails (tree and commit were made).
    github.faults.delayNext(1, 0, { kind: 'update-ref' }).failNext(1_000, 503, { kind: 'update-ref' });
    const first = await drainHeld(ports({ writeIntervalMs: 0, deadlineMs: 1_500, retryBaseMs: 20 }));

    expect(first).toMatchObject({ recordsCommitted: 100, recordsStillHeld: 150 });
    expect(github.state.fileCommits).toHaveLength(1);
    expect(await heldRecords.list()).toHaveLength(150);
    expect(logs.join('\n')).toMatch(/150 records from .* still held/);

    github.faults.clear();
    const second = await drainHeld(ports({ writeIntervalMs: 0 }));
    expect(second).toMatchObject({ recordsCommitted: 150, recordsAlreadyStored: 0, recordsStillHeld: 0 });
    expectEachCommittedOnce(paths);
    expect(await heldRecords.list()).toEqual([]);
  }, 60_000);

  it('commits nothing twice when a run is killed after a commit, before its records were released', async () => {
    const paths = await holdRecords(250);
    let releases = 0;
    // The function is stopped after 30 releases of the first batch: the rest never happen (the
    // drain's 8 release workers each hang on their next one).
    const dying: DurableQueue<HeldRecord> = {
      description: 'held records of a run about to be killed',
      hold: (key, item) => heldRecords.hold(key, item),
      list: () => heldRecords.list(),
      release: (key) => (++releases <= 30 ? heldRecords.release(key) : new Promise<void>(() => {})),
    };
    void drainHeld(ports({ writeIntervalMs: 0 }, dying));
    const giveUpAt = Date.now() + 20_000;
    while (releases < 38 && Date.now() < giveUpAt) await new Promise((done) => setTimeout(done, 20));
    await new Promise((done) => setTimeout(done, 100)); // the last real deletes have been answered
    expect(github.state.fileCommits).toHaveLength(1);
    expect(await heldRecords.list()).toHaveLength(220);

    const next = await drainHeld(ports({ writeIntervalMs: 0 }));
    expect(next).toMatchObject({ recordsCommitted: 150, recordsAlreadyStored: 70, recordsStillHeld: 0 });
    expectEachCommittedOnce(paths);
    // Oldest first in batches of 100: 70 already stored + 30 new, then 100, then 20.
    expect(github.state.fileCommits.map((commit) => commit.paths.length)).toEqual([100, 30, 100, 20]);
    expect(await heldRecords.list()).toEqual([]);
  }, 60_000);

  it('commits nothing twice when a run is killed while a batch’s ref update is in flight', async () => {
    const paths = await holdRecords(120);
    github.faults.hangNext(1, { kind: 'update-ref' });
    void drainHeld(ports({ writeIntervalMs: 0, deadlineMs: 60_000, requestTimeoutMs: 60_000 }));
    const giveUpAt = Date.now() + 20_000;
    while (github.state.count({ kind: 'update-ref', status: 'hung' }) === 0 && Date.now() < giveUpAt) await new Promise((done) => setTimeout(done, 20));
    expect(github.state.fileCommits).toHaveLength(0);

    const next = await drainHeld(ports({ writeIntervalMs: 0 }));
    expect(next).toMatchObject({ recordsCommitted: 120, recordsStillHeld: 0 });
    expectEachCommittedOnce(paths);
    expect(await heldRecords.list()).toEqual([]);
  }, 60_000);

  it('commits a lone held record with its own message, and releases one already stored without a commit', async () => {
    await holdRecords(2);
    github.state.seed(recordPath(1), '{"id":1,"answers":"PRIVATE-ANSWER"}', 'Add mentee application 1');
    const report = await drainHeld(ports({ writeIntervalMs: 0 }));
    expect(report).toMatchObject({ recordsCommitted: 1, recordsAlreadyStored: 1, recordsStillHeld: 0 });
    expect(github.state.fileCommits.map((commit) => commit.message)).toEqual(['Add mentee application 1', 'Add mentee application 0']);
    expect(await heldRecords.list()).toEqual([]);
  }, 60_000);
});
