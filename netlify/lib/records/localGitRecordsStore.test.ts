import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalGitRecordsStore } from './localGitRecordsStore.ts';
import { RecordsUnavailableError } from './ports.ts';
import { describeRecordsStoreContract } from '../../../tests/support/recordsStoreContract.ts';

const folders: string[] = [];
function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'records-store-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
const commitsIn = (dir: string) => Number(git(dir, 'rev-list', '--count', 'HEAD'));

describeRecordsStoreContract('the local git store', async () => {
  const dir = join(temporaryFolder(), 'records');
  const store = createLocalGitRecordsStore({ dir, log: () => {} });
  return {
    store,
    // Before the first operation there is no repository yet; after it, the first commit is the start.
    commitCount: async () => (existsSync(join(dir, '.git')) ? commitsIn(dir) - 1 : 0),
    close: async () => {},
  };
});

describe('the local git store', () => {
  it('creates the repository on first use and makes one real commit per write', async () => {
    const dir = join(temporaryFolder(), 'nested', 'records');
    const store = createLocalGitRecordsStore({ dir });
    expect(existsSync(dir)).toBe(false); // nothing happens until the store is used
    const { file } = await store.createFile('applications/2026-2027/mentor/a.json', '{"a":1}\n', 'Add mentor application a');
    await store.writeFile(file.path, '{"a":2}\n', 'Update mentor application a', file.sha);
    await store.createFile('messages/2026-2027/m.json', 'hello', 'Add message m');

    expect(git(dir, 'log', '--format=%s').split('\n')).toEqual(['Add message m', 'Update mentor application a', 'Add mentor application a', 'Start the records repository']);
    expect(git(dir, 'log', '-1', '--format=%an <%ae> / %cn <%ce>')).toBe(
      'Mentoring site bot <mentoring-site-bot@records.invalid> / Mentoring site bot <mentoring-site-bot@records.invalid>',
    );
    expect(git(dir, 'show', '--name-only', '--format=', 'HEAD')).toBe('messages/2026-2027/m.json');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(dir, 'applications/2026-2027/mentor/a.json'), 'utf8')).toBe('{"a":2}\n');
    expect(git(dir, 'rev-parse', 'HEAD:applications/2026-2027/mentor/a.json')).toBe(git(dir, 'hash-object', 'applications/2026-2027/mentor/a.json'));
  });

  it('serialises concurrent writes: every one lands, in its own commit', async () => {
    const dir = temporaryFolder();
    const store = createLocalGitRecordsStore({ dir });
    const { file } = await store.createFile('mailings/2026-2027/introductions.json', '0', 'Start the ledger');
    const creates = Array.from({ length: 12 }, (_, index) => store.createFile(`applications/2026-2027/mentee/${index}.json`, `${index}`, `Add mentee ${index}`));
    // Two updates racing from the same sha: exactly one wins.
    const updates = ['1', '2'].map((content) => store.writeFile(file.path, content, `Ledger ${content}`, file.sha));
    const results = await Promise.allSettled([...creates, ...updates]);

    expect(results.slice(0, 12).every((result) => result.status === 'fulfilled')).toBe(true);
    expect(results.slice(12).filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(commitsIn(dir)).toBe(1 + 1 + 12 + 1);
    expect(await store.listFiles('applications/2026-2027/mentee')).toHaveLength(12);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('waits while another git process holds index.lock, and gives up with RecordsUnavailableError if it never lets go', async () => {
    const dir = temporaryFolder();
    const patient = createLocalGitRecordsStore({ dir, lockWaitMs: 5_000, log: () => {} });
    await patient.createFile('a.json', 'a', 'Add a');
    const lock = join(dir, '.git', 'index.lock');

    writeFileSync(lock, '');
    const started = performance.now();
    const pending = patient.createFile('b.json', 'b', 'Add b');
    setTimeout(() => rmSync(lock), 300);
    expect((await pending).created).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    writeFileSync(lock, '');
    const hasty = createLocalGitRecordsStore({ dir, lockWaitMs: 200, log: () => {} });
    await expect(hasty.createFile('c.json', 'c', 'Add c')).rejects.toBeInstanceOf(RecordsUnavailableError);
    rmSync(lock);
    expect(await hasty.readFile('c.json')).toBeNull();
    expect((await hasty.createFile('c.json', 'c', 'Add c')).created).toBe(true);
    expect(commitsIn(dir)).toBe(4);
  });

  it('works on a machine with no git identity configured', async () => {
    const dir = temporaryFolder();
    const emptyConfig = join(temporaryFolder(), 'gitconfig');
    writeFileSync(emptyConfig, '');
    const saved = { GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
    process.env.GIT_CONFIG_GLOBAL = emptyConfig;
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    try {
      const store = createLocalGitRecordsStore({ dir });
      expect((await store.createFile('a.json', 'a', 'Add a')).created).toBe(true);
      expect(git(dir, 'config', '--local', 'user.name')).toBe('Mentoring site bot');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('opens an existing records repository, and reads what is committed rather than stray edits', async () => {
    const dir = temporaryFolder();
    await createLocalGitRecordsStore({ dir }).createFile('matches/2026-2027.json', 'committed', 'Add matches');
    writeFileSync(join(dir, 'matches/2026-2027.json'), 'edited by hand, not committed');
    mkdirSync(join(dir, 'scratch'));
    writeFileSync(join(dir, 'scratch/untracked.json'), 'x');

    const reopened = createLocalGitRecordsStore({ dir });
    expect((await reopened.readFile('matches/2026-2027.json'))?.content).toBe('committed');
    expect(await reopened.listFiles('')).toEqual(['matches/2026-2027.json']);
    expect(commitsIn(dir)).toBe(2);
  });

  it('turns an existing folder of files into a repository without committing them', async () => {
    const dir = temporaryFolder();
    writeFileSync(join(dir, 'notes.txt'), 'left here');
    const store = createLocalGitRecordsStore({ dir });
    await store.createFile('a.json', 'a', 'Add a');
    expect(await store.listFiles('')).toEqual(['a.json']);
    expect(git(dir, 'status', '--porcelain')).toBe('?? notes.txt');
  });

  it('describes where it writes', () => {
    const dir = temporaryFolder();
    expect(createLocalGitRecordsStore({ dir }).description).toBe(`local git repository at ${dir}`);
  });
});
