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

/** A commit needs a message; refuse an empty one the same way on both adapters. */
export function checkCommitMessage(message: string): string {
  if (message.trim() === '') throw new Error('A records commit needs a message.');
  return message;
}
