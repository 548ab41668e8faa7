import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '../../../tests/servers/github/fakeGitHub.ts';
import { gitBlobSha } from '../../../tests/servers/github/gitObjects.ts';
import { createGitHubRecordsStore, GitHubAccessError, type GitHubRecordsStoreOptions } from './githubRecordsStore.ts';
import { RecordsConflictError, RecordsUnavailableError, type RecordsStore } from './ports.ts';
import { describeRecordsStoreContract } from '../../../tests/support/recordsStoreContract.ts';

const TOKEN = 'ghp_test_token_never_logged_0123456789';

/** Quick budgets so a failing GitHub costs the suite milliseconds, not the production 8 s. */
function storeFor(github: FakeGitHub, options: Partial<GitHubRecordsStoreOptions> = {}): RecordsStore {
  return createGitHubRecordsStore({
    repo: `${github.owner}/${github.repo}`,
    branch: github.branch,
    token: TOKEN,
    baseUrl: github.url,
    retryBaseMs: 5,
    writeIntervalMs: 0,
    log: () => {},
    ...options,
  });
}

const running: FakeGitHub[] = [];
async function fakeGitHub(options: Partial<FakeGitHubOptions> = {}): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ owner: 'example-association', repo: 'mentoring-records', token: TOKEN, ...options });
  running.push(github);
  return github;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((github) => github.stop()));
});

async function elapsed<T>(work: () => Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const started = performance.now();
  const [result] = await Promise.allSettled([work()]);
  return { ms: performance.now() - started, result: result! };
}

describeRecordsStoreContract('the GitHub store', async () => {
  const github = await startFakeGitHub({ owner: 'example-association', repo: 'mentoring-records', token: TOKEN });
  return {
    store: storeFor(github),
    commitCount: async () => github.state.fileCommits.length,
    close: () => github.stop(),
    otherWriter: () => storeFor(github),
  };
});

describe('the GitHub store under load and failure', () => {
  it('lands 50 concurrent creates through injected branch conflicts and 5xx: 50 files, 50 commits, none twice', async () => {
    const github = await fakeGitHub();
    // Queued faults hit the first PUTs in a row; the random conflicts are spread over all of them.
    github.faults.conflictOnPuts(0.3, 7).failNext(2, 503, { kind: 'put-content' }).failNext(1, 502, { kind: 'put-content' }).failNext(1, 500, { kind: 'put-content' });
    const messages: string[] = [];
    // A generous deadline: the last of 50 queued writes waits for the 49 before it on a busy machine.
    const store = storeFor(github, { retries: 10, deadlineMs: 30_000, log: (message) => messages.push(message) });
    const ids = Array.from({ length: 50 }, (_, index) => `id-${String(index).padStart(2, '0')}`);

    const results = await Promise.all(
      ids.map((id) => store.createFile(`applications/2026-2027/mentee/${id}.json`, `{"answers":"PRIVATE-TEXT-${id}"}`, `Add mentee application ${id}`)),
    );

    expect(results.every((result) => result.created)).toBe(true);
    expect(github.state.files()).toEqual(ids.map((id) => `applications/2026-2027/mentee/${id}.json`));
    expect(github.state.fileCommits).toHaveLength(50);
    expect(new Set(github.state.fileCommits.map((commit) => commit.path)).size).toBe(50);
    for (const id of ids) expect(github.state.read(`applications/2026-2027/mentee/${id}.json`)).toBe(`{"answers":"PRIVATE-TEXT-${id}"}`);
    expect(github.state.count({ kind: 'put-content', status: 409 })).toBeGreaterThan(0);
    expect(github.faults.pending()).toBe(0);
    // One store sends one write at a time: its own writes never collide on the branch.
    expect(github.state.maxConcurrentPuts).toBe(1);
    // Retries were reported, with paths and statuses only.
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).not.toMatch(new RegExp(`${TOKEN}|PRIVATE-TEXT`));
  });

  it('resolves real branch conflicts between two stores (two function instances) writing at once', async () => {
    const github = await fakeGitHub({ putLatencyMs: 20 });
    const first = storeFor(github, { retries: 10, deadlineMs: 30_000 });
    const second = storeFor(github, { retries: 10, deadlineMs: 30_000 });
    const writes = Array.from({ length: 10 }, (_, index) => [
      first.createFile(`messages/2026-2027/a${index}.json`, `a${index}`, `Add message a${index}`),
      second.createFile(`messages/2026-2027/b${index}.json`, `b${index}`, `Add message b${index}`),
    ]).flat();

    await Promise.all(writes);

    expect(github.state.files()).toHaveLength(20);
    expect(github.state.fileCommits).toHaveLength(20);
    expect(github.state.count({ kind: 'put-content', status: 409 })).toBeGreaterThan(0);
  });

  it('answers a replayed create with created: false and the stored file, in one commit', async () => {
    const github = await fakeGitHub();
    const store = storeFor(github);
    const first = await store.createFile('applications/2026-2027/mentor/u1.json', 'original', 'Add mentor application u1');
    const replay = await store.createFile('applications/2026-2027/mentor/u1.json', 'replayed', 'Add mentor application u1');
    expect(replay).toEqual({ created: false, file: { path: 'applications/2026-2027/mentor/u1.json', content: 'original', sha: first.file.sha } });
    expect(github.state.fileCommits).toHaveLength(1);
    expect(github.state.count({ kind: 'put-content', status: 422 })).toBe(1);
  });

  it('commits as the neutral site identity, with the caller’s message', async () => {
    const github = await fakeGitHub();
    await storeFor(github).createFile('messages/2026-2027/i1.json', '{}', 'Add message i1');
    const [commit] = github.state.fileCommits;
    expect(commit?.message).toBe('Add message i1');
    expect(commit?.author.name).toBe('Mentoring site bot');
    expect(commit?.committer.name).toBe('Mentoring site bot');
  });

  it('reports a stale sha as a conflict at once, without retrying it', async () => {
    const github = await fakeGitHub();
    const store = storeFor(github);
    const { file } = await store.createFile('matches/2026-2027.json', 'v1', 'Add matches');
    github.state.seed('matches/2026-2027.json', 'changed by the committee');
    await expect(store.writeFile(file.path, 'v2', 'Update matches', file.sha)).rejects.toBeInstanceOf(RecordsConflictError);
    expect(github.state.count({ kind: 'put-content', status: 409 })).toBe(1);
  });

  it('waits as long as GitHub’s rate limits ask (secondary: retry-after; primary: x-ratelimit-reset), then writes', async () => {
    const secondary = await fakeGitHub();
    secondary.faults.secondaryRateLimitNext(1, 1, { kind: 'put-content' });
    const primary = await fakeGitHub();
    primary.faults.primaryRateLimitNext(1, { status: 429, resetInSeconds: 0 }, { kind: 'put-content' });

    const outcomes = await Promise.all([
      elapsed(() => storeFor(secondary).createFile('messages/2026-2027/r1.json', 'x', 'Add message r1')),
      elapsed(() => storeFor(primary).createFile('messages/2026-2027/r2.json', 'x', 'Add message r2')),
    ]);

    for (const { ms, result } of outcomes) {
      expect(result.status).toBe('fulfilled');
      expect(ms).toBeGreaterThanOrEqual(990); // retry-after: 1; reset now, plus GitHub's advised extra second
    }
    expect(secondary.state.count({ kind: 'put-content', status: 403 })).toBe(1);
    expect(primary.state.count({ kind: 'put-content', status: 429 })).toBe(1);
    expect(secondary.state.files()).toEqual(['messages/2026-2027/r1.json']);
    expect(primary.state.files()).toEqual(['messages/2026-2027/r2.json']);
  });

  it('gives up at once when a rate limit’s wait does not fit the deadline', async () => {
    const github = await fakeGitHub();
    github.faults.secondaryRateLimitNext(1, 60, { kind: 'put-content' }).primaryRateLimitNext(1, { resetInSeconds: 3600 }, { kind: 'get-content' });
    const store = storeFor(github, { deadlineMs: 3_000 });
    const create = await elapsed(() => store.createFile('messages/2026-2027/r3.json', 'x', 'Add message r3'));
    const read = await elapsed(() => store.readFile('messages/2026-2027/r3.json'));
    for (const { ms, result } of [create, read]) {
      expect(ms).toBeLessThan(1_500); // not the 3 s deadline, let alone the 60 s asked
      expect(result.status === 'rejected' && result.reason).toBeInstanceOf(RecordsUnavailableError);
      expect(result.status === 'rejected' && String(result.reason)).toMatch(/rate limit/);
    }
    expect(github.state.files()).toEqual([]);
  });

  it('times out a hanging request and retries it', async () => {
    const github = await fakeGitHub();
    github.faults.hangNext(1, { kind: 'put-content' });
    const { ms, result } = await elapsed(() => storeFor(github, { requestTimeoutMs: 200 }).createFile('messages/2026-2027/h1.json', 'x', 'Add message h1'));
    expect(result.status === 'fulfilled' && result.value.created).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(github.state.count({ kind: 'put-content', status: 'hung' })).toBe(1);
    expect(github.state.fileCommits).toHaveLength(1);
  });

  it('lands once when a slow attempt is given up on but still lands later', async () => {
    const github = await fakeGitHub();
    github.faults.delayNext(1, 400, { kind: 'put-content' });
    const store = storeFor(github, { requestTimeoutMs: 150 });
    // Whichever attempt lands first, the file is stored once (the other one meets GitHub's 422).
    await store.createFile('messages/2026-2027/s1.json', 'x', 'Add message s1');
    const deadline = Date.now() + 5_000;
    while (github.state.count({ kind: 'put-content', status: 'hung' }) > 0 && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 50)); // until the slow attempt has been answered
    }
    expect(github.state.count({ kind: 'put-content' })).toBeGreaterThanOrEqual(2);
    expect(github.state.count({ kind: 'put-content', status: 'hung' })).toBe(0);
    expect(github.state.fileCommits).toHaveLength(1);
    expect(github.state.read('messages/2026-2027/s1.json')).toBe('x');
    expect(await store.createFile('messages/2026-2027/s1.json', 'x', 'Add message s1')).toMatchObject({ created: false });
  });

  it('ends within its deadline with RecordsUnavailableError when every request hangs', async () => {
    const github = await fakeGitHub();
    github.faults.hangNext(1_000);
    const store = storeFor(github, { requestTimeoutMs: 150, deadlineMs: 600, retryBaseMs: 20 });
    const outcomes = await Promise.all(
      [() => store.createFile('messages/2026-2027/h2.json', 'x', 'Add'), () => store.readFile('x.json'), () => store.listFiles('messages')].map((operation) =>
        elapsed<unknown>(operation),
      ),
    );
    for (const { ms, result } of outcomes) {
      expect(result.status === 'rejected' && result.reason).toBeInstanceOf(RecordsUnavailableError);
      expect(ms).toBeGreaterThanOrEqual(590);
      expect(ms).toBeLessThan(1_000); // the deadline, plus slack for a busy test machine
    }
    expect(github.state.count({ status: 'hung' })).toBeGreaterThan(3); // operations tried again after a timeout
    expect(github.state.files()).toEqual([]);
  });

  it('ends within its deadline with RecordsUnavailableError while GitHub answers 503, and writes nothing after', async () => {
    const github = await fakeGitHub();
    github.faults.failNext(10_000, 503);
    const store = storeFor(github, { deadlineMs: 500, retryBaseMs: 50, retries: 20 });
    const { ms, result } = await elapsed(() => store.createFile('messages/2026-2027/d1.json', 'x', 'Add'));
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(RecordsUnavailableError);
    expect(result.status === 'rejected' && result.reason).not.toBeInstanceOf(GitHubAccessError);
    expect(ms).toBeLessThan(900);
    const attempts = github.state.count({ kind: 'put-content' });
    expect(attempts).toBeGreaterThan(1);
    github.faults.clear();
    await new Promise((done) => setTimeout(done, 700)); // past the retry the plugin had scheduled next
    expect(github.state.count({ kind: 'put-content' })).toBe(attempts);
    expect(github.state.files()).toEqual([]);
  });

  it('reports an unreachable GitHub as RecordsUnavailableError', async () => {
    const github = await fakeGitHub();
    const store = storeFor(github, { deadlineMs: 400, retryBaseMs: 20 });
    await github.stop();
    await expect(store.readFile('messages/x.json')).rejects.toBeInstanceOf(RecordsUnavailableError);
  });

  it('refuses a bad token at once with a clear, non-retryable error', async () => {
    const github = await fakeGitHub({ token: 'the-right-token' });
    const { ms, result } = await elapsed(() => storeFor(github).createFile('messages/2026-2027/t1.json', 'x', 'Add'));
    const error = result.status === 'rejected' ? (result.reason as GitHubAccessError) : undefined;
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect(error).toBeInstanceOf(RecordsUnavailableError);
    expect(error?.status).toBe(401);
    expect(error?.retryable).toBe(false);
    expect(error?.message).toMatch(/GITHUB_TOKEN/);
    expect(error?.message).not.toContain(TOKEN);
    expect(github.state.requests).toHaveLength(1);
    expect(ms).toBeLessThan(1_500);
  });

  it('names the configuration to fix when the branch does not exist', async () => {
    const github = await fakeGitHub();
    const store = storeFor(github, { branch: 'no-such-branch' });
    await expect(store.createFile('messages/x.json', 'x', 'Add')).rejects.toMatchObject({
      name: 'GitHubAccessError',
      status: 404,
      message: expect.stringMatching(/RECORDS_BRANCH/),
    });
    await expect(store.readFile('messages/x.json')).rejects.toBeInstanceOf(GitHubAccessError);
  });

  it('spaces the starts of its writes by writeIntervalMs', async () => {
    const github = await fakeGitHub();
    const store = storeFor(github, { writeIntervalMs: 300 });
    await Promise.all([1, 2, 3].map((n) => store.createFile(`messages/2026-2027/w${n}.json`, 'x', 'Add')));
    const starts = github.state.requests.filter((request) => request.kind === 'put-content').map((request) => request.startedAt);
    expect(starts).toHaveLength(3);
    // Measured where the server received them, so allow for delays on the way.
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(200);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(200);
  });

  it('reads a file over GitHub’s JSON size limit through the raw media type', async () => {
    const github = await fakeGitHub({ largeFileBytes: 16 });
    const content = `{"pairs":[${'"p",'.repeat(40)}"p"]}`;
    github.state.seed('matches/2026-2027.json', content);
    expect(await storeFor(github).readFile('matches/2026-2027.json')).toEqual({ path: 'matches/2026-2027.json', content, sha: gitBlobSha(Buffer.from(content)) });
  });

  it('lists a folder completely when GitHub truncates the recursive tree', async () => {
    const github = await fakeGitHub({ treeEntryLimit: 4 });
    const paths = ['a/1.json', 'a/2.json', 'b/x/1.json', 'b/x/2.json', 'b/y/1.json', 'b/3.json', 'c.json'];
    for (const path of paths) github.state.seed(path, path);
    const store = storeFor(github);
    expect(await store.listFiles('b')).toEqual(['b/3.json', 'b/x/1.json', 'b/x/2.json', 'b/y/1.json']);
    expect(await store.listFiles('')).toEqual([...paths].sort());
    expect(await store.listFiles('nope')).toEqual([]);
  });

  it('works on a repository with no commit yet', async () => {
    const github = await fakeGitHub({ empty: true });
    const store = storeFor(github);
    expect(await store.listFiles('applications')).toEqual([]);
    expect(await store.readFile('applications/x.json')).toBeNull();
    expect((await store.createFile('applications/x.json', 'x', 'Add')).created).toBe(true);
    expect(await store.listFiles('applications')).toEqual(['applications/x.json']);
  });

  it('commits a batch of 100 files with 5 requests, 3 of them content-creating', async () => {
    const github = await fakeGitHub({ putLatencyMs: 0 });
    github.state.seed('applications/2026-2027/mentor/old.json', 'old');
    github.faults.secondaryLimit = { maxRequests: 80, windowMs: 60_000 };
    const files = Array.from({ length: 100 }, (_, index) => ({ path: `applications/2026-2027/mentee/n${index}.json`, content: `{"n":${index}}` }));
    const before = github.state.requests.length;
    const result = await storeFor(github).createFiles(files, 'Add 100 held records');
    expect(result.created).toHaveLength(100);
    expect(github.state.requests.slice(before).map((request) => `${request.kind} ${request.status}`)).toEqual([
      'get-ref 200',
      'get-tree 200',
      'create-tree 201',
      'create-commit 201',
      'update-ref 200',
    ]);
    expect(github.faults.acceptedPutTimes).toHaveLength(3);
    expect(github.state.fileCommits.at(-1)).toMatchObject({
      message: 'Add 100 held records',
      paths: files.map((file) => file.path).sort(),
      author: { name: 'Mentoring site bot' },
    });
    expect(github.state.read('applications/2026-2027/mentor/old.json')).toBe('old');
    expect(github.state.read('applications/2026-2027/mentee/n7.json')).toBe('{"n":7}');
  });

  it('rebuilds a batch on the new head when the branch moves before the ref update (422), leaving the other writer’s file as it is', async () => {
    const github = await fakeGitHub();
    const messages: string[] = [];
    const store = storeFor(github, { log: (message) => messages.push(message) });
    github.faults.delayNext(1, 300, { kind: 'update-ref' });
    const pending = store.createFiles(
      ['a', 'b', 'c'].map((name) => ({ path: `messages/2026-2027/${name}.json`, content: `PRIVATE-${name}` })),
      'Add three messages',
    );
    await new Promise((done) => setTimeout(done, 150));
    github.state.seed('messages/2026-2027/b.json', 'written by another instance');
    expect(await pending).toEqual({ created: ['messages/2026-2027/a.json', 'messages/2026-2027/c.json'], alreadyStored: ['messages/2026-2027/b.json'] });
    expect(github.state.count({ kind: 'update-ref', status: 422 })).toBe(1);
    expect(github.state.read('messages/2026-2027/b.json')).toBe('written by another instance');
    expect(github.state.fileCommits.map((commit) => commit.paths)).toEqual([['messages/2026-2027/b.json'], ['messages/2026-2027/a.json', 'messages/2026-2027/c.json']]);
    expect(messages.join('\n')).toMatch(/422/);
    expect(messages.join('\n')).not.toMatch(/PRIVATE|ghp_/);
  });

  it('waits out a secondary rate limit on a batch request when the deadline allows', async () => {
    const github = await fakeGitHub();
    github.faults.secondaryRateLimitNext(1, 1, { kind: 'create-commit' });
    const { ms, result } = await elapsed(() => storeFor(github).createFiles([{ path: 'messages/2026-2027/r.json', content: 'r' }], 'Add r'));
    expect(result.status === 'fulfilled' && result.value.created).toEqual(['messages/2026-2027/r.json']);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(github.state.fileCommits).toHaveLength(1);
  });

  it('finds existing files of a batch when GitHub truncates the recursive tree', async () => {
    const github = await fakeGitHub({ treeEntryLimit: 3 });
    for (const path of ['a/1.json', 'a/2.json', 'b/x/1.json', 'c.json']) github.state.seed(path, path);
    const result = await storeFor(github).createFiles(
      ['a/2.json', 'a/3.json', 'b/x/1.json', 'b/y/1.json', 'c.json', 'd.json'].map((path) => ({ path, content: 'new' })),
      'Add some',
    );
    expect(result).toEqual({ created: ['a/3.json', 'b/y/1.json', 'd.json'], alreadyStored: ['a/2.json', 'b/x/1.json', 'c.json'] });
    expect(github.state.read('a/2.json')).toBe('a/2.json');
  });

  it('creates a batch in a repository with no commit yet', async () => {
    const github = await fakeGitHub({ empty: true });
    const result = await storeFor(github).createFiles(
      ['x/1.json', 'x/2.json', 'x/3.json'].map((path) => ({ path, content: path })),
      'Add x',
    );
    expect(result).toEqual({ created: ['x/1.json', 'x/2.json', 'x/3.json'], alreadyStored: [] });
    expect(github.state.files()).toEqual(['x/1.json', 'x/2.json', 'x/3.json']);
    expect(github.state.fileCommits).toHaveLength(2);
  });

  it('ends a batch within its deadline with RecordsUnavailableError while the ref update fails, and moves nothing', async () => {
    const github = await fakeGitHub();
    github.faults.failNext(10_000, 503, { kind: 'update-ref' });
    const store = storeFor(github, { deadlineMs: 500, retryBaseMs: 50, retries: 20 });
    const { result } = await elapsed(() => store.createFiles([{ path: 'messages/2026-2027/f.json', content: 'f' }], 'Add f'));
    expect(result.status === 'rejected' && result.reason).toBeInstanceOf(RecordsUnavailableError);
    expect(github.state.files()).toEqual([]);
  });

  it('reads a folder of 2,000 files from the branch tarball: two requests', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 2_000; index += 1)
      files[`applications/2026-2027/${index % 2 ? 'mentor' : 'mentee'}/${String(index).padStart(36, '0')}.json`] = `{"n":${index},"name":"Zoë"}`;
    files['matches/2026-2027.json'] = '{}';
    const github = await fakeGitHub({ files });
    const before = github.state.requests.length;
    const read = await storeFor(github).readFolder('applications/2026-2027');
    expect(github.state.requests.slice(before).map((request) => `${request.kind} ${request.status}`)).toEqual(['get-archive 302', 'download-archive 200']);
    expect(read.size).toBe(2_000);
    const path = `applications/2026-2027/mentor/${String(7).padStart(36, '0')}.json`;
    expect(read.get(path)).toEqual({ path, content: '{"n":7,"name":"Zoë"}', sha: github.state.blob(path)!.sha });
  });

  it('reads a folder file by file when the archive cannot be had', async () => {
    const github = await fakeGitHub({ files: { 'a/1.json': '1', 'a/2.json': '2', 'b.json': 'b' } });
    github.faults.failNext(10, 502, { kind: 'get-archive' });
    const messages: string[] = [];
    const read = await storeFor(github, { retries: 1, log: (message) => messages.push(message) }).readFolder('a');
    expect([...read.values()].map((file) => file.content)).toEqual(['1', '2']);
    expect(github.state.count({ kind: 'get-content', status: 200 })).toBe(2);
    expect(messages.join('\n')).toMatch(/archive .* could not be read \(502\); reading a\/ file by file/);
  });

  it('reads nothing from a repository with no commit yet, and refuses a bad token at once', async () => {
    const empty = await fakeGitHub({ empty: true });
    expect((await storeFor(empty).readFolder('applications')).size).toBe(0);
    const guarded = await fakeGitHub({ token: 'another-token' });
    await expect(storeFor(guarded).readFolder('applications')).rejects.toBeInstanceOf(GitHubAccessError);
    expect(guarded.state.requests).toHaveLength(1);
  });

  it('describes itself without the token', () => {
    const store = createGitHubRecordsStore({ repo: 'example-association/records', branch: 'main', token: TOKEN });
    expect(store.description).toBe('GitHub repository example-association/records (branch main)');
    expect(() => createGitHubRecordsStore({ repo: 'not a repo', branch: 'main', token: TOKEN })).toThrow(/owner\/name/);
  });
});
