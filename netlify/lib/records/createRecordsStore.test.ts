import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';
import { MissingConfigurationError } from '../config/environment.ts';
import { createRecordsStore } from './createRecordsStore.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('createRecordsStore', () => {
  it('refuses to fall back to the local store in production', () => {
    expect(() => createRecordsStore({}, { production: true })).toThrow(MissingConfigurationError);
    expect(() => createRecordsStore({ RECORDS_REPO: '  ' }, { production: true })).toThrow(/RECORDS_REPO/);
  });

  it('requires GITHUB_TOKEN whenever RECORDS_REPO is set', () => {
    expect(() => createRecordsStore({ RECORDS_REPO: 'nasig/records' }, { production: true })).toThrow(MissingConfigurationError);
    expect(() => createRecordsStore({ RECORDS_REPO: 'nasig/records' }, { production: false })).toThrow(/GITHUB_TOKEN/);
  });

  it('refuses a RECORDS_REPO that is not owner/name', () => {
    expect(() => createRecordsStore({ RECORDS_REPO: 'https://github.com/nasig/records', GITHUB_TOKEN: 't' }, { production: true })).toThrow(MissingConfigurationError);
  });

  it('uses the local git store at .data/records by default, without touching the disk until used', () => {
    const store = createRecordsStore({}, { production: false });
    expect(store.description).toBe(`local git repository at ${resolve('.data/records')}`);
  });

  it('uses RECORDS_DIR for the local store', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'records-factory-'));
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
    const dir = join(parent, 'records');
    const store = createRecordsStore({ RECORDS_DIR: dir }, { production: false });
    expect((await store.createFile('a.json', 'a', 'Add a')).created).toBe(true);
    expect(existsSync(join(dir, 'a.json'))).toBe(true);
  });

  it('uses the GitHub store when RECORDS_REPO is set, on RECORDS_BRANCH at GITHUB_API_URL', async () => {
    const github: FakeGitHub = await startFakeGitHub({ owner: 'nasig', repo: 'records', branch: 'records', token: 'secret-token' });
    cleanups.push(() => github.stop());
    const store = createRecordsStore(
      { RECORDS_REPO: 'nasig/records', RECORDS_BRANCH: 'records', GITHUB_TOKEN: 'secret-token', GITHUB_API_URL: github.url },
      { production: true, log: () => {}, github: { writeIntervalMs: 0 } },
    );
    expect(store.description).toBe('GitHub repository nasig/records (branch records)');
    await store.createFile('messages/2026-2027/m.json', '{}', 'Add message m');
    expect(github.state.files()).toEqual(['messages/2026-2027/m.json']);
  });

  it('defaults the branch to main', () => {
    const store = createRecordsStore({ RECORDS_REPO: 'nasig/records', GITHUB_TOKEN: 't' }, { production: true });
    expect(store.description).toBe('GitHub repository nasig/records (branch main)');
  });
});
