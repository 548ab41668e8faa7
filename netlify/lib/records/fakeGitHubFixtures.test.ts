/**
 * The GitHub stand-in (tests/servers/github) checked against GitHub's real answers, as recorded
 * in @octokit/fixtures: the same requests get the same status and the same fields.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';

interface RecordedExchange {
  method: string;
  path: string;
  body: unknown;
  status: number;
  response: unknown;
  reqheaders: Record<string, string>;
  headers: Record<string, string>;
}

function scenario(name: string): RecordedExchange[] {
  const file = new URL(`../../../node_modules/@octokit/fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`, import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as RecordedExchange[];
}

const keys = (value: unknown) => Object.keys(value as object).sort();

const running: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((github) => github.stop()));
});

/** Sends the recorded request, as recorded, to the stand-in. */
async function replay(github: FakeGitHub, recorded: RecordedExchange): Promise<Response> {
  const headers: Record<string, string> = { accept: recorded.reqheaders.accept!, authorization: recorded.reqheaders.authorization! };
  if (recorded.reqheaders['content-type']) headers['content-type'] = recorded.reqheaders['content-type'];
  return fetch(`${github.url}${recorded.path}`, {
    method: recorded.method.toUpperCase(),
    headers,
    ...(recorded.body ? { body: JSON.stringify(recorded.body) } : {}),
  });
}

/** Recorded URLs point at api.github.com; the stand-in's at itself. */
const onStandIn = (github: FakeGitHub, value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('https://api.github.com', github.url)) as unknown;

const TOKEN = '0000000000000000000000000000000000000001';

describe('the GitHub stand-in answers like GitHub', () => {
  it('creates a file like the recorded create-file scenario', async () => {
    const [recorded] = scenario('create-file');
    const github = await startFakeGitHub({ owner: 'octokit-fixture-org', repo: 'create-file', token: TOKEN, empty: true });
    running.push(github);

    const answer = await replay(github, recorded!);
    const body = (await answer.json()) as { content: Record<string, unknown>; commit: Record<string, unknown> };
    const expected = recorded!.response as { content: object; commit: Record<string, unknown> };

    expect(answer.status).toBe(recorded!.status);
    expect(answer.headers.get('content-type')).toBe(recorded!.headers['content-type']);
    for (const header of ['x-github-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-used', 'x-ratelimit-resource']) {
      expect(answer.headers.has(header), header).toBe(true);
    }
    expect(keys(body)).toEqual(keys(expected));
    // Same blob sha for the same bytes, same names and links.
    expect(body.content).toEqual(onStandIn(github, expected.content));
    expect(keys(body.commit)).toEqual(keys(expected.commit));
    for (const part of ['author', 'committer', 'tree', 'verification']) expect(keys(body.commit[part]), part).toEqual(keys(expected.commit[part]));
    expect(body.commit.message).toBe(expected.commit.message);
    expect(body.commit.parents).toEqual(expected.commit.parents);
    expect(body.commit.verification).toEqual(expected.commit.verification);

    // Creating it again without a sha: GitHub's 422.
    const again = await replay(github, recorded!);
    expect(again.status).toBe(422);
    expect(((await again.json()) as { message: string }).message).toBe('Invalid request.\n\n"sha" wasn\'t supplied.');
  });

  it('lists and reads files like the recorded get-content scenario', async () => {
    const [listing, raw] = scenario('get-content');
    const github = await startFakeGitHub({ owner: 'octokit-fixture-org', repo: 'hello-world', branch: 'master', token: TOKEN, files: { 'README.md': '# hello-world' } });
    running.push(github);

    const listed = await replay(github, listing!);
    expect(listed.status).toBe(listing!.status);
    expect(await listed.json()).toEqual(onStandIn(github, listing!.response));

    const file = await replay(github, raw!);
    expect(file.status).toBe(raw!.status);
    expect(await file.text()).toBe(raw!.response);
    expect(file.headers.get('content-type')).toBe(raw!.headers['content-type']);
    expect(file.headers.get('x-github-media-type')).toBe(raw!.headers['x-github-media-type']);

    // The JSON form of one file: the listing's fields plus its content, base64 in 60-character lines.
    const json = await fetch(`${github.url}/repos/octokit-fixture-org/hello-world/contents/README.md`, { headers: { authorization: `token ${TOKEN}` } });
    const body = (await json.json()) as Record<string, unknown>;
    const entry = (listing!.response as object[])[0]!;
    expect(keys(body)).toEqual([...keys(entry), 'content', 'encoding'].sort());
    expect(body).toMatchObject({ ...(onStandIn(github, entry) as object), encoding: 'base64', content: 'IyBoZWxsby13b3JsZA==\n' });
  });

  it('answers a missing file and a bad token the way GitHub does', async () => {
    const github = await startFakeGitHub({ owner: 'o', repo: 'r', token: TOKEN });
    running.push(github);
    const missing = await fetch(`${github.url}/repos/o/r/contents/a%2Fb.json`, { headers: { authorization: `token ${TOKEN}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ message: 'Not Found', status: '404', documentation_url: expect.any(String) });
    const refused = await fetch(`${github.url}/repos/o/r/contents/a.json`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ message: 'Bad credentials' });
    expect(github.state.requests.map((request) => request.filePath)).toEqual(['a/b.json', 'a.json']);
  });

  it('creates trees and commits, and moves a ref, with the shapes of GitHub’s answers', async () => {
    const [listRefs, , patchRef] = scenario('git-refs');
    const [createFile] = scenario('create-file');
    const github = await startFakeGitHub({ owner: 'o', repo: 'r', token: TOKEN, files: { 'README.md': '# r' } });
    running.push(github);
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${github.url}/repos/o/r${path}`, {
        method,
        headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const head = github.state.head!;

    const ref = await call('GET', '/git/ref/heads/main');
    expect(ref.status).toBe(200);
    const refBody = await ref.json();
    expect(keys(refBody)).toEqual(keys((listRefs!.response as object[])[0]));

    const tree = await call('POST', '/git/trees', { base_tree: head.tree, tree: [{ path: 'a/b.json', mode: '100644', type: 'blob', content: 'hello' }] });
    expect(tree.status).toBe(201);
    const treeBody = (await tree.json()) as { sha: string; tree: Array<Record<string, unknown>>; truncated: boolean };
    expect(keys(treeBody)).toEqual(['sha', 'tree', 'truncated', 'url']);
    expect(treeBody.tree.map((entry) => entry.path)).toEqual(['README.md', 'a']);
    expect(keys(treeBody.tree[0])).toEqual(['mode', 'path', 'sha', 'size', 'type', 'url']);

    const commit = await call('POST', '/git/commits', { message: 'Add a/b.json', tree: treeBody.sha, parents: [head.sha] });
    expect(commit.status).toBe(201);
    const commitBody = (await commit.json()) as { sha: string; parents: Array<{ sha: string }> };
    expect(keys(commitBody)).toEqual(keys((createFile!.response as { commit: object }).commit));
    expect(commitBody.parents.map((parent) => parent.sha)).toEqual([head.sha]);
    expect(github.state.files()).toEqual(['README.md']); // a commit alone does not move the branch

    // A commit that does not descend from the head is not a fast forward.
    const sideways = (await (await call('POST', '/git/commits', { message: 'Side', tree: treeBody.sha, parents: [] })).json()) as { sha: string };
    const refused = await call('PATCH', '/git/refs/heads/main', { sha: sideways.sha, force: false });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ message: 'Update is not a fast forward', status: '422' });

    const moved = await call('PATCH', '/git/refs/heads/main', { sha: commitBody.sha, force: false });
    expect(moved.status).toBe(patchRef!.status);
    expect(keys(await moved.json())).toEqual(keys(patchRef!.response));
    expect(github.state.files()).toEqual(['README.md', 'a/b.json']);
    expect(github.state.read('a/b.json')).toBe('hello');
    expect(github.state.head?.sha).toBe(commitBody.sha);
    expect(github.state.head?.paths).toEqual(['a/b.json']);

    const missingTree = await call('POST', '/git/commits', { message: 'x', tree: '0'.repeat(40), parents: [] });
    expect(missingTree.status).toBe(422);
    const missingRef = await call('PATCH', '/git/refs/heads/nope', { sha: commitBody.sha });
    expect(missingRef.status).toBe(422);
  });

  it('redirects a tarball request to a gzip archive like the recorded get-archive scenario', async () => {
    const [redirect, download] = scenario('get-archive');
    const github = await startFakeGitHub({ owner: 'octokit-fixture-org', repo: 'get-archive', token: TOKEN, files: { 'README.md': '# get-archive' } });
    running.push(github);
    const answer = await fetch(`${github.url}${redirect!.path}`, { headers: { authorization: `token ${TOKEN}` }, redirect: 'manual' });
    expect(answer.status).toBe(redirect!.status);
    expect(answer.headers.get('content-type')).toBe(redirect!.headers['content-type']);
    const location = answer.headers.get('location')!;
    expect(new URL(location).pathname).toMatch(/\/octokit-fixture-org\/get-archive\/legacy\.tar\.gz\/refs\/heads\/main$/);
    expect(new URL(redirect!.headers.location!).pathname).toBe('/octokit-fixture-org/get-archive/legacy.tar.gz/refs/heads/main');

    const archive = await fetch(location); // codeload takes no Authorization header
    expect(archive.status).toBe(download!.status);
    expect(archive.headers.get('content-type')).toBe(download!.headers['content-type']);
    expect(archive.headers.get('content-disposition')).toMatch(/^attachment; filename=octokit-fixture-org-get-archive-[0-9a-f]{7}\.tar\.gz$/);
    const bytes = new Uint8Array(await archive.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip, as the recorded body
    // The redirect's token is good once.
    expect((await fetch(location)).status).toBe(404);
  });

  it('counts tree, commit and ref writes against the secondary limit', async () => {
    const github = await startFakeGitHub({ owner: 'o', repo: 'r', token: TOKEN });
    running.push(github);
    github.faults.secondaryLimit = { maxRequests: 2, windowMs: 60_000 };
    const post = (path: string, body: unknown) =>
      fetch(`${github.url}/repos/o/r${path}`, { method: 'POST', headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tree = await post('/git/trees', { tree: [{ path: 'x.json', mode: '100644', type: 'blob', content: 'x' }] });
    const { sha } = (await tree.json()) as { sha: string };
    const commit = await post('/git/commits', { message: 'x', tree: sha, parents: [github.state.head!.sha] });
    const { sha: commitSha } = (await commit.json()) as { sha: string };
    const patch = await fetch(`${github.url}/repos/o/r/git/refs/heads/main`, {
      method: 'PATCH',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sha: commitSha }),
    });
    expect([tree.status, commit.status, patch.status]).toEqual([201, 201, 403]);
    expect(Number(patch.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(github.state.files()).toEqual([]);
  });

  it('enforces a secondary limit on content-creating requests when asked to', async () => {
    const github = await startFakeGitHub({ owner: 'o', repo: 'r', token: TOKEN, putLatencyMs: 0 });
    running.push(github);
    github.faults.secondaryLimit = { maxRequests: 2, windowMs: 60_000 };
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (const name of ['a', 'b', 'c']) {
      const answer = await fetch(`${github.url}/repos/o/r/contents/${name}.json`, {
        method: 'PUT',
        headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: `Add ${name}`, content: Buffer.from(name).toString('base64') }),
      });
      statuses.push(answer.status);
      retryAfter = answer.headers.get('retry-after');
      await answer.arrayBuffer();
    }
    expect(statuses).toEqual([201, 201, 403]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(github.state.files()).toEqual(['a.json', 'b.json']);
  });
});
