/**
 * A local stand-in for GitHub's REST API, for one repository and one branch: enough of the
 * contents, trees, branches and refs endpoints, and of the Git Data API's writes (create a tree
 * with inline contents, create a commit, move the branch only by fast-forward unless forced),
 * and the branch's tarball (a 302 to a codeload-like URL on this server, which answers a
 * tar.gz of the head built on the fly), for Octokit and the records store, with GitHub's
 * status codes and messages (checked against @octokit/fixtures' recordings), git blob, tree and
 * commit shas, and faults the tests switch on from code (errors, rate limits, slow or hanging
 * answers, branch conflicts).
 *
 *   const github = await startFakeGitHub({ owner: 'nasig', repo: 'records', token: 't' });
 *   new Octokit({ baseUrl: github.url, auth: 't' });
 *   github.faults.failNext(2, 503, { kind: 'put-content' });
 *   ...
 *   github.state.files(); github.state.commits; github.state.count({ kind: 'put-content' });
 *   await github.stop();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { packTar, type TarEntry } from 'modern-tar';
import { buildTrees, gitBlobSha, gitObjectSha, type TreeEntry } from './gitObjects.ts';

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  /** The repository's only branch; default `main`. */
  branch?: string;
  /** The token requests must carry (`token X` or `Bearer X`); default `test-token`. */
  token?: string;
  /** Start with no commit at all, like a repository created without a README. */
  empty?: boolean;
  /** Files of the first commit (ignored when `empty`). */
  files?: Record<string, string>;
  /** How long a PUT holds the branch, so PUTs that overlap conflict as on GitHub; default 2 ms. */
  putLatencyMs?: number;
  /** Files larger than this are served with encoding "none" as GitHub does above 1 MB. */
  largeFileBytes?: number;
  /**
   * People who sign in to the committee workspace with their own token (key): their login and
   * their permission on the repository (none: GitHub answers 404 for the private repository).
   * `GET /user` and `GET /repos/:owner/:repo` answer for them; the service token is "records-bot", an admin.
   */
  people?: Record<string, { login: string; permission: 'admin' | 'write' | 'read' | 'none' }>;
  /** Added to every answer, as the round trip to GitHub's API adds it (benchmarks). */
  latencyMs?: number;
  /** A recursive tree listing longer than this is cut and marked truncated (GitHub: 100,000). */
  treeEntryLimit?: number;
}

export type RequestKind =
  | 'get-content'
  | 'put-content'
  | 'get-tree'
  | 'get-branch'
  | 'get-ref'
  | 'create-tree'
  | 'create-commit'
  | 'update-ref'
  | 'get-archive'
  | 'download-archive'
  | 'other';

/** The requests GitHub counts as content-creating for its secondary limit (80 a minute). */
export const CONTENT_CREATING_KINDS: ReadonlySet<RequestKind> = new Set(['put-content', 'create-tree', 'create-commit', 'update-ref']);

/** Which requests a fault applies to; every given field must match. */
export interface RequestMatch {
  kind?: RequestKind;
  method?: string;
  /** Tested against the decoded URL path, e.g. `/repos/o/r/contents/a/b.json`. */
  path?: string | RegExp;
}

export interface RecordedRequest {
  method: string;
  kind: RequestKind;
  /** Decoded URL path without the query. */
  path: string;
  /** The file path for contents requests. */
  filePath?: string;
  /** The status answered, or 'hung' while (or because) no answer was sent. */
  status: number | 'hung';
  startedAt: number;
}

export interface Identity {
  name: string;
  email: string;
  date: string;
}

export interface FakeCommit {
  sha: string;
  tree: string;
  parent: string | null;
  message: string;
  author: Identity;
  committer: Identity;
  /** The file the commit wrote (the first, when it wrote several); null for the first commit of a non-empty start. */
  path: string | null;
  /** Every file the commit added or changed, sorted. */
  paths: string[];
}

interface StoredBlob {
  content: Buffer;
  sha: string;
  size: number;
}

type Fault = { type: 'status'; status: number; body: object; headers: Record<string, string> } | { type: 'delay'; ms: number } | { type: 'hang' };

interface FaultRule {
  remaining: number;
  match: RequestMatch;
  fault: Fault | (() => Fault);
}

const DOCS = {
  root: 'https://docs.github.com/rest',
  getContent: 'https://docs.github.com/rest/repos/contents#get-repository-content',
  putContent: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
  createTree: 'https://docs.github.com/rest/git/trees#create-a-tree',
  archive: 'https://docs.github.com/rest/repos/contents#download-a-repository-archive-tar',
  createCommit: 'https://docs.github.com/rest/git/commits#create-a-commit',
  updateRef: 'https://docs.github.com/rest/git/refs#update-a-reference',
  getTree: 'https://docs.github.com/rest/git/trees#get-a-tree',
  branch: 'https://docs.github.com/rest/branches/branches#get-a-branch',
  secondary: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  primary: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
};

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000.';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const isoSeconds = (date = new Date()) => `${date.toISOString().slice(0, 19)}Z`;
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function matches(match: RequestMatch, request: { method: string; kind: RequestKind; path: string }): boolean {
  if (match.kind && match.kind !== request.kind) return false;
  if (match.method && match.method.toUpperCase() !== request.method) return false;
  if (match.path !== undefined) {
    if (typeof match.path === 'string' ? match.path !== request.path : !match.path.test(request.path)) return false;
  }
  return true;
}

/** A small seeded generator so a test's random conflicts can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the repository holds and what the server saw. Tests read it; `seed` writes without HTTP. */
export class FakeGitHubState {
  readonly branch: string;
  readonly commits: FakeCommit[] = [];
  readonly requests: RecordedRequest[] = [];
  /** How long a PUT holds the branch (ms). */
  putLatencyMs: number;
  largeFileBytes: number;
  treeEntryLimit: number;
  /** The most PUTs that were being processed at the same moment. */
  maxConcurrentPuts = 0;
  putsInFlight = 0;
  readonly #files = new Map<string, StoredBlob>();
  readonly #trees = new Map<string, TreeEntry[]>();
  /** Every blob and commit ever made, by sha (commits not on the branch included). */
  readonly #blobs = new Map<string, StoredBlob>();
  readonly #commitsBySha = new Map<string, FakeCommit>();

  constructor(options: FakeGitHubOptions) {
    this.branch = options.branch ?? 'main';
    this.putLatencyMs = options.putLatencyMs ?? 2;
    this.largeFileBytes = options.largeFileBytes ?? 1024 * 1024;
    this.treeEntryLimit = options.treeEntryLimit ?? 100_000;
    if (!options.empty) {
      for (const [path, content] of Object.entries(options.files ?? {})) this.#store(path, Buffer.from(content, 'utf8'));
      this.#commit('Initial commit', null, { name: 'fake-user', email: 'fake-user@example.com', date: isoSeconds() });
    }
  }

  /** Every file path at the branch head, sorted. */
  files(): string[] {
    return [...this.#files.keys()].sort();
  }

  /** A file's UTF-8 text at the branch head. */
  read(path: string): string | undefined {
    return this.#files.get(path)?.content.toString('utf8');
  }

  blob(path: string): StoredBlob | undefined {
    return this.#files.get(path);
  }

  get head(): FakeCommit | undefined {
    return this.commits.at(-1);
  }

  /** A commit by sha, on the branch or not. */
  commit(sha: string): FakeCommit | undefined {
    return this.#commitsBySha.get(sha);
  }

  /** Commits that wrote a file (the first commit of a non-empty start excluded). */
  get fileCommits(): FakeCommit[] {
    return this.commits.filter((commit) => commit.path !== null);
  }

  /** Requests seen that match (and, when given, were answered with `status`). */
  count(match: RequestMatch & { status?: number | 'hung' } = {}): number {
    return this.requests.filter((request) => matches(match, request) && (match.status === undefined || match.status === request.status)).length;
  }

  /** Writes a file in one commit, as a push by someone else would. */
  seed(path: string, content: string, message = `Add ${path}`): FakeCommit {
    this.#store(path, Buffer.from(content, 'utf8'));
    return this.#commit(message, path, { name: 'fake-user', email: 'fake-user@example.com', date: isoSeconds() });
  }

  /** The tree entries of a tree sha, or of the branch name. */
  tree(ref: string): { sha: string; entries: TreeEntry[] } | undefined {
    const commit = ref === this.branch ? this.head : this.#commitsBySha.get(ref);
    const sha = commit ? commit.tree : ref;
    const entries = this.#trees.get(sha);
    return entries ? { sha, entries } : undefined;
  }

  /** @internal for the server */
  write(path: string, content: Buffer, message: string, identity: { author: Identity; committer: Identity }): { blob: StoredBlob; commit: FakeCommit } {
    const blob = this.#store(path, content);
    const commit = this.#commit(message, path, identity.committer, identity.author);
    return { blob, commit };
  }

  /**
   * @internal for the server: a tree made of `base` (a tree sha) with `entries` set on top, each
   * a path with its content or an existing blob's sha. A string says what GitHub would refuse.
   */
  createTree(base: string | undefined, entries: Array<{ path: string; content?: Buffer; sha?: string | null }>): { sha: string; entries: TreeEntry[] } | string {
    if (base !== undefined && !this.#trees.has(base)) return 'base_tree';
    const files = base === undefined ? new Map<string, StoredBlob>() : this.#flatten(base);
    for (const entry of entries) {
      // sha null removes the path, as GitHub does; a path that is not there is refused as GitHub does.
      if (entry.sha === null) {
        if (!files.delete(entry.path)) return 'delete';
        continue;
      }
      const blob = entry.content ? this.#blob(entry.content) : entry.sha ? this.#blobs.get(entry.sha) : undefined;
      if (!blob) return 'sha';
      files.set(entry.path, blob);
    }
    const folders = new Set(
      [...files.keys()].flatMap((path) =>
        path
          .split('/')
          .slice(0, -1)
          .map((_, index, parts) => parts.slice(0, index + 1).join('/')),
      ),
    );
    if ([...files.keys()].some((path) => folders.has(path))) return 'path';
    const sha = this.#keepTrees(files);
    return { sha, entries: this.#trees.get(sha)! };
  }

  /** @internal for the server: a commit of a tree, not on the branch until updateBranch moves it. */
  createCommit(message: string, tree: string, parents: string[], identity: { author: Identity; committer: Identity }): FakeCommit | string {
    if (!this.#trees.has(tree)) return 'tree';
    if (parents.some((parent) => !this.#commitsBySha.has(parent))) return 'parents';
    const parent = parents[0] ?? null;
    const before = parent ? this.#flatten(this.#commitsBySha.get(parent)!.tree) : new Map<string, StoredBlob>();
    const after = this.#flatten(tree);
    const paths = [
      ...[...after].filter(([path, blob]) => before.get(path)?.sha !== blob.sha).map(([path]) => path),
      ...[...before.keys()].filter((path) => !after.has(path)),
    ].sort();
    return this.#makeCommit(message, tree, parent, paths, identity.committer, identity.author);
  }

  /**
   * @internal for the server: moves the branch to a commit. Without `force` only a fast-forward
   * (the head is the commit or one of its ancestors); a new head's files become the branch's.
   */
  updateBranch(sha: string, force: boolean): 'updated' | 'unknown-commit' | 'not-fast-forward' {
    const target = this.#commitsBySha.get(sha);
    if (!target) return 'unknown-commit';
    const head = this.head;
    if (head?.sha === sha) return 'updated';
    const chain: FakeCommit[] = [];
    for (let commit: FakeCommit | undefined = target; commit && commit.sha !== head?.sha; commit = commit.parent ? this.#commitsBySha.get(commit.parent) : undefined) {
      chain.unshift(commit);
    }
    const fastForward = !head || chain[0]?.parent === head.sha;
    if (!fastForward && !force) return 'not-fast-forward';
    this.commits.push(...(fastForward ? chain : [target]));
    this.#files.clear();
    for (const [path, blob] of this.#flatten(target.tree)) this.#files.set(path, blob);
    return 'updated';
  }

  #blob(content: Buffer): StoredBlob {
    const sha = gitBlobSha(content);
    const blob = this.#blobs.get(sha) ?? { content, sha, size: content.length };
    this.#blobs.set(sha, blob);
    return blob;
  }

  /** Every file under a tree, by path. */
  #flatten(treeSha: string, prefix = '', into = new Map<string, StoredBlob>()): Map<string, StoredBlob> {
    for (const entry of this.#trees.get(treeSha) ?? []) {
      if (entry.type === 'tree') this.#flatten(entry.sha, `${prefix}${entry.name}/`, into);
      else into.set(`${prefix}${entry.name}`, this.#blobs.get(entry.sha)!);
    }
    return into;
  }

  #keepTrees(files: ReadonlyMap<string, StoredBlob>): string {
    const { rootSha, trees } = buildTrees(files);
    for (const [sha, entries] of trees) this.#trees.set(sha, entries);
    return rootSha;
  }

  #store(path: string, content: Buffer): StoredBlob {
    const blob = this.#blob(content);
    this.#files.set(path, blob);
    return blob;
  }

  #commit(message: string, path: string | null, committer: Identity, author: Identity = committer): FakeCommit {
    const rootSha = this.#keepTrees(this.#files);
    const commit = this.#makeCommit(message, rootSha, this.head?.sha ?? null, path === null ? [] : [path], committer, author);
    this.commits.push(commit);
    return commit;
  }

  #makeCommit(message: string, tree: string, parent: string | null, paths: string[], committer: Identity, author: Identity): FakeCommit {
    const stamp = (who: Identity) => `${who.name} <${who.email}> ${Math.floor(Date.parse(who.date) / 1000)} +0000`;
    const text = `tree ${tree}\n${parent ? `parent ${parent}\n` : ''}author ${stamp(author)}\ncommitter ${stamp(committer)}\n\n${message}\n`;
    const commit: FakeCommit = { sha: gitObjectSha('commit', Buffer.from(text)), tree, parent, message, author, committer, path: paths[0] ?? null, paths };
    this.#commitsBySha.set(commit.sha, commit);
    return commit;
  }
}

/** Faults the tests switch on. Each queued fault answers the next matching request(s). */
export class FakeGitHubFaults {
  /** Chance (0..1) that a PUT answers GitHub's branch conflict 409 though nothing else is writing. */
  putConflictProbability = 0;
  /**
   * GitHub's real secondary limit, simulated: more than `maxRequests` content-creating requests
   * (PUT contents, POST git/trees, POST git/commits, PATCH git/refs) within `windowMs` answer 403 with retry-after (the seconds until the window frees,
   * unless `retryAfterSeconds` is given). null: off.
   */
  secondaryLimit: { maxRequests: number; windowMs: number; retryAfterSeconds?: number } | null = null;
  #random: () => number = Math.random;
  readonly rules: FaultRule[] = [];
  /** When each content-creating request counted by the secondary limit was accepted. */
  readonly acceptedPutTimes: number[] = [];

  /** The next `count` matching requests answer `status` (500, 502, 503, ...). */
  failNext(count: number, status: number, match: RequestMatch = {}, options: { message?: string; headers?: Record<string, string> } = {}): this {
    const message = options.message ?? ({ 500: 'Server Error', 502: 'Server Error', 503: 'Service Unavailable' } as Record<number, string>)[status] ?? 'Injected failure';
    return this.#queue(count, match, { type: 'status', status, body: { message, documentation_url: DOCS.root, status: String(status) }, headers: options.headers ?? {} });
  }

  /** The next `count` matching requests hit the secondary rate limit: 403 with retry-after. */
  secondaryRateLimitNext(count: number, retryAfterSeconds: number, match: RequestMatch = {}): this {
    return this.#queue(count, match, {
      type: 'status',
      status: 403,
      body: { message: SECONDARY_RATE_LIMIT_MESSAGE, documentation_url: DOCS.secondary, status: '403' },
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }

  /**
   * The next `count` matching requests hit the primary rate limit: 403 (or 429) with
   * x-ratelimit-remaining: 0 and x-ratelimit-reset `resetInSeconds` from the moment of the answer.
   */
  primaryRateLimitNext(count: number, options: { resetInSeconds: number; status?: 403 | 429 }, match: RequestMatch = {}): this {
    return this.#queue(count, match, () => ({
      type: 'status',
      status: options.status ?? 403,
      body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: DOCS.primary, status: String(options.status ?? 403) },
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(nowSeconds() + options.resetInSeconds),
      },
    }));
  }

  /** The next `count` matching requests wait `ms` before being handled as usual. */
  delayNext(count: number, ms: number, match: RequestMatch = {}): this {
    return this.#queue(count, match, { type: 'delay', ms });
  }

  /** The next `count` matching requests never get an answer (until stop()). */
  hangNext(count: number, match: RequestMatch = {}): this {
    return this.#queue(count, match, { type: 'hang' });
  }

  /** Random branch conflicts on PUTs; a seed makes the sequence repeatable. */
  conflictOnPuts(probability: number, seed?: number): this {
    this.putConflictProbability = probability;
    this.#random = seed === undefined ? Math.random : seededRandom(seed);
    return this;
  }

  /** Queued faults not used yet. */
  pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  clear(): void {
    this.rules.length = 0;
    this.putConflictProbability = 0;
    this.secondaryLimit = null;
    this.acceptedPutTimes.length = 0;
  }

  /** @internal */
  take(request: { method: string; kind: RequestKind; path: string }): Fault | undefined {
    const rule = this.rules.find((candidate) => candidate.remaining > 0 && matches(candidate.match, request));
    if (!rule) return undefined;
    rule.remaining -= 1;
    return typeof rule.fault === 'function' ? rule.fault() : rule.fault;
  }

  /** @internal */
  rollConflict(): boolean {
    return this.putConflictProbability > 0 && this.#random() < this.putConflictProbability;
  }

  #queue(count: number, match: RequestMatch, fault: FaultRule['fault']): this {
    this.rules.push({ remaining: count, match, fault });
    return this;
  }
}

export interface FakeGitHub {
  /** Base URL for Octokit's `baseUrl` (GITHUB_API_URL). */
  url: string;
  owner: string;
  repo: string;
  branch: string;
  token: string;
  state: FakeGitHubState;
  faults: FakeGitHubFaults;
  /**
   * The OAuth hand-over page (`${url}/auth`) as Netlify's provider serves it to Decap: it tells
   * its opener "authorizing:github", waits for the answer, then sends
   * "authorization:github:success:{token}" with `oauth.token` (set it to the person signing in).
   */
  oauth: { token: string };
  stop(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const state = new FakeGitHubState(options);
  const faults = new FakeGitHubFaults();
  const token = options.token ?? 'test-token';
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { message: `fake GitHub failed: ${String(error)}` });
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const repoPath = `/repos/${options.owner}/${options.repo}`;
  /** Where the tarball redirect points, like codeload.github.com's path (on this server). */
  const codeloadPath = `/_codeload/${options.owner}/${options.repo}/legacy.tar.gz/refs/heads/`;
  /** One-time tokens in archive redirects (codeload takes no Authorization header). */
  const archiveTokens = new Set<string>();
  let requestCounter = 0;

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, record?: RecordedRequest): void {
    requestCounter += 1;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `0000:${requestCounter.toString(16).padStart(5, '0')}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - requestCounter)),
      'x-ratelimit-reset': String(nowSeconds() + 3600),
      'x-ratelimit-used': String(requestCounter),
      'x-ratelimit-resource': 'core',
      ...headers,
      'content-length': String(Buffer.byteLength(text)),
    });
    response.end(text);
    if (record) record.status = status;
  }

  /**
   * GitHub's secondary limit on content-creating requests, when a test switched it on: answers
   * 403 with retry-after and returns true once the window is full, else counts this request.
   */
  function refusedBySecondaryLimit(response: ServerResponse, record: RecordedRequest): boolean {
    const limit = faults.secondaryLimit;
    if (!limit) return false;
    const now = Date.now();
    while (faults.acceptedPutTimes.length > 0 && faults.acceptedPutTimes[0]! <= now - limit.windowMs) faults.acceptedPutTimes.shift();
    if (faults.acceptedPutTimes.length >= limit.maxRequests) {
      const retryAfter = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((faults.acceptedPutTimes[0]! + limit.windowMs - now) / 1000));
      send(response, 403, { message: SECONDARY_RATE_LIMIT_MESSAGE, documentation_url: DOCS.secondary, status: '403' }, { 'retry-after': String(retryAfter) }, record);
      return true;
    }
    faults.acceptedPutTimes.push(now);
    return false;
  }

  const notFound = (documentation = DOCS.root) => ({ message: 'Not Found', documentation_url: documentation, status: '404' });

  async function readBody(request: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function classify(method: string, path: string): { kind: RequestKind; filePath?: string; rest: string } {
    const lower = path.toLowerCase();
    if (!lower.startsWith(`${repoPath.toLowerCase()}/`) && lower !== repoPath.toLowerCase()) return { kind: 'other', rest: '' };
    const rest = path.slice(repoPath.length);
    if (rest === '/contents' || rest.startsWith('/contents/')) {
      const filePath = rest.slice('/contents'.length).replace(/^\/+/, '').replace(/\/+$/, '');
      return { kind: method === 'PUT' ? 'put-content' : method === 'GET' ? 'get-content' : 'other', filePath, rest };
    }
    if (method === 'GET' && rest.startsWith('/git/trees/')) return { kind: 'get-tree', rest };
    if (method === 'GET' && (rest === '/tarball' || rest.startsWith('/tarball/'))) return { kind: 'get-archive', rest };
    if (method === 'POST' && rest === '/git/trees') return { kind: 'create-tree', rest };
    if (method === 'POST' && rest === '/git/commits') return { kind: 'create-commit', rest };
    if (method === 'PATCH' && rest.startsWith('/git/refs/')) return { kind: 'update-ref', rest };
    if (method === 'GET' && rest.startsWith('/branches/')) return { kind: 'get-branch', rest };
    if (method === 'GET' && (rest.startsWith('/git/ref/') || rest.startsWith('/git/refs/'))) return { kind: 'get-ref', rest };
    return { kind: 'other', rest };
  }

  function contentEntry(path: string, type: 'file' | 'dir', sha: string, size: number) {
    const name = path.split('/').at(-1) ?? path;
    const self = `${url}${repoPath}/contents/${path}?ref=${state.branch}`;
    const git = `${url}${repoPath}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
    const html = `https://github.com/${options.owner}/${options.repo}/${type === 'file' ? 'blob' : 'tree'}/${state.branch}/${path}`;
    return {
      name,
      path,
      sha,
      size,
      url: self,
      html_url: html,
      git_url: git,
      download_url: type === 'file' ? `https://raw.githubusercontent.com/${options.owner}/${options.repo}/${state.branch}/${path}` : null,
      type,
      _links: { self, git, html },
    };
  }

  /** GitHub's base64: lines of 60 characters, each ending in a newline. */
  const base64Lines = (content: Buffer) => (content.toString('base64').match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join('');

  function commitJson(commit: FakeCommit) {
    return {
      sha: commit.sha,
      node_id: Buffer.from(`Commit:${commit.sha}`).toString('base64'),
      url: `${url}${repoPath}/git/commits/${commit.sha}`,
      html_url: `https://github.com/${options.owner}/${options.repo}/commit/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      tree: { sha: commit.tree, url: `${url}${repoPath}/git/trees/${commit.tree}` },
      message: commit.message,
      parents: commit.parent
        ? [{ sha: commit.parent, url: `${url}${repoPath}/git/commits/${commit.parent}`, html_url: `https://github.com/${options.owner}/${options.repo}/commit/${commit.parent}` }]
        : [],
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null },
    };
  }

  function getContent(response: ServerResponse, record: RecordedRequest, filePath: string, query: URLSearchParams, accept: string): void {
    const ref = query.get('ref');
    if (ref && ref !== state.branch && ref !== `refs/heads/${state.branch}`) {
      send(response, 404, { message: `No commit found for the ref ${ref}`, documentation_url: DOCS.getContent, status: '404' }, {}, record);
      return;
    }
    if (!state.head) {
      send(response, 404, { message: 'This repository is empty.', documentation_url: DOCS.getContent, status: '404' }, {}, record);
      return;
    }
    const blob = state.blob(filePath);
    if (blob) {
      if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) {
        requestCounter += 1;
        response.writeHead(200, {
          'content-type': 'application/vnd.github.v3.raw; charset=utf-8',
          'x-github-media-type': 'github.v3; param=raw',
          'x-github-request-id': `0000:${requestCounter.toString(16).padStart(5, '0')}`,
          'content-length': String(blob.content.length),
        });
        response.end(blob.content);
        record.status = 200;
        return;
      }
      const large = blob.size > state.largeFileBytes;
      const entry = contentEntry(filePath, 'file', blob.sha, blob.size);
      const { _links, ...rest } = entry;
      send(response, 200, { ...rest, content: large ? '' : base64Lines(blob.content), encoding: large ? 'none' : 'base64', _links }, {}, record);
      return;
    }
    const prefix = filePath === '' ? '' : `${filePath}/`;
    const inside = state.files().filter((path) => path.startsWith(prefix));
    if (inside.length === 0 && filePath !== '') {
      send(response, 404, notFound(DOCS.getContent), {}, record);
      return;
    }
    const listing = state.tree(state.branch)!;
    let entries = listing.entries;
    for (const segment of filePath === '' ? [] : filePath.split('/')) {
      const folder = entries.find((entry) => entry.name === segment && entry.type === 'tree');
      entries = folder ? (state.tree(folder.sha)?.entries ?? []) : [];
    }
    send(
      response,
      200,
      entries.map((entry) => contentEntry(`${prefix}${entry.name}`, entry.type === 'blob' ? 'file' : 'dir', entry.sha, entry.size ?? 0)),
      {},
      record,
    );
  }

  async function putContent(request: IncomingMessage, response: ServerResponse, record: RecordedRequest, filePath: string): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    } catch {
      return send(response, 400, { message: 'Problems parsing JSON', documentation_url: DOCS.putContent, status: '400' }, {}, record);
    }
    const invalid = (field: string) =>
      send(response, 422, { message: `Invalid request.\n\n"${field}" wasn't supplied.`, documentation_url: DOCS.putContent, status: '422' }, {}, record);
    if (typeof body.message !== 'string' || body.message === '') return invalid('message');
    if (typeof body.content !== 'string') return invalid('content');
    if (!/^[A-Za-z0-9+/=\s]*$/.test(body.content)) {
      return send(response, 422, { message: 'content is not valid Base64', documentation_url: DOCS.putContent, status: '422' }, {}, record);
    }
    if (filePath === '' || state.files().some((path) => path.startsWith(`${filePath}/`))) {
      return send(response, 422, { message: `Invalid request.\n\n"path" is a directory.`, documentation_url: DOCS.putContent, status: '422' }, {}, record);
    }
    const branch = typeof body.branch === 'string' ? body.branch : state.branch;
    if (branch !== state.branch) {
      send(response, 404, { message: `Branch ${branch} not found`, documentation_url: DOCS.putContent, status: '404' }, {}, record);
      return;
    }

    if (refusedBySecondaryLimit(response, record)) return;

    // GitHub moves the branch with a compare-and-swap: a write that starts while another one on
    // the same branch is being applied fails with this 409.
    if (state.putsInFlight > 0 || faults.rollConflict()) {
      const expected = randomBytes(20).toString('hex');
      return send(response, 409, { message: `is at ${state.head?.sha ?? expected} but expected ${expected}`, documentation_url: DOCS.putContent, status: '409' }, {}, record);
    }
    state.putsInFlight += 1;
    state.maxConcurrentPuts = Math.max(state.maxConcurrentPuts, state.putsInFlight);
    try {
      if (state.putLatencyMs > 0) await sleep(state.putLatencyMs);
      const existing = state.blob(filePath);
      const sha = typeof body.sha === 'string' && body.sha !== '' ? body.sha : undefined;
      if (existing && !sha) return invalid('sha');
      if (sha && existing?.sha !== sha) {
        return send(response, 409, { message: `${filePath} does not match ${sha}`, documentation_url: DOCS.putContent, status: '409' }, {}, record);
      }
      const { blob, commit } = state.write(filePath, Buffer.from(body.content, 'base64'), body.message, identities(body));
      const content = contentEntry(filePath, 'file', blob.sha, blob.size);
      return send(response, existing ? 200 : 201, { content, commit: commitJson(commit) }, {}, record);
    } finally {
      state.putsInFlight -= 1;
    }
  }

  /** The author and committer a write names, defaulting as GitHub does (to each other, then to the token's owner). */
  function identities(body: Record<string, unknown>): { author: Identity; committer: Identity } {
    const identity = (value: unknown): Identity | undefined => {
      if (!value || typeof value !== 'object') return undefined;
      const { name, email, date } = value as Record<string, unknown>;
      return typeof name === 'string' && typeof email === 'string' ? { name, email, date: typeof date === 'string' ? date : isoSeconds() } : undefined;
    };
    const tokenOwner = { name: 'fake-user', email: 'fake-user@users.noreply.github.com', date: isoSeconds() };
    const committer = identity(body.committer) ?? identity(body.author) ?? tokenOwner;
    return { author: identity(body.author) ?? committer, committer };
  }

  /** A JSON body, or null after answering GitHub's 400. */
  async function jsonBody(request: IncomingMessage, response: ServerResponse, record: RecordedRequest, documentation: string): Promise<Record<string, unknown> | null> {
    try {
      const body = JSON.parse(await readBody(request)) as unknown;
      if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      // answered below
    }
    send(response, 400, { message: 'Problems parsing JSON', documentation_url: documentation, status: '400' }, {}, record);
    return null;
  }

  const invalidField = (response: ServerResponse, record: RecordedRequest, documentation: string, message: string) =>
    send(response, 422, { message, documentation_url: documentation, status: '422' }, {}, record);

  /** POST /git/trees: entries with inline `content` (or a blob `sha`), on top of `base_tree`. */
  async function createTree(request: IncomingMessage, response: ServerResponse, record: RecordedRequest): Promise<void> {
    const body = await jsonBody(request, response, record, DOCS.createTree);
    if (!body) return;
    if (!Array.isArray(body.tree)) return invalidField(response, record, DOCS.createTree, 'Invalid request.\n\n"tree" wasn\'t supplied.');
    const entries: Array<{ path: string; content?: Buffer; sha?: string | null }> = [];
    for (const raw of body.tree as unknown[]) {
      const entry = (raw ?? {}) as Record<string, unknown>;
      if (typeof entry.path !== 'string' || entry.path === '' || entry.path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
        return invalidField(response, record, DOCS.createTree, 'tree.path contains a malformed path component');
      }
      if (entry.type !== 'blob' || entry.mode !== '100644')
        return invalidField(response, record, DOCS.createTree, 'Only regular files (mode 100644, type blob) are supported by this stand-in.');
      if (typeof entry.content === 'string') entries.push({ path: entry.path, content: Buffer.from(entry.content, 'utf8') });
      else if (typeof entry.sha === 'string' || entry.sha === null) entries.push({ path: entry.path, sha: entry.sha });
      else return invalidField(response, record, DOCS.createTree, 'Must supply either tree.sha or tree.content. Request will be rejected if both are present.');
    }
    const base = typeof body.base_tree === 'string' ? body.base_tree : undefined;
    if (refusedBySecondaryLimit(response, record)) return;
    const tree = state.createTree(base, entries);
    if (tree === 'base_tree') return invalidField(response, record, DOCS.createTree, 'Invalid tree info');
    if (tree === 'sha') return invalidField(response, record, DOCS.createTree, 'tree.sha is not a valid blob');
    if (tree === 'delete') return invalidField(response, record, DOCS.createTree, 'GitRPC::BadObjectState');
    if (typeof tree === 'string') return invalidField(response, record, DOCS.createTree, 'tree.path contains a malformed path component');
    return send(
      response,
      201,
      { sha: tree.sha, url: `${url}${repoPath}/git/trees/${tree.sha}`, tree: tree.entries.map((entry) => treeItem(entry, '')), truncated: false },
      {},
      record,
    );
  }

  /** POST /git/commits: a commit of a tree with its parents; the branch does not move. */
  async function createCommit(request: IncomingMessage, response: ServerResponse, record: RecordedRequest): Promise<void> {
    const body = await jsonBody(request, response, record, DOCS.createCommit);
    if (!body) return;
    if (typeof body.message !== 'string') return invalidField(response, record, DOCS.createCommit, 'Invalid request.\n\n"message" wasn\'t supplied.');
    if (typeof body.tree !== 'string') return invalidField(response, record, DOCS.createCommit, 'Invalid request.\n\n"tree" wasn\'t supplied.');
    const parents = Array.isArray(body.parents) ? body.parents.filter((parent): parent is string => typeof parent === 'string') : [];
    if (refusedBySecondaryLimit(response, record)) return;
    const commit = state.createCommit(body.message, body.tree, parents, identities(body));
    if (commit === 'tree') return invalidField(response, record, DOCS.createCommit, 'Tree SHA does not exist');
    if (typeof commit === 'string') return invalidField(response, record, DOCS.createCommit, 'Parent SHA does not exist or is not a commit object');
    return send(response, 201, commitJson(commit), { location: `${url}${repoPath}/git/commits/${commit.sha}` }, record);
  }

  /** PATCH /git/refs/heads/<branch>: moves the branch, by fast-forward only unless `force`. */
  async function updateRef(request: IncomingMessage, response: ServerResponse, record: RecordedRequest, rest: string): Promise<void> {
    const body = await jsonBody(request, response, record, DOCS.updateRef);
    if (!body) return;
    if (typeof body.sha !== 'string') return invalidField(response, record, DOCS.updateRef, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    const name = decodeURIComponent(rest.slice('/git/refs/'.length));
    if (name !== `heads/${state.branch}` || !state.head) return invalidField(response, record, DOCS.updateRef, 'Reference does not exist');
    if (refusedBySecondaryLimit(response, record)) return;
    const outcome = state.updateBranch(body.sha, body.force === true);
    if (outcome === 'unknown-commit') return invalidField(response, record, DOCS.updateRef, 'Object does not exist');
    if (outcome === 'not-fast-forward') return invalidField(response, record, DOCS.updateRef, 'Update is not a fast forward');
    const head = state.head;
    return send(response, 200, refJson(state.branch, head.sha), {}, record);
  }

  function refJson(branch: string, sha: string) {
    return {
      ref: `refs/heads/${branch}`,
      node_id: Buffer.from(`Ref:refs/heads/${branch}`).toString('base64'),
      url: `${url}${repoPath}/git/refs/heads/${branch}`,
      object: { sha, type: 'commit', url: `${url}${repoPath}/git/commits/${sha}` },
    };
  }

  function treeItem(entry: TreeEntry, prefix: string) {
    return {
      path: `${prefix}${entry.name}`,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.type === 'blob' ? { size: entry.size } : {}),
      url: `${url}${repoPath}/git/${entry.type === 'blob' ? 'blobs' : 'trees'}/${entry.sha}`,
    };
  }

  /** GET /tarball/<ref>: GitHub answers 302 to codeload, with a short-lived token in the URL. */
  function getArchive(response: ServerResponse, record: RecordedRequest, rest: string): void {
    const ref = rest.slice('/tarball'.length).replace(/^\/+/, '') || state.branch;
    if ((ref !== state.branch && ref !== `refs/heads/${state.branch}` && ref !== `heads/${state.branch}`) || !state.head) {
      send(response, 404, notFound(DOCS.archive), {}, record);
      return;
    }
    const archiveToken = randomBytes(12).toString('hex');
    archiveTokens.add(archiveToken);
    send(response, 302, '', { 'content-type': 'text/html;charset=utf-8', location: `${url}${codeloadPath}${state.branch}?token=${archiveToken}` }, record);
  }

  let archiveCache: { sha: string; body: Buffer } | null = null;

  /** The codeload side: the head's files as a tar.gz, each under owner-repo-<short sha>/, as GitHub's. */
  async function downloadArchive(response: ServerResponse, record: RecordedRequest, branch: string): Promise<void> {
    const head = state.head;
    if (branch !== state.branch || !head) {
      send(response, 404, 'Not Found', { 'content-type': 'text/plain; charset=utf-8' }, record);
      return;
    }
    // GitHub builds an archive once per commit and serves it again from cache: so does this
    // stand-in, so a benchmark measures the client's reading, not the stand-in packing the tar.
    const body = archiveCache?.sha === head.sha ? archiveCache.body : await packArchive(head.sha);
    archiveCache = { sha: head.sha, body };
    const top = `${options.owner}-${options.repo}-${head.sha.slice(0, 7)}`;
    requestCounter += 1;
    response.writeHead(200, {
      'content-type': 'application/x-gzip',
      'content-disposition': `attachment; filename=${top}.tar.gz`,
      'content-length': String(body.length),
    });
    response.end(body);
    record.status = 200;
  }

  async function packArchive(headSha: string): Promise<Buffer> {
    const top = `${options.owner}-${options.repo}-${headSha.slice(0, 7)}`;
    const folders = new Set<string>();
    const entries: TarEntry[] = [{ header: { name: `${top}/`, type: 'directory', size: 0 } }];
    for (const path of state.files()) {
      const parts = path.split('/');
      for (let depth = 1; depth < parts.length; depth += 1) {
        const folder = parts.slice(0, depth).join('/');
        if (!folders.has(folder)) entries.push({ header: { name: `${top}/${folder}/`, type: 'directory', size: 0 } });
        folders.add(folder);
      }
      const content = state.blob(path)!.content;
      entries.push({ header: { name: `${top}/${path}`, type: 'file', size: content.length, mode: 0o644 }, body: new Uint8Array(content) });
    }
    return gzipSync(await packTar(entries));
  }

  function getTree(response: ServerResponse, record: RecordedRequest, rest: string, query: URLSearchParams): void {
    if (!state.head) {
      send(response, 409, { message: 'Git Repository is empty.', documentation_url: DOCS.getTree, status: '409' }, {}, record);
      return;
    }
    const ref = decodeURIComponent(rest.slice('/git/trees/'.length));
    const root = state.tree(ref);
    if (!root) {
      send(response, 404, notFound(DOCS.getTree), {}, record);
      return;
    }
    const recursive = Boolean(query.get('recursive'));
    const listed: Array<ReturnType<typeof treeItem>> = [];
    const walk = (entries: TreeEntry[], prefix: string) => {
      for (const entry of entries) {
        listed.push(treeItem(entry, prefix));
        if (recursive && entry.type === 'tree') walk(state.tree(entry.sha)?.entries ?? [], `${prefix}${entry.name}/`);
      }
    };
    walk(root.entries, '');
    const truncated = listed.length > state.treeEntryLimit;
    send(response, 200, { sha: root.sha, url: `${url}${repoPath}/git/trees/${root.sha}`, tree: truncated ? listed.slice(0, state.treeEntryLimit) : listed, truncated }, {}, record);
  }

  function getBranchOrRef(response: ServerResponse, record: RecordedRequest, kind: RequestKind, rest: string): void {
    const name = decodeURIComponent(kind === 'get-branch' ? rest.slice('/branches/'.length) : rest.replace(/^\/git\/refs?\/heads\//, ''));
    // The git database of a repository with no commit at all answers 409, as GitHub does.
    if (kind === 'get-ref' && !state.head) {
      send(response, 409, { message: 'Git Repository is empty.', documentation_url: DOCS.updateRef.replace('update-a-reference', 'get-a-reference'), status: '409' }, {}, record);
      return;
    }
    if (name !== state.branch || !state.head) {
      send(response, 404, { message: kind === 'get-ref' ? 'Not Found' : 'Branch not found', documentation_url: DOCS.branch, status: '404' }, {}, record);
      return;
    }
    const head = state.head;
    if (kind === 'get-branch') {
      send(response, 200, { name, commit: { sha: head.sha, commit: { message: head.message, tree: { sha: head.tree } } }, protected: false }, {}, record);
      return;
    }
    send(response, 200, refJson(name, head.sha), {}, record);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const parsed = new URL(request.url ?? '/', url);
    let path: string;
    try {
      path = decodeURIComponent(parsed.pathname);
    } catch {
      path = parsed.pathname;
    }
    const download = method === 'GET' && path.startsWith(codeloadPath);
    // Who a token belongs to, asked with the person's own token (the committee's sign-in).
    const identityPath = method === 'GET' && (path === '/user' || path.toLowerCase() === repoPath.toLowerCase());
    const { kind, filePath, rest } = download ? { kind: 'download-archive' as const, filePath: undefined, rest: path.slice(codeloadPath.length) } : classify(method, path);
    const record: RecordedRequest = { method, kind, path, status: 'hung', startedAt: Date.now(), ...(filePath !== undefined ? { filePath } : {}) };
    state.requests.push(record);

    if (download) {
      // codeload authorises by the token in the redirect, not by a header.
      const archiveToken = parsed.searchParams.get('token') ?? '';
      if (!archiveTokens.delete(archiveToken)) {
        send(response, 404, 'Not Found', { 'content-type': 'text/plain; charset=utf-8' }, record);
        return;
      }
    } else if (method === 'GET' && path === '/auth') {
      return sendHandOverPage(response, record);
    } else if (!identityPath) {
      const authorization = request.headers.authorization ?? '';
      const [scheme, credential] = authorization.split(/\s+/, 2);
      if (!scheme || !/^(token|bearer)$/i.test(scheme) || credential !== token) {
        return send(response, 401, { message: 'Bad credentials', documentation_url: DOCS.root, status: '401' }, {}, record);
      }
    }

    if (options.latencyMs) await sleep(options.latencyMs);
    const fault = faults.take({ method, kind, path });
    if (fault?.type === 'hang') return; // no answer; stop() closes the socket
    if (fault?.type === 'delay') await sleep(fault.ms);
    if (fault?.type === 'status') {
      send(response, fault.status, fault.body, fault.headers, record);
      return;
    }

    if (identityPath) return identity(request, response, record, path === '/user');
    if (kind === 'get-content') return getContent(response, record, filePath ?? '', parsed.searchParams, String(request.headers.accept ?? ''));
    if (kind === 'put-content') return putContent(request, response, record, filePath ?? '');
    if (kind === 'get-tree') return getTree(response, record, rest, parsed.searchParams);
    if (kind === 'get-archive') return getArchive(response, record, rest);
    if (kind === 'download-archive') return downloadArchive(response, record, decodeURIComponent(rest));
    if (kind === 'create-tree') return createTree(request, response, record);
    if (kind === 'create-commit') return createCommit(request, response, record);
    if (kind === 'update-ref') return updateRef(request, response, record, rest);
    if (kind === 'get-branch' || kind === 'get-ref') return getBranchOrRef(response, record, kind, rest);
    return send(response, 404, notFound(), {}, record);
  }

  /** The person a token belongs to, for the identity endpoints. */
  function personOf(request: IncomingMessage) {
    const [scheme, credential = ''] = (request.headers.authorization ?? '').split(/\s+/, 2);
    if (!scheme || !/^(token|bearer)$/i.test(scheme)) return undefined;
    if (credential === token) return { login: 'records-bot', permission: 'admin' as const };
    return options.people?.[credential];
  }

  function identity(request: IncomingMessage, response: ServerResponse, record: RecordedRequest, user: boolean): void {
    const person = personOf(request);
    if (!person) {
      send(response, 401, { message: 'Bad credentials', documentation_url: DOCS.root, status: '401' }, {}, record);
      return;
    }
    if (user) {
      send(response, 200, { login: person.login, id: 1000 + person.login.length, type: 'User', site_admin: false }, {}, record);
      return;
    }
    if (person.permission === 'none') {
      send(response, 404, notFound(), {}, record);
      return;
    }
    const level = { admin: 3, write: 2, read: 1 }[person.permission];
    send(
      response,
      200,
      {
        id: 1,
        name: options.repo,
        full_name: `${options.owner}/${options.repo}`,
        private: true,
        owner: { login: options.owner },
        default_branch: state.branch,
        permissions: { admin: level >= 3, maintain: level >= 3, push: level >= 2, triage: level >= 2, pull: level >= 1 },
      },
      {},
      record,
    );
  }

  function sendHandOverPage(response: ServerResponse, record: RecordedRequest): void {
    const message = `authorization:github:success:${JSON.stringify({ token: oauth.token, provider: 'github' })}`;
    const page = `<!doctype html><title>Authorizing</title><p>Authorizing…</p><script>
(() => {
  const message = ${JSON.stringify(message)};
  window.addEventListener('message', (event) => {
    if (event.data === 'authorizing:github') window.opener.postMessage(message, event.origin);
  });
  window.opener.postMessage('authorizing:github', '*');
})();
</script>`;
    requestCounter += 1;
    record.status = 200;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page);
  }

  const oauth = { token: '' };

  return {
    url,
    owner: options.owner,
    repo: options.repo,
    branch: state.branch,
    token,
    oauth,
    state,
    faults,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    },
  };
}
