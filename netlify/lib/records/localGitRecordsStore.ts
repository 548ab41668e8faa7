/**
 * The records store over a git repository folder on this machine (RECORDS_DIR, default
 * .data/records): the default when RECORDS_REPO is unset. Same layout and same semantics as the
 * GitHub adapter (one commit per write, git blob shas, idempotent create), so what someone sees
 * locally is what the committee will see on GitHub.
 *
 * The branch head (HEAD) is the truth: reads and listings come from it, not from the working
 * tree. Writes from this process go one at a time; another git process holding the repository's
 * lock (index.lock) is waited for briefly. git runs through execFile, never a shell, with the
 * site's own commit identity, so a machine with no git identity configured works.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MAX_FILES_PER_COMMIT, RecordsConflictError, RecordsUnavailableError, type CreateFilesResult, type NewFile, type RecordsStore, type StoredFile } from './ports.ts';
import { checkChanges, checkCommitMessage, checkRecordPath, distinctNewFiles, folderPrefix, inChunks, messageFor, pendingChanges, sortPaths } from './recordPaths.ts';
import { recordsCommitIdentity } from './commitIdentity.ts';
import { sleep } from './abortableWait.ts';
import { WriteLane } from './writeLane.ts';

export interface LocalGitRecordsStoreOptions {
  /** The repository folder; created (git init, first commit) when missing. */
  dir: string;
  /** How long to keep retrying while another git process holds the repository's lock; default 5,000 ms. */
  lockWaitMs?: number;
  /** Where lock waits are reported; default console.warn. */
  log?: (message: string) => void;
}

class GitFailure extends Error {
  override name = 'GitFailure';
  readonly exitCode: number | string | undefined;
  readonly stderr: string;
  constructor(message: string, exitCode: number | string | undefined, stderr: string) {
    super(message);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

/** Variables that would point git at another repository or index than the one we name. */
const REDIRECTING_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of REDIRECTING_VARIABLES) delete env[name];
  return {
    ...env,
    GIT_AUTHOR_NAME: recordsCommitIdentity.name,
    GIT_AUTHOR_EMAIL: recordsCommitIdentity.email,
    GIT_COMMITTER_NAME: recordsCommitIdentity.name,
    GIT_COMMITTER_EMAIL: recordsCommitIdentity.email,
    GIT_TERMINAL_PROMPT: '0',
  };
}

/** What `git hash-object` answers for these bytes. */
const gitBlobSha = (bytes: Buffer) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

const isLockContention = (failure: GitFailure) => /index\.lock|\.lock': File exists|cannot lock ref|Unable to create .*\.lock/i.test(failure.stderr);

export function createLocalGitRecordsStore(options: LocalGitRecordsStoreOptions): RecordsStore {
  const dir = resolve(options.dir);
  const lockWaitMs = options.lockWaitMs ?? 5_000;
  const log = options.log ?? ((message: string) => console.warn(message));
  const lane = new WriteLane();
  let ready: Promise<void> | undefined;

  function git(args: string[], input?: Buffer): Promise<Buffer> {
    const fullArgs = ['-C', dir, '--literal-pathspecs', '-c', 'core.quotePath=false', '-c', 'core.autocrlf=false', '-c', 'commit.gpgSign=false', ...args];
    return new Promise((resolvePromise, reject) => {
      const child = execFile('git', fullArgs, { env: gitEnvironment(), encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout);
        if ((error as { code?: unknown }).code === 'ENOENT') {
          return reject(new Error('The local records store runs git, and no git was found on the PATH: install git, or set RECORDS_REPO.'));
        }
        const text = stderr.toString('utf8').trim();
        reject(new GitFailure(`git ${args[0]} failed in ${dir}: ${text || error.message}`, (error as { code?: number | string }).code, text));
      });
      child.stdin?.end(input);
    });
  }

  /** Runs a git command that takes the repository's lock, waiting while another process holds it. */
  async function gitWithLock(args: string[]): Promise<Buffer> {
    const giveUpAt = Date.now() + lockWaitMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await git(args);
      } catch (error) {
        if (!(error instanceof GitFailure) || !isLockContention(error)) throw error;
        if (Date.now() >= giveUpAt) {
          throw new RecordsUnavailableError(
            `Another git process has held the records repository's lock for ${lockWaitMs} ms (${join(dir, '.git', 'index.lock')}); ` +
              'try again, or remove that file if no git process is running.',
          );
        }
        if (attempt === 1) log(`records: waiting for another git process to release the lock in ${dir}.`);
        await sleep(Math.min(25 * attempt, 200, Math.max(0, giveUpAt - Date.now())));
      }
    }
  }

  async function initialise(): Promise<void> {
    await mkdir(dir, { recursive: true });
    // Look for this folder's own .git: the folder may sit inside another repository (the site's).
    const isRepository = await access(join(dir, '.git')).then(
      () => true,
      () => false,
    );
    if (!isRepository) {
      await git(['init', '-q', '-b', 'main']);
      await git(['config', 'user.name', recordsCommitIdentity.name]);
      await git(['config', 'user.email', recordsCommitIdentity.email]);
    }
    const hasCommit =
      isRepository &&
      (await git(['rev-parse', '-q', '--verify', 'HEAD']).then(
        () => true,
        () => false,
      ));
    if (!hasCommit) await gitWithLock(['commit', '-q', '--no-verify', '--allow-empty', '--message=Start the records repository']);
  }

  function ensureRepository(): Promise<void> {
    ready ??= initialise().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  }

  /** The entry at `path` in HEAD: a blob (file) or a tree (folder), or null. */
  async function headEntry(path: string): Promise<{ type: string; sha: string } | null> {
    const line = (await git(['ls-tree', '-z', 'HEAD', '--', path])).toString('utf8').split('\0')[0] ?? '';
    const found = /^\d+ (\w+) ([0-9a-f]+)\t/.exec(line);
    return found ? { type: found[1]!, sha: found[2]! } : null;
  }

  async function readBlob(path: string, sha: string): Promise<StoredFile> {
    return { path, content: (await git(['cat-file', 'blob', sha])).toString('utf8'), sha };
  }

  async function currentFile(path: string): Promise<{ sha: string } | null> {
    const entry = await headEntry(path);
    if (entry && entry.type !== 'blob') throw new Error(`${path} is a folder in the records repository, not a file.`);
    return entry;
  }

  /**
   * Writes the file and commits that path alone (other changes in the folder stay out). Each git
   * call costs a process start, so the blob sha is computed here: with no line-ending conversion
   * (core.autocrlf off) it is exactly the sha git stores for these bytes.
   */
  async function commitFile(path: string, content: string, message: string, tracked: boolean): Promise<StoredFile> {
    const absolute = join(dir, ...path.split('/'));
    const bytes = Buffer.from(content, 'utf8');
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, bytes);
    if (!tracked) await gitWithLock(['add', '--', path]);
    await gitWithLock(['commit', '-q', '--no-verify', '--allow-empty', `--message=${message}`, '--', path]);
    return { path, content, sha: gitBlobSha(bytes) };
  }

  /** Which of `paths` are files in HEAD (one git call); a path that is a folder is refused. */
  async function filesInHead(paths: readonly string[]): Promise<Set<string>> {
    const listing = (await git(['ls-tree', '-z', 'HEAD', '--', ...paths])).toString('utf8');
    const wanted = new Set(paths);
    const present = new Set<string>();
    for (const line of listing.split('\0')) {
      const found = /^\d+ (\w+) [0-9a-f]+\t(.*)$/s.exec(line);
      if (!found || !wanted.has(found[2]!)) continue;
      if (found[1] !== 'blob') throw new Error(`${found[2]} is a folder in the records repository, not a file.`);
      present.add(found[2]!);
    }
    return present;
  }

  /** The blob sha of each of `paths` that is a file in HEAD (one git call). */
  async function shasInHead(paths: readonly string[]): Promise<Map<string, string>> {
    const shas = new Map<string, string>();
    if (paths.length === 0) return shas;
    const wanted = new Set(paths);
    for (const line of (await git(['ls-tree', '-z', 'HEAD', '--', ...paths])).toString('utf8').split('\0')) {
      const found = /^\d+ (\w+) ([0-9a-f]+)\t(.*)$/s.exec(line);
      if (found && found[1] === 'blob' && wanted.has(found[3]!)) shas.set(found[3]!, found[2]!);
    }
    return shas;
  }

  /** Writes new files and commits exactly those paths, in one commit. */
  async function commitNewFiles(files: readonly NewFile[], message: string): Promise<void> {
    for (const file of files) {
      const absolute = join(dir, ...file.path.split('/'));
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, Buffer.from(file.content, 'utf8'));
    }
    const paths = files.map((file) => file.path);
    await gitWithLock(['add', '--', ...paths]);
    await gitWithLock(['commit', '-q', '--no-verify', '--allow-empty', `--message=${message}`, '--', ...paths]);
  }

  return {
    description: `local git repository at ${dir}`,

    async createFile(path, content, message) {
      checkRecordPath(path);
      checkCommitMessage(message);
      await ensureRepository();
      return lane.run(async () => {
        const existing = await currentFile(path);
        if (existing) return { created: false, file: await readBlob(path, existing.sha) };
        return { created: true, file: await commitFile(path, content, message, false) };
      });
    },

    async createFiles(files, message) {
      if (typeof message === 'string') checkCommitMessage(message);
      const { unique, repeated } = distinctNewFiles(files);
      const result: CreateFilesResult = { created: [], alreadyStored: [] };
      if (unique.length > 0) await ensureRepository();
      for (const batch of inChunks(unique, MAX_FILES_PER_COMMIT)) {
        await lane.run(async () => {
          const present = await filesInHead(batch.map((file) => file.path));
          const fresh = batch.filter((file) => !present.has(file.path));
          result.alreadyStored.push(...batch.filter((file) => present.has(file.path)).map((file) => file.path));
          if (fresh.length === 0) return;
          await commitNewFiles(fresh, messageFor(message, fresh));
          result.created.push(...fresh.map((file) => file.path));
        });
      }
      result.alreadyStored.push(...repeated);
      return result;
    },

    async readFile(path) {
      checkRecordPath(path);
      await ensureRepository();
      const entry = await headEntry(path);
      return entry?.type === 'blob' ? readBlob(path, entry.sha) : null;
    },

    async writeFile(path, content, message, expectedSha) {
      checkRecordPath(path);
      checkCommitMessage(message);
      await ensureRepository();
      return lane.run(async () => {
        const current = await currentFile(path);
        if ((current?.sha ?? null) !== expectedSha) {
          const why = !current ? 'does not exist' : expectedSha === null ? 'already exists' : 'changed since it was read';
          throw new RecordsConflictError(`${path} ${why}.`);
        }
        return commitFile(path, content, message, current !== null);
      });
    },

    async commit(changes, message) {
      const checked = checkChanges(changes, message);
      await ensureRepository();
      return lane.run(async () => {
        const shas = await shasInHead([...checked.writes, ...checked.deletes].map((change) => change.path));
        const pending = pendingChanges(checked.writes, checked.deletes, (path) => shas.get(path));
        if ('conflict' in pending) throw new RecordsConflictError(pending.conflict);
        if (pending.writes.length === 0 && pending.deletes.length === 0) return { written: [], deleted: [] };
        const written: StoredFile[] = [];
        for (const file of pending.writes) {
          const absolute = join(dir, ...file.path.split('/'));
          const bytes = Buffer.from(file.content, 'utf8');
          await mkdir(dirname(absolute), { recursive: true });
          await writeFile(absolute, bytes);
          written.push({ path: file.path, content: file.content, sha: gitBlobSha(bytes) });
        }
        const deleted = pending.deletes.map((remove) => remove.path);
        // Working tree and index first, then one commit of exactly these paths: if git fails before
        // the commit, HEAD (the truth every read comes from) has not moved.
        for (const path of deleted) await rm(join(dir, ...path.split('/')), { force: true });
        if (deleted.length > 0) await gitWithLock(['rm', '-q', '--cached', '--ignore-unmatch', '--', ...deleted]);
        if (written.length > 0) await gitWithLock(['add', '--', ...written.map((file) => file.path)]);
        await gitWithLock(['commit', '-q', '--no-verify', '--allow-empty', `--message=${message}`, '--', ...written.map((file) => file.path), ...deleted]);
        return { written, deleted };
      });
    },

    async readFolder(folder) {
      const prefix = folderPrefix(folder);
      await ensureRepository();
      // Paths and blob shas from HEAD, then every blob through one `git cat-file --batch`.
      const listing = (await git(['ls-tree', '-r', '-z', 'HEAD', ...(prefix ? ['--', prefix.slice(0, -1)] : [])])).toString('utf8');
      const entries = listing
        .split('\0')
        .map((line) => /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line))
        .filter((found): found is RegExpExecArray => found !== null && found[2]!.startsWith(prefix))
        .map((found) => ({ sha: found[1]!, path: found[2]! }));
      const files = new Map<string, StoredFile>();
      if (entries.length === 0) return files;
      const output = await git(['cat-file', '--batch'], Buffer.from(entries.map((entry) => `${entry.sha}\n`).join('')));
      let offset = 0;
      const contents = new Map<string, string>();
      while (offset < output.length) {
        const headerEnd = output.indexOf(0x0a, offset);
        const [sha, , size] = output.subarray(offset, headerEnd).toString('utf8').split(' ');
        const length = Number(size);
        contents.set(sha!, output.subarray(headerEnd + 1, headerEnd + 1 + length).toString('utf8'));
        offset = headerEnd + 1 + length + 1;
      }
      const shaOf = new Map(entries.map((entry) => [entry.path, entry.sha]));
      for (const path of sortPaths(shaOf.keys())) {
        const sha = shaOf.get(path)!;
        files.set(path, { path, content: contents.get(sha)!, sha });
      }
      return files;
    },

    async listFiles(folder) {
      const prefix = folderPrefix(folder);
      await ensureRepository();
      const listing = (await git(['ls-tree', '-r', '-z', '--name-only', 'HEAD'])).toString('utf8');
      return sortPaths(listing.split('\0').filter((path) => path !== '' && path.startsWith(prefix)));
    },
  };
}
