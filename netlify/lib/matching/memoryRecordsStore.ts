import { createHash } from 'node:crypto';
import { checkChanges, checkCommitMessage, checkRecordPath, distinctNewFiles, folderPrefix, inChunks, messageFor, pendingChanges, sortPaths } from '../records/recordPaths.ts';
import { MAX_FILES_PER_COMMIT, RecordsConflictError, type CreateFilesResult, type RecordsStore, type StoredFile } from '../records/recordsStore.ts';

/**
 * An in-memory RecordsStore for the matching tests: the same contract as the real adapters
 * (memoryRecordsStore.test.ts runs the shared contract suite on it), with every commit kept so a
 * test can check that an action made exactly one.
 */
export interface MemoryRecordsStore extends RecordsStore {
  /** Every commit so far, oldest first, with the (first) path it changed; a batch commit lists all in `paths`. */
  readonly commits: ReadonlyArray<{ message: string; path: string; paths?: string[] }>;
}

/** Git's blob sha of a text, as both real adapters report it. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function createMemoryRecordsStore(initial: Record<string, string> = {}): MemoryRecordsStore {
  const files = new Map<string, StoredFile>();
  const commits: Array<{ message: string; path: string; paths?: string[] }> = [];
  for (const [path, content] of Object.entries(initial)) files.set(checkRecordPath(path), { path, content, sha: blobSha(content) });

  const commit = (path: string, content: string, message: string): StoredFile => {
    const file = { path, content, sha: blobSha(content) };
    files.set(path, file);
    commits.push({ message, path });
    return { ...file };
  };

  return {
    description: 'an in-memory records store (tests)',
    commits,
    async createFile(path, content, message) {
      checkRecordPath(path);
      checkCommitMessage(message);
      const existing = files.get(path);
      if (existing) return { created: false, file: { ...existing } };
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
        for (const file of fresh) files.set(file.path, { path: file.path, content: file.content, sha: blobSha(file.content) });
        commits.push({ message: text, path: fresh[0]!.path, paths: fresh.map((file) => file.path) });
        result.created.push(...fresh.map((file) => file.path));
      }
      result.alreadyStored.push(...repeated);
      return result;
    },
    async readFile(path) {
      checkRecordPath(path);
      const file = files.get(path);
      return file ? { ...file } : null;
    },
    async writeFile(path, content, message, expectedSha) {
      checkRecordPath(path);
      checkCommitMessage(message);
      const current = files.get(path)?.sha ?? null;
      if (current !== expectedSha) throw new RecordsConflictError(`${path} changed since it was read.`);
      return commit(path, content, message);
    },
    async commit(changes, message) {
      const checked = checkChanges(changes, message);
      const pending = pendingChanges(checked.writes, checked.deletes, (path) => files.get(path)?.sha);
      if ('conflict' in pending) throw new RecordsConflictError(pending.conflict);
      if (pending.writes.length === 0 && pending.deletes.length === 0) return { written: [], deleted: [] };
      const written = pending.writes.map((file) => ({ path: file.path, content: file.content, sha: blobSha(file.content) }));
      for (const file of written) files.set(file.path, file);
      const deleted = pending.deletes.map((remove) => remove.path);
      for (const path of deleted) files.delete(path);
      const paths = [...written.map((file) => file.path), ...deleted];
      commits.push({ message, path: paths[0]!, paths });
      return { written: written.map((file) => ({ ...file })), deleted };
    },
    async readFolder(folder) {
      const prefix = folderPrefix(folder);
      const paths = sortPaths([...files.keys()].filter((path) => path.startsWith(prefix)));
      return new Map(paths.map((path) => [path, { ...files.get(path)! }]));
    },
    async listFiles(folder) {
      const prefix = folderPrefix(folder);
      return sortPaths([...files.keys()].filter((path) => path.startsWith(prefix)));
    },
  };
}
