/**
 * Deleted records stay in the records repository's history: anyone who can read the repository
 * can still find an erased application in an old commit. This rewrites the history of a local
 * clone so that files deleted before a date are gone from every commit (git filter-repo, Debian's
 * package `git-filter-repo`), then, when asked, force-pushes the rewritten branches and tags.
 * docs/privacy.md says when to do it and GitHub's own checklist for what comes after.
 *
 * A file deleted before the date but present again on the records branch today (re-created) is
 * left alone: dropping its path would drop the current file too.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoDate } from '../../../src/schemas/primitives.ts';

export interface RewriteOptions {
  /** YYYY-MM-DD: files deleted by commits before this day (UTC) are dropped from history. */
  before: string;
  /** A clone of the records repository (`git clone --mirror` recommended). */
  clone: string;
  /** Force-push the rewritten branches and tags to the clone's origin afterwards. */
  push?: boolean;
  /** Say what would be dropped; change nothing. */
  dryRun?: boolean;
  /** Where progress goes (paths are record paths: ids, no names); default stderr. */
  log?: (line: string) => void;
}

export interface RewriteResult {
  /** Paths dropped from every commit (or that would be, in a dry run). */
  dropped: string[];
  /** Paths deleted before the date but present again today: kept. */
  kept: string[];
  /** Dropped paths still reachable from some ref afterwards (should be none). */
  stillReachable: string[];
  pushed: boolean;
}

export class RewriteError extends Error {
  override name = 'RewriteError';
}

function git(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return run('git', ['-C', dir, '-c', 'core.quotePath=false', ...args], env);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if ((error as { code?: unknown }).code === 'ENOENT') {
        return reject(new RewriteError(`${command} was not found. Install it (Debian: apt-get install git-filter-repo) and try again.`));
      }
      reject(
        new RewriteError(
          `${command} ${args
            .filter((arg) => !arg.startsWith('-c'))
            .slice(0, 4)
            .join(' ')} failed: ${stderr.trim() || error.message}`,
        ),
      );
    });
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

/** Every path deleted by a commit dated before `before`, split into those to drop and those present on the branch again now. */
export async function deletedBefore(clone: string, before: string): Promise<{ dropped: string[]; kept: string[] }> {
  const deleted = new Set(lines(await git(clone, ['log', '--all', '--diff-filter=D', '--name-only', '--format=', `--until=${before}T00:00:00Z`])));
  // The records live on the default branch (HEAD): what it holds now is current, whatever old
  // branches or tags still hold (they are rewritten too).
  const present = new Set(lines(await git(clone, ['ls-tree', '-r', '--name-only', 'HEAD'])));
  const all = [...deleted].sort();
  return { dropped: all.filter((path) => !present.has(path)), kept: all.filter((path) => present.has(path)) };
}

/** Paths among `paths` that some commit reachable from a ref still holds. */
export async function reachablePaths(repo: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const wanted = new Set(paths);
  const found = new Set<string>();
  for (const line of lines(await git(repo, ['rev-list', '--all', '--objects']))) {
    const space = line.indexOf(' ');
    if (space !== -1 && wanted.has(line.slice(space + 1))) found.add(line.slice(space + 1));
  }
  return [...found].sort();
}

export async function rewriteRecordsHistory(options: RewriteOptions): Promise<RewriteResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!isoDate.safeParse(options.before).success) throw new RewriteError(`--before needs a date written YYYY-MM-DD, not ${JSON.stringify(options.before)}.`);
  await git(options.clone, ['rev-parse', '--git-dir']).catch(() => {
    throw new RewriteError(`${options.clone} is not a git repository: clone the records repository there first (git clone --mirror <url> ${options.clone}).`);
  });
  const origin = options.push ? (await git(options.clone, ['remote', 'get-url', 'origin']).catch(() => '')).trim() : '';
  if (options.push && !origin) throw new RewriteError(`${options.clone} has no origin remote to push to.`);

  const { dropped, kept } = await deletedBefore(options.clone, options.before);
  log(
    `${dropped.length} file${dropped.length === 1 ? '' : 's'} deleted before ${options.before} will be dropped from every commit${kept.length ? `; ${kept.length} deleted then written again are kept` : ''}.`,
  );
  if (options.dryRun || dropped.length === 0) return { dropped, kept, stillReachable: [], pushed: false };

  const folder = await mkdtemp(join(tmpdir(), 'rewrite-records-'));
  try {
    const list = join(folder, 'paths.txt');
    await writeFile(list, `${dropped.join('\n')}\n`);
    // filter-repo refuses a clone that is not fresh (it protects work that is not pushed yet);
    // a fresh `git clone --mirror` passes. The origin's address was read before: it may remove it.
    await run('git', ['-C', options.clone, 'filter-repo', '--invert-paths', '--paths-from-file', list, '--replace-refs', 'delete-no-add']);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const stillReachable = await reachablePaths(options.clone, dropped);
  if (stillReachable.length > 0) throw new RewriteError(`After the rewrite ${stillReachable.length} dropped files are still in the history; nothing was pushed.`);
  log('The local history no longer holds them.');

  let pushed = false;
  if (options.push) {
    // To the address itself (a mirror clone's origin refuses refspecs), branches and tags only:
    // GitHub refuses pushes to its own pull request refs.
    await git(options.clone, ['push', '--force', origin, 'refs/heads/*:refs/heads/*', 'refs/tags/*:refs/tags/*']);
    pushed = true;
    log(`Pushed the rewritten branches and tags to ${origin.replace(/\/\/[^@/]*@/, '//')}.`);
  }
  return { dropped, kept, stillReachable, pushed };
}
