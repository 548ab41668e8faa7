import { createHash } from 'node:crypto';
import {
  checkChanges,
  checkCommitMessage,
  checkRecordPath,
  distinctNewFiles,
  folderPrefix,
  inChunks,
  messageFor,
  pendingChanges,
  sortPaths,
} from '../../../netlify/lib/records/recordPaths.ts';
import { MAX_FILES_PER_COMMIT, RecordsConflictError, type CreateFilesResult, type RecordsStore, type StoredFile } from '../../../netlify/lib/records/ports.ts';

/**
 * The one in-memory RecordsStore of the tests: the same contract as the real adapters
 * (memoryRecordsStore.test.ts runs the shared contract suite on it), with every commit and every
 * file written kept so a test can check what an action did, and writes that can be made to fail.
 * (Test support, imported only by tests; integration tests use the real adapters.)
 */
export interface MemoryRecordsStore extends RecordsStore {
  /** What the store holds, path to content; a test may change it directly. */
  readonly files: Map<string, string>;
  /** Every commit so far, oldest first, with the (first) path it changed; a batch commit lists all in `paths`. */
  readonly commits: ReadonlyArray<{ message: string; path: string; paths?: string[] }>;
  /** Every file written or deleted, in order, with its commit's message. */
  readonly writes: ReadonlyArray<{ path: string; message: string }>;
  /** Makes the next `count` writes to paths matching `pattern` throw `error` (a whole commit fails, as on GitHub). */
  failWrites(pattern: RegExp, error: Error, count?: number): void;
}

/** Git's blob sha of a text, as both real adapters report it. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function createMemoryRecordsStore(initial: Record<string, string> = {}): MemoryRecordsStore {
  const files = new Map<string, string>();
  const commits: Array<{ message: string; path: string; paths?: string[] }> = [];
  const writes: Array<{ path: string; message: string }> = [];
  const failures: Array<{ pattern: RegExp; error: Error; remaining: number }> = [];
  for (const [path, content] of Object.entries(initial)) files.set(checkRecordPath(path), content);

  const stored = (path: string): StoredFile | null => {
    const content = files.get(path);
    return content === undefined ? null : { path, content, sha: blobSha(content) };
  };
  const failIfAsked = (paths: readonly string[]) => {
    for (const path of paths) {
      const failure = failures.find((candidate) => candidate.remaining > 0 && candidate.pattern.test(path));
      if (failure) {
        failure.remaining -= 1;
        throw failure.error;
      }
    }
  };
  const commit = (path: string, content: string, message: string): StoredFile => {
    failIfAsked([path]);
    files.set(path, content);
    commits.push({ message, path });
    writes.push({ path, message });
    return stored(path)!;
  };

  return {
    description: 'records in memory',
    files,
    commits,
    writes,
    failWrites(pattern, error, count = 1) {
      failures.push({ pattern, error, remaining: count });
    },
    async createFile(path, content, message) {
      checkRecordPath(path);
      checkCommitMessage(message);
      const existing = stored(path);
      if (existing) return { created: false, file: existing };
      return { created: true, file: commit(path, content, message) };
    },
    async createFiles(newFiles, message) {
      if (typeof message === 'string') checkCommitMessage(message);
      const { unique, repeated } = distinctNewFiles(newFiles);
      const result: CreateFilesResult = { created: [], alreadyStored: [] };
      for (const batch of inChunks(unique, MAX_FILES_PER_COMMIT)) {
        const fresh = batch.filter((file) => !files.has(file.path));
        result.alreadyStored.push(...batch.filter((file) => files.has(file.path)).map((file) => file.path));
        if (fresh.length === 0) continue;
        const text = messageFor(message, fresh);
        failIfAsked(fresh.map((file) => file.path)); // all or nothing, like one commit
        for (const file of fresh) {
          files.set(file.path, file.content);
          writes.push({ path: file.path, message: text });
        }
        commits.push({ message: text, path: fresh[0]!.path, paths: fresh.map((file) => file.path) });
        result.created.push(...fresh.map((file) => file.path));
      }
      result.alreadyStored.push(...repeated);
      return result;
    },
    async readFile(path) {
      checkRecordPath(path);
      return stored(path);
    },
    async writeFile(path, content, message, expectedSha) {
      checkRecordPath(path);
      checkCommitMessage(message);
      const current = stored(path)?.sha ?? null;
      if (current !== expectedSha) throw new RecordsConflictError(`${path} changed since it was read.`);
      return commit(path, content, message);
    },
    async commit(changes, message) {
      const checked = checkChanges(changes, message);
      const pending = pendingChanges(checked.writes, checked.deletes, (path) => stored(path)?.sha);
      if ('conflict' in pending) throw new RecordsConflictError(pending.conflict);
      if (pending.writes.length === 0 && pending.deletes.length === 0) return { written: [], deleted: [] };
      const deleted = pending.deletes.map((remove) => remove.path);
      const paths = [...pending.writes.map((file) => file.path), ...deleted];
      failIfAsked(paths); // all or nothing, like one commit
      for (const file of pending.writes) files.set(file.path, file.content);
      for (const path of deleted) files.delete(path);
      for (const path of paths) writes.push({ path, message });
      commits.push({ message, path: paths[0]!, paths });
      return { written: pending.writes.map((file) => stored(file.path)!), deleted };
    },
    async readFolder(folder) {
      const prefix = folderPrefix(folder);
      const paths = sortPaths([...files.keys()].filter((path) => path.startsWith(prefix)));
      return new Map(paths.map((path) => [path, stored(path)!]));
    },
    async listFiles(folder) {
      const prefix = folderPrefix(folder);
      return sortPaths([...files.keys()].filter((path) => path.startsWith(prefix)));
    },
  };
}
