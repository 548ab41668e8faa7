/**
 * A records store held in memory, with the port's semantics (compare-and-swap writes, idempotent
 * create, sorted listings), for the mailing services' unit tests. Integration tests use the
 * GitHub adapter against the local GitHub server instead.
 */
import { createHash } from 'node:crypto';
import { RecordsConflictError, type RecordsStore, type StoredFile } from '../../../netlify/lib/records/recordsStore.ts';

export interface MemoryRecordsStore extends RecordsStore {
  files: Map<string, string>;
  /** Every write, in order: path and commit message. */
  writes: Array<{ path: string; message: string }>;
  /** Makes the next `count` writes to paths matching `pattern` throw this error. */
  failWrites(pattern: RegExp, error: Error, count?: number): void;
}

const sha = (content: string) => createHash('sha1').update(content).digest('hex');

export function createMemoryRecordsStore(initial: Record<string, string> = {}): MemoryRecordsStore {
  const files = new Map(Object.entries(initial));
  const writes: MemoryRecordsStore['writes'] = [];
  const failures: Array<{ pattern: RegExp; error: Error; remaining: number }> = [];
  const stored = (path: string): StoredFile | null => {
    const content = files.get(path);
    return content === undefined ? null : { path, content, sha: sha(content) };
  };
  const failIfAsked = (path: string) => {
    const failure = failures.find((candidate) => candidate.remaining > 0 && candidate.pattern.test(path));
    if (failure) {
      failure.remaining -= 1;
      throw failure.error;
    }
  };
  return {
    description: 'records in memory',
    files,
    writes,
    failWrites(pattern, error, count = 1) {
      failures.push({ pattern, error, remaining: count });
    },
    async createFile(path, content, message) {
      const existing = stored(path);
      if (existing) return { created: false, file: existing };
      failIfAsked(path);
      files.set(path, content);
      writes.push({ path, message });
      return { created: true, file: stored(path)! };
    },
    async createFiles(newFiles, message) {
      const result = { created: [] as string[], alreadyStored: [] as string[] };
      const fresh = newFiles.filter((file, index) => !files.has(file.path) && newFiles.findIndex((other) => other.path === file.path) === index);
      for (const file of newFiles) if (!fresh.includes(file)) result.alreadyStored.push(file.path);
      for (const file of fresh) failIfAsked(file.path); // all or nothing, like one commit
      const text = typeof message === 'string' ? message : message(fresh);
      for (const file of fresh) {
        files.set(file.path, file.content);
        writes.push({ path: file.path, message: text });
        result.created.push(file.path);
      }
      return result;
    },
    async readFile(path) {
      return stored(path);
    },
    async writeFile(path, content, message, expectedSha) {
      const current = stored(path);
      if ((current?.sha ?? null) !== expectedSha) throw new RecordsConflictError(`${path} changed since it was read.`);
      failIfAsked(path);
      files.set(path, content);
      writes.push({ path, message });
      return stored(path)!;
    },
    async commit(changes, message) {
      const writesIn = changes.writes ?? [];
      const deletesIn = changes.deletes ?? [];
      for (const write of writesIn) {
        if (write.expectedSha !== undefined && (stored(write.path)?.sha ?? null) !== write.expectedSha) throw new RecordsConflictError(`${write.path} changed since it was read.`);
      }
      for (const remove of deletesIn) {
        if (remove.expectedSha !== undefined && stored(remove.path)?.sha !== remove.expectedSha) throw new RecordsConflictError(`${remove.path} changed since it was read.`);
      }
      const deletes = deletesIn.filter((remove) => files.has(remove.path));
      for (const change of [...writesIn, ...deletes]) failIfAsked(change.path); // all or nothing, like one commit
      for (const write of writesIn) {
        files.set(write.path, write.content);
        writes.push({ path: write.path, message });
      }
      for (const remove of deletes) {
        files.delete(remove.path);
        writes.push({ path: remove.path, message });
      }
      return { written: writesIn.map((write) => stored(write.path)!), deleted: deletes.map((remove) => remove.path) };
    },
    async readFolder(folder) {
      const prefix = `${folder.replace(/\/+$/, '')}/`;
      const paths = [...files.keys()].filter((path) => path.startsWith(prefix)).sort();
      return new Map(paths.map((path) => [path, stored(path)!]));
    },
    async listFiles(folder) {
      const prefix = `${folder.replace(/\/+$/, '')}/`;
      return [...files.keys()].filter((path) => path.startsWith(prefix)).sort();
    },
  };
}
