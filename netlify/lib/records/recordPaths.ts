import type { Changes, CommitMessage, FileDelete, FileWrite, NewFile } from './ports.ts';

/**
 * Checks a record path before either adapter touches it. Paths are built by the services from
 * server-side values, so a bad one is a bug: refuse it loudly rather than write outside the
 * records layout (or into .git).
 */
export function checkRecordPath(path: string): string {
  const segments = path.split('/');
  const bad =
    path === '' ||
    path.length > 1024 ||
    /[\u0000-\u001f\u007f\\]/.test(path) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.toLowerCase() === '.git');
  if (bad) throw new Error(`Not a valid record path: ${JSON.stringify(path)}`);
  return path;
}

/** The prefix that every file under `folder` starts with ('' for the whole repository). */
export function folderPrefix(folder: string): string {
  const trimmed = folder.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${checkRecordPath(trimmed)}/`;
}

/** Both adapters sort listings the same way (UTF-16 code unit order, as Array#sort does). */
export function sortPaths(paths: Iterable<string>): string[] {
  return [...paths].sort();
}

/** The message of a createFiles commit holding `files` (checked like any other). */
export function messageFor(message: CommitMessage, files: readonly NewFile[]): string {
  return checkCommitMessage(typeof message === 'string' ? message : message(files));
}

/** A commit needs a message; refuse an empty one the same way on both adapters. */
export function checkCommitMessage(message: string): string {
  if (message.trim() === '') throw new Error('A records commit needs a message.');
  return message;
}

/**
 * Checks every path of a createFiles list before anything is written. A path given twice is
 * created once, from its first content; the repeats are reported as already stored.
 */
export function distinctNewFiles<File extends { path: string }>(files: readonly File[]): { unique: File[]; repeated: string[] } {
  const seen = new Set<string>();
  const unique: File[] = [];
  const repeated: string[] = [];
  for (const file of files) {
    checkRecordPath(file.path);
    if (seen.has(file.path)) repeated.push(file.path);
    else unique.push(file);
    seen.add(file.path);
  }
  return { unique, repeated };
}

/** Splits a list into runs of at most `size` (the last may be shorter). */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new Error(`A chunk size must be at least 1, not ${size}.`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** Checks a commit()'s paths and message before anything is read: each path valid, and named once. */
export function checkChanges(changes: Changes, message: string): { writes: readonly FileWrite[]; deletes: readonly FileDelete[] } {
  checkCommitMessage(message);
  const writes = changes.writes ?? [];
  const deletes = changes.deletes ?? [];
  const seen = new Set<string>();
  for (const { path } of [...writes, ...deletes]) {
    checkRecordPath(path);
    if (seen.has(path)) throw new Error(`A commit names ${path} twice.`);
    seen.add(path);
  }
  return { writes, deletes };
}

/**
 * Which of the changes still apply to the files as they are now (`current`: path to sha, absent
 * when there is no such file): throws RecordsConflictError's message when an expected sha does
 * not hold, and leaves out deletes of files already gone.
 */
export function pendingChanges(
  writes: readonly FileWrite[],
  deletes: readonly FileDelete[],
  current: (path: string) => string | undefined,
): { conflict: string } | { writes: readonly FileWrite[]; deletes: readonly FileDelete[] } {
  for (const write of writes) {
    if (write.expectedSha === undefined) continue;
    const now = current(write.path) ?? null;
    if (now !== write.expectedSha)
      return { conflict: `${write.path} ${now === null ? 'does not exist' : write.expectedSha === null ? 'already exists' : 'changed since it was read'}.` };
  }
  for (const remove of deletes) {
    if (remove.expectedSha === undefined) continue;
    const now = current(remove.path);
    if (now !== remove.expectedSha) return { conflict: `${remove.path} ${now === undefined ? 'is already gone' : 'changed since it was read'}.` };
  }
  return { writes, deletes: deletes.filter((remove) => current(remove.path) !== undefined) };
}
