/**
 * The records store for the configuration the environment schema parsed
 * (config/environment.ts): RECORDS_REPO set -> the private GitHub repository (GITHUB_TOKEN
 * required); unset -> the local git repository at RECORDS_DIR (default .data/records). The
 * schema makes a production deploy without RECORDS_REPO a loud MissingConfigurationError, so
 * this never falls back to the local store there. Called by the composition root only.
 */
import type { RecordsConfig } from '../config/environment.ts';
import type { RecordsStore } from './ports.ts';
import { createGitHubRecordsStore, type GitHubRecordsStoreOptions } from './githubRecordsStore.ts';
import { createLocalGitRecordsStore } from './localGitRecordsStore.ts';

export interface RecordsStoreSettings {
  /** Where the store reports retries and waits; default console.warn. */
  log?: (message: string) => void;
  /** Time budgets of the GitHub store (benchmarks, scripts); its defaults suit a synchronous function. */
  github?: Pick<GitHubRecordsStoreOptions, 'deadlineMs' | 'requestTimeoutMs' | 'retries' | 'retryBaseMs' | 'writeIntervalMs'>;
}

export function createRecordsStore(config: RecordsConfig, settings: RecordsStoreSettings = {}): RecordsStore {
  const { log } = settings;
  if (config.kind === 'local') return createLocalGitRecordsStore({ dir: config.dir, ...(log ? { log } : {}) });
  return createGitHubRecordsStore({
    repo: config.repo,
    token: config.token,
    branch: config.branch,
    baseUrl: config.apiUrl,
    ...settings.github,
    ...(log ? { log } : {}),
  });
}
