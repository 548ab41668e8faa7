/**
 * The records store over GitHub's REST API (the private records repository in production).
 * The only module besides tests that imports @octokit/*.
 *
 * Time: every HTTP call has its own timeout, and every store operation an overall deadline
 * (default 8 s, so a synchronous Netlify function can still answer); when it is spent the
 * operation throws RecordsUnavailableError and nothing it started writes afterwards (later
 * attempts carry the aborted signal).
 * Retries: 5xx, timeouts, network errors and GitHub's branch-moved 409 are retried with growing,
 * jittered waits (retry plugin); rate limits wait for retry-after / x-ratelimit-reset when that
 * fits in the deadline (throttling plugin). Writes from one store go one at a time and are
 * spaced (GitHub asks for about a second between content-creating requests).
 * Batches (createFiles) go through the Git Data API: one tree with the files inline, one commit,
 * one non-forced ref update (3 content-creating requests for up to 100 files); when the branch
 * moved meanwhile GitHub refuses the update (422) and the batch is rebuilt on the new head.
 * Bulk reads (readFolder) download the branch's tarball (GET tarball, which redirects to
 * codeload; two HTTP requests for the whole repository) and fall back to one read per file when
 * the archive cannot be had.
 * Logs carry statuses and record paths only: never the token, never file contents.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { Octokit } from '@octokit/rest';
import { unpackTar } from 'modern-tar';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import {
  MAX_FILES_PER_COMMIT,
  RecordsConflictError,
  RecordsUnavailableError,
  type Changes,
  type CommitMessage,
  type CommitResult,
  type CreateFilesResult,
  type NewFile,
  type RecordsStore,
  type StoredFile,
} from './ports.ts';
import { checkChanges, checkCommitMessage, checkRecordPath, distinctNewFiles, folderPrefix, inChunks, messageFor, pendingChanges, sortPaths } from './recordPaths.ts';
import { recordsCommitIdentity } from './commitIdentity.ts';
import { sleep } from './abortableWait.ts';
import { WriteLane } from './writeLane.ts';
import { mapLimited } from '../mapLimited.ts';

export interface GitHubRecordsStoreOptions {
  /** `owner/name` of the records repository (RECORDS_REPO). */
  repo: string;
  /** Branch to read and commit to (RECORDS_BRANCH). */
  branch: string;
  /** Fine-grained token with Contents read/write on that repository only (GITHUB_TOKEN). */
  token: string;
  /** REST base URL (GITHUB_API_URL); default https://api.github.com. */
  baseUrl?: string;
  /** Budget for one store operation, retries and waits included; default 8,000 ms. */
  deadlineMs?: number;
  /** Budget for one HTTP call; default 4,000 ms. */
  requestTimeoutMs?: number;
  /** Retries of a failed call (5xx, timeout, network, branch conflict); default 4. */
  retries?: number;
  /** Backoff unit: retry n waits n² × this plus up to this much at random; default 250 ms. */
  retryBaseMs?: number;
  /** Least time between the starts of two writes from this store; default 1,000 ms. */
  writeIntervalMs?: number;
  /** The most files one createFiles commit holds; default MAX_FILES_PER_COMMIT (100). */
  maxFilesPerCommit?: number;
  /** Where retries, rate limits and give-ups are reported; default console.warn. */
  log?: (message: string) => void;
}

/**
 * GitHub refused the request in a way that retrying will not fix until someone fixes the
 * configuration: bad or expired token (401), missing permission (403), repository or branch
 * not found or not visible to the token (404). It is a RecordsUnavailableError (nothing was
 * written; a caller may hold the record), marked not retryable, with a message naming what to fix.
 */
export class GitHubAccessError extends RecordsUnavailableError {
  override name = 'GitHubAccessError';
  readonly status: number;
  readonly retryable = false;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

interface HttpFailure {
  status: number;
  /** GitHub's own message (no documentation link). */
  message: string;
  headers: Record<string, string | number | undefined>;
}

/** Octokit's RequestError, read without importing it: status, response headers, GitHub's message. */
function httpFailure(error: unknown): HttpFailure | undefined {
  if (!(error instanceof Error) || !('request' in error)) return undefined; // an abort has no request
  const { status, response } = error as Error & { status?: unknown; response?: { data?: unknown; headers?: HttpFailure['headers'] } };
  if (typeof status !== 'number') return undefined;
  const data = response?.data;
  const message = data && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string' ? (data as { message: string }).message : error.message;
  return { status, message, headers: response?.headers ?? {} };
}

const isShaNotSupplied = (failure: HttpFailure | undefined) => failure?.status === 422 && /"sha" wasn't supplied/.test(failure.message);
const isNotFastForward = (failure: HttpFailure | undefined) => failure?.status === 422 && /not a fast.forward/i.test(failure.message);
const isEmptyRepository = (failure: HttpFailure | undefined) => failure?.status === 409 && /empty/i.test(failure.message);
const isShaMismatch = (failure: HttpFailure | undefined) => failure?.status === 409 && /does not match/.test(failure.message);
const isRateLimited = (failure: HttpFailure) =>
  failure.status === 429 || (failure.status === 403 && (/secondary rate limit/i.test(failure.message) || String(failure.headers['x-ratelimit-remaining']) === '0'));

/** Octokit's request options, for messages: "PUT /repos/o/r/contents/applications/x.json". */
function describeRequest(options: { method: string; url: string; [parameter: string]: unknown }): string {
  return `${options.method} ${options.url.replace(/\{(\w+)\}/g, (_match, name: string) => String(options[name] ?? name))}`;
}

/** Global fetch with a timeout on every call, on top of the operation's own signal. */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/**
 * The throttling plugin spaces writes through its own process-wide queue (one a second, shared
 * by every Octokit). This store spaces and serialises its writes itself (WriteLane), so it hands
 * the plugin a queue that lets writes straight through.
 */
const unspacedWrites = {
  key: () => ({
    schedule: (_options: unknown, task: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve().then(() => task(...args)),
  }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

let storeCount = 0;

const gunzipAsync = promisify(gunzip);

/** What `git hash-object` answers for these bytes. */
const gitBlobSha = (bytes: Uint8Array) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/** Files this many at a time when a folder is read file by file. */
const READ_CONCURRENCY = 8;

/**
 * GitHub's web address for an API base: github.com for api.github.com, and the same host
 * without /api/v3 for GitHub Enterprise Server (or a local stand-in).
 */
export function webOrigin(apiBaseUrl: string | undefined): string {
  const base = (apiBaseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  if (/^https:\/\/api\.github\.com$/i.test(base)) return 'https://github.com';
  return base.replace(/\/api\/v3$/i, '');
}

export function createGitHubRecordsStore(options: GitHubRecordsStoreOptions): RecordsStore {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(options.repo);
  if (!match) throw new Error(`The records repository must look like owner/name, not ${JSON.stringify(options.repo)}.`);
  const owner = match[1]!;
  const repo = match[2]!;
  const branch = options.branch;
  const deadlineMs = options.deadlineMs ?? 8_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 4_000;
  const retries = options.retries ?? 4;
  const retryBaseMs = options.retryBaseMs ?? 250;
  const log = options.log ?? ((message: string) => console.warn(message));
  const lane = new WriteLane(options.writeIntervalMs ?? 1_000);
  const maxFilesPerCommit = options.maxFilesPerCommit ?? MAX_FILES_PER_COMMIT;
  const where = `${owner}/${repo} (branch ${branch})`;
  /** When each operation's time runs out, by its signal (the rate-limit handlers read it). */
  const deadlines = new WeakMap<AbortSignal, number>();
  storeCount += 1;

  // Runs first on every failed attempt, before the retry plugin decides: adds the random part
  // of the backoff, and stops retries that cannot succeed.
  const classifyFailures = (octokit: Pick<Octokit, 'hook'>) => {
    octokit.hook.error('request', async (error, request) => {
      const failure = httpFailure(error);
      const signal = request.request?.signal;
      if (!failure || signal?.aborted) throw error;
      const branchMoved = failure.status === 409 && request.method === 'PUT' && !isShaMismatch(failure);
      if (failure.status === 409 && !branchMoved) {
        // A stale sha, or an empty repository: the same request would fail the same way.
        request.request.retries = 0;
      } else if (branchMoved || failure.status >= 500) {
        const attempt = Number(request.request?.retryCount ?? 0) + 1;
        log(`records: GitHub answered ${failure.status} to ${describeRequest(request)} (attempt ${attempt} of ${retries + 1}).`);
        await sleep(Math.random() * retryBaseMs, signal).catch(() => undefined);
      }
      throw error;
    });
  };

  const waitIfTimeAllows =
    (limit: string) =>
    (retryAfterSeconds: number, request: { method: string; url: string; request?: { signal?: AbortSignal } }, _octokit: unknown, retryCount: number): boolean => {
      const signal = request.request?.signal;
      const deadlineAt = (signal && deadlines.get(signal)) ?? Date.now();
      const fits = retryCount < 3 && Date.now() + retryAfterSeconds * 1000 + Math.min(requestTimeoutMs, 500) <= deadlineAt;
      log(
        `records: GitHub ${limit} on ${describeRequest(request as Parameters<typeof describeRequest>[0])}; ` +
          (fits ? `waiting ${retryAfterSeconds} s as asked.` : `a wait of ${retryAfterSeconds} s does not fit the time left, giving up.`),
      );
      return fits;
    };

  const RecordsOctokit = Octokit.plugin(classifyFailures, retry, throttling);
  const octokit = new RecordsOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: 'mentoring-site-records',
    // Octokit's own request log would print every expected 404/422 (and, at debug, bodies).
    log: { debug: () => {}, info: () => {}, warn: (message: string) => log(`records: ${message}`), error: () => {} },
    request: { fetch: fetchWithTimeout(requestTimeoutMs) },
    retry: {
      retries,
      retryAfterBaseValue: retryBaseMs,
      // 409 (branch moved) and 5xx are retried; 429 and 403 rate limits belong to throttling;
      // the rest would fail the same way again.
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      id: `records-store-${storeCount}`,
      write: unspacedWrites,
      onRateLimit: waitIfTimeAllows('rate limit'),
      onSecondaryRateLimit: waitIfTimeAllows('secondary rate limit'),
    },
  });

  function toStoreError(error: unknown, what: string, signal: AbortSignal): unknown {
    if (error instanceof RecordsConflictError || error instanceof RecordsUnavailableError) return error;
    if (signal.aborted) return new RecordsUnavailableError(`GitHub did not complete ${what} in ${where} within ${deadlineMs} ms.`);
    const failure = httpFailure(error);
    if (!failure) return error;
    const said = `${failure.status} ${failure.message}`;
    if (failure.status === 401) return new GitHubAccessError(`GitHub refused the records token (${said}) for ${what}; check GITHUB_TOKEN.`, 401);
    if (isRateLimited(failure)) return new RecordsUnavailableError(`GitHub's rate limit stopped ${what} in ${where} (${failure.status}); try later.`);
    if (failure.status === 403) {
      return new GitHubAccessError(`GitHub refused ${what} (${said}); the token needs Contents read and write on ${owner}/${repo}.`, 403);
    }
    if (failure.status === 404) {
      return new GitHubAccessError(`GitHub found no ${where} for ${what} (${said}); check RECORDS_REPO, RECORDS_BRANCH and that the token can see the repository.`, 404);
    }
    if (failure.status === 409 || failure.status >= 500) {
      return new RecordsUnavailableError(`GitHub could not complete ${what} in ${where} after retries (${said}).`);
    }
    return new Error(`GitHub refused ${what} in ${where} (${said}).`);
  }

  /** Runs one store operation under its deadline; every request in it carries the signal. */
  async function withinDeadline<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    deadlines.set(controller.signal, Date.now() + deadlineMs);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new RecordsUnavailableError(`GitHub did not complete ${what} in ${where} within ${deadlineMs} ms.`));
      }, deadlineMs);
    });
    const running = work(controller.signal);
    running.catch(() => undefined); // it may settle after the deadline has answered
    try {
      return await Promise.race([running, expired]);
    } catch (error) {
      const storeError = toStoreError(error, what, controller.signal);
      if (storeError instanceof RecordsUnavailableError && !(storeError instanceof GitHubAccessError)) log(`records: ${storeError.message}`);
      throw storeError;
    } finally {
      clearTimeout(timer);
    }
  }

  async function put(path: string, content: string, message: string, sha: string | undefined, signal: AbortSignal): Promise<StoredFile> {
    return lane.run(async () => {
      const { data } = await octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path,
        branch,
        message,
        content: Buffer.from(content, 'utf8').toString('base64'),
        ...(sha ? { sha } : {}),
        committer: { ...recordsCommitIdentity },
        author: { ...recordsCommitIdentity },
        request: { signal },
      });
      const blobSha = data.content?.sha;
      if (!blobSha) throw new Error(`GitHub stored ${path} without saying its sha.`);
      return { path, content, sha: blobSha };
    }, signal);
  }

  async function read(path: string, signal: AbortSignal): Promise<StoredFile | null> {
    try {
      const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref: branch, request: { signal } });
      if (Array.isArray(data) || data.type !== 'file') return null;
      if ('encoding' in data && data.encoding === 'base64') {
        return { path, content: Buffer.from(data.content, 'base64').toString('utf8'), sha: data.sha };
      }
      // Above 1 MB GitHub leaves the content out of the JSON (encoding "none"): ask for the raw file.
      const raw = await octokit.rest.repos.getContent({ owner, repo, path, ref: branch, mediaType: { format: 'raw' }, request: { signal } });
      const body: unknown = raw.data;
      const content = typeof body === 'string' ? body : Buffer.from(body as ArrayBuffer).toString('utf8');
      return { path, content, sha: data.sha };
    } catch (error) {
      const failure = httpFailure(error);
      // 404 is "no such file" (or an empty repository), except when the branch itself is missing.
      if (failure?.status === 404 && !/no commit found/i.test(failure.message)) return null;
      throw error;
    }
  }

  interface TreeListing {
    sha: string;
    truncated: boolean;
    tree: Array<{ path?: string; type?: string; sha?: string }>;
  }

  async function getTree(treeSha: string, recursive: boolean, signal: AbortSignal): Promise<TreeListing> {
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha, ...(recursive ? { recursive: '1' } : {}), request: { signal } });
    return data;
  }

  /** Every blob under a tree; a listing GitHub cuts short is walked one folder at a time. */
  async function blobsUnder(treeSha: string, base: string, signal: AbortSignal, known?: TreeListing): Promise<string[]> {
    const whole = known ?? (await getTree(treeSha, true, signal));
    if (!whole.truncated) return whole.tree.filter((entry) => entry.type === 'blob' && entry.path).map((entry) => `${base}${entry.path}`);
    const level = await getTree(treeSha, false, signal);
    const paths: string[] = [];
    for (const entry of level.tree) {
      if (entry.type === 'blob' && entry.path) paths.push(`${base}${entry.path}`);
      if (entry.type === 'tree' && entry.path && entry.sha) paths.push(...(await blobsUnder(entry.sha, `${base}${entry.path}/`, signal)));
    }
    return paths;
  }

  /** createFile's work: a PUT without sha, and on GitHub's "sha wasn't supplied" the file that is there. */
  async function createOne(path: string, content: string, message: string, signal: AbortSignal): Promise<{ created: boolean; file: StoredFile }> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { created: true, file: await put(path, content, message, undefined, signal) };
      } catch (error) {
        if (!isShaNotSupplied(httpFailure(error))) throw error;
      }
      // The path exists (a replayed submission, or an earlier attempt that landed).
      const existing = await read(path, signal);
      if (existing) return { created: false, file: existing };
      if (attempt === 3) throw new RecordsUnavailableError(`GitHub kept reporting ${path} as both present and absent.`);
    }
  }

  /** The commit the branch points at, or null while the repository has no commit at all. */
  async function branchHead(signal: AbortSignal): Promise<string | null> {
    try {
      const { data } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}`, request: { signal } });
      return data.object.sha;
    } catch (error) {
      if (isEmptyRepository(httpFailure(error))) return null;
      throw error;
    }
  }

  /**
   * Which of `paths` exist in a commit, with the commit's tree sha: one recursive listing, or,
   * when GitHub cuts that short, one listing per folder on the way to each path's folder.
   */
  async function existingIn(commitSha: string, paths: readonly string[], signal: AbortSignal): Promise<{ treeSha: string; existing: Set<string> }> {
    const whole = await getTree(commitSha, true, signal);
    if (!whole.truncated) {
      const present = new Set(whole.tree.filter((entry) => entry.type === 'blob' && entry.path).map((entry) => entry.path!));
      return { treeSha: whole.sha, existing: new Set(paths.filter((path) => present.has(path))) };
    }
    const listings = new Map<string, Promise<TreeListing>>();
    const listing = (treeSha: string) => {
      let known = listings.get(treeSha);
      if (!known) {
        known = getTree(treeSha, false, signal);
        listings.set(treeSha, known);
      }
      return known;
    };
    const folderShas = new Map<string, Promise<string | null>>([['', Promise.resolve(whole.sha)]]);
    const folderSha = (folder: string): Promise<string | null> => {
      let known = folderShas.get(folder);
      if (!known) {
        const slash = folder.lastIndexOf('/');
        known = folderSha(slash === -1 ? '' : folder.slice(0, slash)).then(async (parentSha) => {
          if (!parentSha) return null;
          const name = folder.slice(slash + 1);
          return (await listing(parentSha)).tree.find((entry) => entry.type === 'tree' && entry.path === name)?.sha ?? null;
        });
        folderShas.set(folder, known);
      }
      return known;
    };
    const existing = new Set<string>();
    for (const path of paths) {
      const slash = path.lastIndexOf('/');
      const treeSha = await folderSha(slash === -1 ? '' : path.slice(0, slash));
      const name = path.slice(slash + 1);
      if (treeSha && (await listing(treeSha)).tree.some((entry) => entry.type === 'blob' && entry.path === name)) existing.add(path);
    }
    return { treeSha: whole.sha, existing };
  }

  type TreeEntry = { path: string; mode: '100644'; type: 'blob'; content?: string; sha?: null };

  /**
   * One commit on `head`: a tree of `entries` on top of `baseTree`, the commit, then a non-forced
   * ref update. False when the branch moved meanwhile (GitHub refuses the update): nothing changed.
   */
  async function commitOnHead(head: string, baseTree: string, entries: TreeEntry[], message: string, signal: AbortSignal): Promise<boolean> {
    const tree = await lane.run(() => octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: entries, request: { signal } }), signal);
    const commit = await lane.run(
      () =>
        octokit.rest.git.createCommit({
          owner,
          repo,
          message,
          tree: tree.data.sha,
          parents: [head],
          committer: { ...recordsCommitIdentity },
          author: { ...recordsCommitIdentity },
          request: { signal },
        }),
      signal,
    );
    try {
      await lane.run(() => octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false, request: { signal } }), signal);
      return true;
    } catch (error) {
      if (!isNotFastForward(httpFailure(error))) throw error;
      return false;
    }
  }

  /**
   * Commits the files not in the branch yet in one commit: tree (contents inline, on top of the
   * head's tree), commit, then a non-forced ref update. If the branch moved in between, GitHub
   * refuses the update and the batch is checked and built again on the new head, so a file
   * someone else created meanwhile is left as they wrote it.
   */
  async function commitBatch(files: readonly NewFile[], message: CommitMessage, signal: AbortSignal): Promise<CreateFilesResult> {
    const result: CreateFilesResult = { created: [], alreadyStored: [] };
    let pending = [...files];
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > retries + 2) throw new RecordsUnavailableError(`The branch of ${where} kept moving while ${pending.length} files were being committed.`);
      const head = await branchHead(signal);
      if (head === null) {
        // No commit to build on: the contents API creates the branch with the first file.
        const first = pending.shift()!;
        const { created } = await createOne(first.path, first.content, messageFor(message, [first]), signal);
        (created ? result.created : result.alreadyStored).push(first.path);
        continue;
      }
      const { treeSha, existing } = await existingIn(
        head,
        pending.map((file) => file.path),
        signal,
      );
      result.alreadyStored.push(...pending.filter((file) => existing.has(file.path)).map((file) => file.path));
      pending = pending.filter((file) => !existing.has(file.path));
      if (pending.length === 0) break;
      const entries = pending.map((file) => ({ path: file.path, mode: '100644' as const, type: 'blob' as const, content: file.content }));
      if (!(await commitOnHead(head, treeSha, entries, messageFor(message, pending), signal))) {
        log(`records: the branch moved while ${pending.length} files were being committed (422); building them again on the new head.`);
        continue;
      }
      result.created.push(...pending.map((file) => file.path));
      pending = [];
    }
    return result;
  }

  /**
   * commit()'s work, through the Git Data API like a batch: the head's blob shas for the paths
   * named, one tree on top of the head's (writes inline, deletes as entries with sha null), one
   * commit, one non-forced ref update. The branch moves only at that last step, so a failure
   * anywhere before it leaves the records exactly as they were; if the branch moved meanwhile,
   * the checks are made again on the new head.
   */
  async function commitChanges(changes: Changes, message: string, signal: AbortSignal): Promise<CommitResult> {
    const { writes, deletes } = checkChanges(changes, message);
    const paths = [...writes, ...deletes].map((change) => change.path);
    for (let attempt = 1; ; attempt += 1) {
      if (attempt > retries + 2) throw new RecordsUnavailableError(`The branch of ${where} kept moving while ${paths.length} changes were being committed.`);
      const head = await branchHead(signal);
      if (head === null) {
        if (writes.length > 0) throw new Error(`${where} has no commit yet; a first record is created one file at a time.`);
        return { written: [], deleted: [] };
      }
      const whole = await getTree(head, true, signal);
      const shas = new Map<string, string>();
      if (!whole.truncated) {
        const wanted = new Set(paths);
        for (const entry of whole.tree) if (entry.type === 'blob' && entry.path && entry.sha && wanted.has(entry.path)) shas.set(entry.path, entry.sha);
      } else {
        const { existing } = await existingIn(head, paths, signal);
        for (const file of await mapLimited([...existing], READ_CONCURRENCY, (path) => read(path, signal))) if (file) shas.set(file.path, file.sha);
      }
      const pending = pendingChanges(writes, deletes, (path) => shas.get(path));
      if ('conflict' in pending) throw new RecordsConflictError(pending.conflict);
      if (pending.writes.length === 0 && pending.deletes.length === 0) return { written: [], deleted: [] };
      const entries = [
        ...pending.writes.map((file) => ({ path: file.path, mode: '100644' as const, type: 'blob' as const, content: file.content })),
        ...pending.deletes.map((remove) => ({ path: remove.path, mode: '100644' as const, type: 'blob' as const, sha: null })),
      ];
      if (!(await commitOnHead(head, whole.sha, entries, message, signal))) {
        log(`records: the branch moved while ${paths.length} changes were being committed (422); checking them again on the new head.`);
        continue;
      }
      return {
        written: pending.writes.map((file) => ({ path: file.path, content: file.content, sha: gitBlobSha(Buffer.from(file.content, 'utf8')) })),
        deleted: pending.deletes.map((remove) => remove.path),
      };
    }
  }

  /**
   * Every file under `prefix` from the branch's tarball. GitHub's tarball puts each path under one
   * top folder (owner-repo-sha); git archive writes files as committed (records have no
   * .gitattributes), so each blob sha is computed from the bytes.
   */
  async function fromArchive(prefix: string, signal: AbortSignal): Promise<Map<string, StoredFile>> {
    const { data } = await octokit.rest.repos.downloadTarballArchive({
      owner,
      repo,
      ref: branch,
      // A whole repository takes longer than one small request: the operation's deadline bounds it.
      request: { signal, fetch: fetchWithTimeout(Math.max(requestTimeoutMs, deadlineMs)) },
    });
    const archive = new Uint8Array(await gunzipAsync(Buffer.from(data as ArrayBuffer)));
    const found = new Map<string, StoredFile>();
    for (const entry of await unpackTar(archive)) {
      if (entry.header.type !== 'file' || !entry.data) continue;
      const slash = entry.header.name.indexOf('/');
      const path = slash === -1 ? '' : entry.header.name.slice(slash + 1);
      if (path === '' || !path.startsWith(prefix)) continue;
      found.set(path, { path, content: Buffer.from(entry.data).toString('utf8'), sha: gitBlobSha(entry.data) });
    }
    return new Map(sortPaths(found.keys()).map((path) => [path, found.get(path)!]));
  }

  /** Every file under `prefix`, listed then read one by one (a few at a time). */
  async function fileByFile(prefix: string, signal: AbortSignal): Promise<Map<string, StoredFile>> {
    const paths = await pathsUnder(prefix, signal);
    const files = await mapLimited(paths, READ_CONCURRENCY, (path) => read(path, signal));
    return new Map(files.filter((file) => file !== null).map((file) => [file.path, file]));
  }

  /** Every file path under `prefix` in the branch, sorted; none while the repository is empty. */
  async function pathsUnder(prefix: string, signal: AbortSignal): Promise<string[]> {
    let root: TreeListing;
    try {
      root = await getTree(branch, true, signal);
    } catch (error) {
      if (isEmptyRepository(httpFailure(error))) return []; // no commit yet
      throw error;
    }
    if (!root.truncated) return sortPaths(root.tree.filter((entry) => entry.type === 'blob' && entry.path?.startsWith(prefix)).map((entry) => entry.path!));
    // Too many files for one listing (GitHub cuts at 100,000 entries): walk down to the folder.
    let treeSha = root.sha;
    for (const segment of prefix.split('/').filter(Boolean)) {
      const level = await getTree(treeSha, false, signal);
      const folderEntry = level.tree.find((entry) => entry.type === 'tree' && entry.path === segment);
      if (!folderEntry?.sha) return [];
      treeSha = folderEntry.sha;
    }
    return sortPaths(await blobsUnder(treeSha, prefix, signal, prefix === '' ? root : undefined));
  }

  return {
    description: `GitHub repository ${where}`,
    foldersComeWithEverything: true,

    webUrl(path) {
      return `${webOrigin(options.baseUrl)}/${owner}/${repo}/blob/${encodeURIComponent(branch)}/${path.split('/').map(encodeURIComponent).join('/')}`;
    },

    async createFile(path, content, message) {
      checkRecordPath(path);
      checkCommitMessage(message);
      return withinDeadline(`create ${path}`, (signal) => createOne(path, content, message, signal));
    },

    async createFiles(files, message) {
      if (typeof message === 'string') checkCommitMessage(message);
      const { unique, repeated } = distinctNewFiles(files);
      const result: CreateFilesResult = { created: [], alreadyStored: [] };
      for (const batch of inChunks(unique, maxFilesPerCommit)) {
        const done = await withinDeadline(`create ${batch.length} files (${batch[0]!.path} ...)`, (signal) => commitBatch(batch, message, signal));
        result.created.push(...done.created);
        result.alreadyStored.push(...done.alreadyStored);
      }
      result.alreadyStored.push(...repeated);
      return result;
    },

    async readFile(path) {
      checkRecordPath(path);
      return withinDeadline(`read ${path}`, (signal) => read(path, signal));
    },

    async writeFile(path, content, message, expectedSha) {
      checkRecordPath(path);
      checkCommitMessage(message);
      return withinDeadline(`write ${path}`, async (signal) => {
        try {
          return await put(path, content, message, expectedSha ?? undefined, signal);
        } catch (error) {
          const failure = httpFailure(error);
          if (isShaNotSupplied(failure)) throw new RecordsConflictError(`${path} already exists.`);
          if (isShaMismatch(failure)) throw new RecordsConflictError(`${path} changed since it was read.`);
          throw error;
        }
      });
    },

    async commit(changes, message) {
      checkChanges(changes, message);
      const count = (changes.writes?.length ?? 0) + (changes.deletes?.length ?? 0);
      return withinDeadline(`commit ${count} changes`, (signal) => commitChanges(changes, message, signal));
    },

    async readFolder(folder) {
      const prefix = folderPrefix(folder);
      return withinDeadline(`read ${prefix || '/'}`, async (signal) => {
        try {
          return await fromArchive(prefix, signal);
        } catch (error) {
          if (signal.aborted) throw error;
          const failure = httpFailure(error);
          // A refused token or repository fails the same way file by file: say so at once.
          if (failure && (failure.status === 401 || (failure.status === 403 && !isRateLimited(failure)))) throw error;
          log(
            `records: the archive of ${where} could not be read (${failure ? failure.status : error instanceof Error ? error.name : 'error'}); reading ${prefix || '/'} file by file.`,
          );
        }
        return fileByFile(prefix, signal);
      });
    },

    async listFiles(folder) {
      const prefix = folderPrefix(folder);
      return withinDeadline(`list ${prefix || '/'}`, (signal) => pathsUnder(prefix, signal));
    },
  };
}
