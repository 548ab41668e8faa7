import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../../tests/servers/github/fakeGitHub.ts';
import { type Environment, MissingConfigurationError, parseEnvironment } from '../config/environment.ts';
import { createRecordsStore, type RecordsStoreSettings } from './createRecordsStore.ts';

/** The other variables a production deploy requires, so that each case is about the records store alone. */
const PRODUCTION_REST: Environment = {
  SITE_URL: 'https://mentoring.example.org',
  RESEND_API_KEY: 're_key',
  MAIL_FROM: 'Mentoring <mentoring@example.org>',
  LINK_SIGNING_SECRET: 'signing-secret',
};

/** The records store the environment names, parsed as the composition root parses it. */
function storeFor(env: Environment, options: { production: boolean } & RecordsStoreSettings) {
  const { production, ...settings } = options;
  return createRecordsStore(parseEnvironment(production ? { ...PRODUCTION_REST, ...env } : env, { production }).records, settings);
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('createRecordsStore', () => {
  it('refuses to fall back to the local store in production', () => {
    expect(() => storeFor({}, { production: true })).toThrow(MissingConfigurationError);
    expect(() => storeFor({ RECORDS_REPO: '  ' }, { production: true })).toThrow(/RECORDS_REPO/);
  });

  it('requires GITHUB_TOKEN whenever RECORDS_REPO is set', () => {
    expect(() => storeFor({ RECORDS_REPO: 'nasig/records' }, { production: true })).toThrow(MissingConfigurationError);
    expect(() => storeFor({ RECORDS_REPO: 'nasig/records' }, { production: false })).toThrow(/GITHUB_TOKEN/);
  });

  it('refuses a RECORDS_REPO that is not owner/name', () => {
    expect(() => storeFor({ RECORDS_REPO: 'https://github.com/nasig/records', GITHUB_TOKEN: 't' }, { production: true })).toThrow(MissingConfigurationError);
  });

  it('uses the local git store at .data/records by default, without touching the disk until used', () => {
    const store = storeFor({}, { production: false });
    expect(store.description).toBe(`local git repository at ${resolve('.data/records')}`);
  });

  it('uses RECORDS_DIR for the local store', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'records-factory-'));
    cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
    const dir = join(parent, 'records');
    const store = storeFor({ RECORDS_DIR: dir }, { production: false });
    expect((await store.createFile('a.json', 'a', 'Add a')).created).toBe(true);
    expect(existsSync(join(dir, 'a.json'))).toBe(true);
  });

  it('uses the GitHub store when RECORDS_REPO is set, on RECORDS_BRANCH at GITHUB_API_URL', async () => {
    const github: FakeGitHub = await startFakeGitHub({ owner: 'nasig', repo: 'records', branch: 'records', token: 'secret-token' });
    cleanups.push(() => github.stop());
    const store = storeFor(
      { RECORDS_REPO: 'nasig/records', RECORDS_BRANCH: 'records', GITHUB_TOKEN: 'secret-token', GITHUB_API_URL: github.url },
      { production: true, log: () => {}, github: { writeIntervalMs: 0 } },
    );
    expect(store.description).toBe('GitHub repository nasig/records (branch records)');
    await store.createFile('messages/2026-2027/m.json', '{}', 'Add message m');
    expect(github.state.files()).toEqual(['messages/2026-2027/m.json']);
  });

  it('defaults the branch to main', () => {
    const store = storeFor({ RECORDS_REPO: 'nasig/records', GITHUB_TOKEN: 't' }, { production: true });
    expect(store.description).toBe('GitHub repository nasig/records (branch main)');
  });
});
