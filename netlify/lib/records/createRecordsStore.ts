/**
 * Picks the records store from the environment (ARCHITECTURE.md, "Environment variables"):
 * RECORDS_REPO set -> the private GitHub repository (GITHUB_TOKEN required); unset -> the local
 * git repository at RECORDS_DIR (default .data/records). A production deploy without
 * RECORDS_REPO is a loud MissingConfigurationError, never a silent local store.
 */
import { MissingConfigurationError, readVariable, type Environment } from '../config/environment.ts';
import type { RecordsStore } from './recordsStore.ts';
import { createGitHubRecordsStore, type GitHubRecordsStoreOptions } from './githubRecordsStore.ts';
import { createLocalGitRecordsStore } from './localGitRecordsStore.ts';

export interface RecordsStoreSettings {
  /** True in Netlify's production deploy context (isProductionDeploy). */
  production: boolean;
  /** Where the store reports retries and waits; default console.warn. */
  log?: (message: string) => void;
  /** Time budgets of the GitHub store (benchmarks, scripts); its defaults suit a synchronous function. */
  github?: Pick<GitHubRecordsStoreOptions, 'deadlineMs' | 'requestTimeoutMs' | 'retries' | 'retryBaseMs' | 'writeIntervalMs'>;
}

export function createRecordsStore(env: Environment, settings: RecordsStoreSettings): RecordsStore {
  const { production, log } = settings;
  const repo = readVariable(env, 'RECORDS_REPO', { production, requiredInProduction: true });
  if (!repo) {
    return createLocalGitRecordsStore({ dir: readVariable(env, 'RECORDS_DIR', { production, requiredInProduction: false }) ?? '.data/records', ...(log ? { log } : {}) });
  }
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) {
    throw new MissingConfigurationError(`RECORDS_REPO must look like owner/name (it is ${JSON.stringify(repo)}).`);
  }
  const token = readVariable(env, 'GITHUB_TOKEN', { production, requiredInProduction: true });
  if (!token) throw new MissingConfigurationError('GITHUB_TOKEN is not set, and RECORDS_REPO needs it: set a token with Contents read/write on that repository.');
  return createGitHubRecordsStore({
    repo,
    token,
    branch: readVariable(env, 'RECORDS_BRANCH', { production, requiredInProduction: false }) ?? 'main',
    baseUrl: readVariable(env, 'GITHUB_API_URL', { production, requiredInProduction: false }) ?? 'https://api.github.com',
    ...settings.github,
    ...(log ? { log } : {}),
  });
}
