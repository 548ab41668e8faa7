/**
 * The history rewrite against a throwaway bare repository standing in for GitHub: files deleted
 * before the date are reachable from no ref afterwards, in the clone and in the pushed remote;
 * files deleted later, re-created ones and current ones stay. Needs git-filter-repo (CI installs it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deletedBefore, reachablePaths, rewriteRecordsHistory } from './rewriteHistory.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function git(dir: string, args: string[], date?: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  const dated = date ? { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` } : {};
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...env, ...dated } });
}

function throwawayRecords() {
  const root = mkdtempSync(join(tmpdir(), 'rewrite-history-'));
  folders.push(root);
  const remote = join(root, 'records.git');
  const work = join(root, 'work');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  execFileSync('git', ['init', '-q', '-b', 'main', work]);
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), content);
    git(work, ['add', path]);
  };
  const commit = (message: string, date: string) => git(work, ['commit', '-q', '-m', message], date);
  write('applications/2024-2025/mentee/erased.json', '{"name":"Erased Person"}');
  write('applications/2024-2025/mentor/expired.json', '{"name":"Expired Person"}');
  write('applications/2024-2025/mentor/later.json', '{"name":"Later Person"}');
  write('messages/2024-2025/again.json', '{"v":1}');
  write('reports/2024-2025-summary.json', '{"applications":3}');
  commit('Add records', '2025-01-10');
  git(work, ['rm', '-q', 'applications/2024-2025/mentee/erased.json', 'messages/2024-2025/again.json']);
  commit('Erase a person', '2025-02-01');
  write('messages/2024-2025/again.json', '{"v":2}');
  commit('Write it again', '2025-02-10');
  git(work, ['rm', '-q', 'applications/2024-2025/mentor/expired.json']);
  commit('Retention', '2025-03-01');
  git(work, ['tag', 'before-rewrite']);
  git(work, ['rm', '-q', 'applications/2024-2025/mentor/later.json']);
  commit('Erase later', '2025-06-01');
  git(work, ['branch', 'old-branch', 'HEAD~2']);
  git(work, ['push', '-q', remote, 'refs/heads/*:refs/heads/*', 'refs/tags/*:refs/tags/*']);
  const clone = join(root, 'clone.git');
  execFileSync('git', ['clone', '-q', '--mirror', `file://${remote}`, clone]);
  return { remote, clone };
}

describe('rewriting the records history', () => {
  it('drops files deleted before the date from every ref, locally and on the remote, and keeps the rest', async () => {
    const { remote, clone } = throwawayRecords();
    const gone = ['applications/2024-2025/mentee/erased.json', 'applications/2024-2025/mentor/expired.json'];
    expect(await reachablePaths(remote, gone)).toEqual(gone);
    expect(await deletedBefore(clone, '2025-04-01')).toEqual({ dropped: gone, kept: ['messages/2024-2025/again.json'] });

    const dry = await rewriteRecordsHistory({ before: '2025-04-01', clone, dryRun: true, log: () => {} });
    expect(dry.dropped).toEqual(gone);
    expect(await reachablePaths(clone, gone)).toEqual(gone);

    const result = await rewriteRecordsHistory({ before: '2025-04-01', clone, push: true, log: () => {} });
    expect(result).toEqual({ dropped: gone, kept: ['messages/2024-2025/again.json'], stillReachable: [], pushed: true });
    for (const repo of [clone, remote]) {
      expect(await reachablePaths(repo, gone)).toEqual([]);
      expect(git(repo, ['log', '--all', '--format=%H', '--', ...gone]).trim()).toBe('');
      // Deleted later, written again, or current: still there.
      expect(await reachablePaths(repo, ['applications/2024-2025/mentor/later.json', 'messages/2024-2025/again.json', 'reports/2024-2025-summary.json'])).toHaveLength(3);
      expect(git(repo, ['for-each-ref', '--format=%(refname)']).trim().split('\n').sort()).toEqual(['refs/heads/main', 'refs/heads/old-branch', 'refs/tags/before-rewrite']);
    }
    // A fresh clone of the remote has no trace of the dropped files' content.
    const fresh = join(dirname(remote), 'fresh.git');
    execFileSync('git', ['clone', '-q', '--mirror', `file://${remote}`, fresh]);
    const everything = execFileSync('git', ['-C', fresh, 'cat-file', '--batch-all-objects', '--batch'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(everything).not.toContain('Erased Person');
    expect(everything).not.toContain('Expired Person');
    expect(everything).toContain('Later Person');
  });

  it('refuses a date that is not YYYY-MM-DD and a folder that is not a repository', async () => {
    await expect(rewriteRecordsHistory({ before: '1 May', clone: '.', log: () => {} })).rejects.toThrow(/YYYY-MM-DD/);
    const empty = mkdtempSync(join(tmpdir(), 'not-a-repo-'));
    folders.push(empty);
    await expect(rewriteRecordsHistory({ before: '2025-01-01', clone: empty, log: () => {} })).rejects.toThrow(/not a git repository/);
  });
});
