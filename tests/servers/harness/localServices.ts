/**
 * The wiring the harnesses share (formEnvironment.ts, mailingEnvironment.ts): the local GitHub
 * and Resend servers, and the environment variables that point the real adapters at them, set on
 * process.env as Netlify sets a function's, so handlers run unchanged. stop() puts process.env
 * back as it was and stops the servers.
 */
import type { Context } from '@netlify/functions';
import { startFakeGitHub, type FakeGitHub } from '../github/fakeGitHub.ts';
import { startFakeResend } from '../resend/fakeResend.ts';

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;

export interface LocalServicesOptions {
  /** Files of the records repository's first commit (one commit, fast for thousands of files). */
  files?: Record<string, string>;
  resendRequestsPerSecond?: number;
  /** Resend's daily email quota (unlimited when unset), and the clock it counts by. */
  resendDailyQuota?: number;
  resendNow?: () => number;
}

export interface LocalServices {
  github: FakeGitHub;
  resend: FakeResend;
  /** Sets environment variables until stop() (undefined deletes one). */
  setEnv(variables: Record<string, string | undefined>): void;
  stop(): Promise<void>;
}

export async function startLocalServices(options: LocalServicesOptions = {}): Promise<LocalServices> {
  const github = await startFakeGitHub({ owner: 'nasig', repo: 'mentoring-records', token: 'github-test-token', files: options.files ?? {} });
  const resend = await startFakeResend({
    apiKey: 're_test_key',
    requestsPerSecond: options.resendRequestsPerSecond ?? 1000,
    ...(options.resendDailyQuota === undefined ? {} : { dailyQuota: options.resendDailyQuota }),
    ...(options.resendNow === undefined ? {} : { now: options.resendNow }),
  });
  const previous = { ...process.env };
  const setEnv = (variables: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(variables)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  setEnv({
    RECORDS_REPO: 'nasig/mentoring-records',
    GITHUB_TOKEN: 'github-test-token',
    GITHUB_API_URL: github.url,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resend.url,
    MAIL_FROM: 'NASIG Mentoring <mentoring@nasig.example>',
    COMMITTEE_EMAIL: 'committee@nasig.example',
  });
  return {
    github,
    resend,
    setEnv,
    async stop() {
      for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
      Object.assign(process.env, previous);
      await Promise.all([github.stop(), resend.stop()]);
    },
  };
}

/** A Netlify Context for a direct handler call; `waitUntil` gets the work a handler defers. */
export function handlerContext(options: { params?: Record<string, string>; deployContext?: string; waitUntil?: (work: Promise<unknown>) => void } = {}): Context {
  return {
    params: options.params ?? {},
    deploy: { context: options.deployContext ?? 'dev', id: 'test', published: false },
    waitUntil: options.waitUntil ?? (() => {}),
  } as unknown as Context;
}
