/**
 * The records store port: the private records repository as the services see it. Two adapters
 * implement it: GitHub (Octokit, production) and a local git repository (the default locally).
 * Every write is one commit. Paths are built by the services from server-side values only.
 */
export interface StoredFile {
  path: string;
  /** UTF-8 text of the file. */
  content: string;
  /** Git blob sha; pass it back to writeFile to replace exactly this version. */
  sha: string;
}

/** A file to create, for createFiles. */
export interface NewFile {
  path: string;
  /** UTF-8 text of the file. */
  content: string;
}

/** What createFiles did with each path, in the order given. */
export interface CreateFilesResult {
  /** Paths this call committed. */
  created: string[];
  /** Paths that already existed (or came twice in the list): left exactly as they were. */
  alreadyStored: string[];
}

/** A commit message, or one made from the files the commit holds. */
export type CommitMessage = string | ((files: readonly NewFile[]) => string);

/** The most files one createFiles commit holds; a longer list is split into several commits. */
export const MAX_FILES_PER_COMMIT = 100;

/** A file commit() writes: created or replaced, only if it is still at `expectedSha` when given (null: only if absent). */
export interface FileWrite {
  path: string;
  /** UTF-8 text of the file. */
  content: string;
  /** The sha it was read at (null: it must not exist yet); leave out to write whatever is there. */
  expectedSha?: string | null;
}

/** A file commit() removes, only if it is still at `expectedSha` when given; an absent file is skipped. */
export interface FileDelete {
  path: string;
  expectedSha?: string;
}

/** What one commit() changes: any number of writes and deletes, together. */
export interface Changes {
  writes?: readonly FileWrite[];
  deletes?: readonly FileDelete[];
}

/** What commit() did: the files written (with their new shas) and the paths removed. */
export interface CommitResult {
  written: StoredFile[];
  deleted: string[];
}

export interface RecordsStore {
  /** For logs and messages: where records go (never includes a secret). */
  readonly description: string;
  /**
   * The address at which a committee member opens a file in a browser (GitHub's page of the
   * file), when the store has one; the local stores have none.
   */
  webUrl?(path: string): string;
  /**
   * True when a folder read costs as much as reading every record (GitHub's: one archive of the
   * whole repository), so a reader of several folders does better to read the root once.
   */
  readonly foldersComeWithEverything?: boolean;
  /**
   * Creates a file in one commit. When the path already exists the store is left unchanged and
   * the existing file is returned with created: false (so a replayed submission is idempotent).
   */
  createFile(path: string, content: string, message: string): Promise<{ created: boolean; file: StoredFile }>;
  /**
   * Creates many files with createFile's create-only semantics, in ONE commit per
   * MAX_FILES_PER_COMMIT files (none when every path exists). Existing paths are left untouched
   * and reported in alreadyStored; a path given twice is created once (the first content).
   * Either a commit lands whole or not at all; when a long list fails part way, the commits
   * already made stay, and a replay reports their files as alreadyStored. `message` may be a
   * function of the files a commit actually holds (so its history names only those).
   */
  createFiles(files: readonly NewFile[], message: CommitMessage): Promise<CreateFilesResult>;
  /** Reads a file, or null when there is none. */
  readFile(path: string): Promise<StoredFile | null>;
  /**
   * Creates or replaces a file in one commit, only if it is still at `expectedSha` (null: only if
   * it does not exist yet). Otherwise throws RecordsConflictError, and the caller re-reads.
   */
  writeFile(path: string, content: string, message: string, expectedSha: string | null): Promise<StoredFile>;
  /**
   * Writes and deletes files in ONE commit, however many (an erasure, the end of a year's
   * retention): either all of it lands or none of it. A path whose sha is not the expected one
   * throws RecordsConflictError before anything is written; a delete of a file that is not there
   * (with no expected sha) is skipped; no change at all makes no commit. A path in both lists, or
   * twice in one, is refused.
   */
  commit(changes: Changes, message: string): Promise<CommitResult>;
  /** Every file path under a folder, recursively, sorted. An absent folder lists nothing. */
  listFiles(folder: string): Promise<string[]>;
  /**
   * Every file under a folder, recursively, with its content and sha, keyed by path in sorted
   * order; an absent folder gives an empty map. In bulk, for readers of many files (a year's
   * applications): a constant number of requests on GitHub, not one per file.
   */
  readFolder(folder: string): Promise<Map<string, StoredFile>>;
}

/** The file changed since it was read (or exists when it should not). */
export class RecordsConflictError extends Error {
  override name = 'RecordsConflictError';
}

/**
 * The store could not be reached within the retry and time budget (down, slow, rate limited).
 * Nothing was written; the caller may hold the record and try later.
 */
export class RecordsUnavailableError extends Error {
  override name = 'RecordsUnavailableError';
}
