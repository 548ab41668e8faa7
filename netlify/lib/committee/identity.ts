/**
 * Who may use the committee workspace: the port, and its GitHub adapter. GitHub decides: a
 * person whose token can push to RECORDS_REPO is on the committee. The token is used for these
 * two questions and then dropped; it is never stored or logged.
 */
import { Octokit } from '@octokit/rest';

export type IdentityCheck =
  | { ok: true; login: string }
  /** bad-token: GitHub did not accept the token; no-write: the person cannot push to the records; unavailable: GitHub did not answer. */
  | { ok: false; reason: 'bad-token' | 'no-write' | 'unavailable'; login?: string };

export interface CommitteeIdentity {
  check(token: string): Promise<IdentityCheck>;
}

export interface GitHubIdentityOptions {
  /** owner/name of the private records repository. */
  repo: string;
  /** GitHub's REST API (a local stand-in in tests). */
  apiUrl: string;
  /** Longest the two questions may take together; default 8 s. */
  deadlineMs?: number;
}

/** Asks GitHub, with the person's own token, who they are and whether they can push to the records repository. */
export function createGitHubIdentity(options: GitHubIdentityOptions): CommitteeIdentity {
  const [owner, repo] = options.repo.split('/') as [string, string];
  return {
    async check(token) {
      const octokit = new Octokit({
        auth: token,
        baseUrl: options.apiUrl,
        userAgent: 'mentoring-program-kit committee sign-in',
        request: { signal: AbortSignal.timeout(options.deadlineMs ?? 8_000) },
        log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      });
      let login: string;
      try {
        login = (await octokit.rest.users.getAuthenticated()).data.login;
      } catch (error) {
        return { ok: false, reason: statusOf(error) === 401 ? 'bad-token' : 'unavailable' };
      }
      try {
        const { data } = await octokit.rest.repos.get({ owner, repo });
        return data.permissions?.push || data.permissions?.admin ? { ok: true, login } : { ok: false, reason: 'no-write', login };
      } catch (error) {
        const status = statusOf(error);
        // GitHub answers 404 for a private repository the person cannot see.
        if (status === 404 || status === 403) return { ok: false, reason: 'no-write', login };
        return { ok: false, reason: status === 401 ? 'bad-token' : 'unavailable', login };
      }
    },
  };
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}
