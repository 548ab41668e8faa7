import type { Context } from '@netlify/functions';
import { startFakeGitHub, type FakeGitHub } from '../github/fakeGitHub.ts';
import { startFakeResend } from '../resend/fakeResend.ts';
import { startLocalBlobs, type LocalBlobs } from '../blobs/startLocalBlobs.ts';
import { TEST_NOW } from '../../testClock.ts';

type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;

/** A date inside the shipped settings' application window (2027-06-01 to 2027-07-15, New York). */
export const INSIDE_WINDOW = TEST_NOW;

export interface FormEnvironment {
  github: FakeGitHub;
  resend: FakeResend;
  blobs: LocalBlobs;
  /** A Netlify Context for a direct handler call; work passed to waitUntil is collected. */
  context(params?: Record<string, string>, deployContext?: string): Context;
  /** Waits for the work handlers deferred with waitUntil (emails). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real adapters against local stand-ins: GitHub's API, Resend's API and Netlify Blobs, wired
 * through the environment exactly as on Netlify, so handlers run unchanged.
 */
export async function startFormEnvironment(options: { now?: string; resendRequestsPerSecond?: number } = {}): Promise<FormEnvironment> {
  const github = await startFakeGitHub({ owner: 'nasig', repo: 'mentoring-records', token: 'github-test-token' });
  const resend = await startFakeResend({ apiKey: 're_test_key', requestsPerSecond: options.resendRequestsPerSecond ?? 1000 });
  const blobs = await startLocalBlobs();
  const previous = { ...process.env };
  Object.assign(process.env, {
    RECORDS_REPO: 'nasig/mentoring-records',
    GITHUB_TOKEN: 'github-test-token',
    GITHUB_API_URL: github.url,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: resend.url,
    MAIL_FROM: 'NASIG Mentoring <mentoring@nasig.example>',
    COMMITTEE_EMAIL: 'committee@nasig.example',
    NETLIFY_BLOBS_CONTEXT: blobs.environmentContext,
    SITE_NOW: options.now ?? INSIDE_WINDOW,
  });
  const pending: Promise<unknown>[] = [];
  return {
    github,
    resend,
    blobs,
    context(params = {}, deployContext = 'dev') {
      return {
        params,
        deploy: { context: deployContext, id: 'test', published: false },
        waitUntil: (work: Promise<unknown>) => pending.push(work),
      } as unknown as Context;
    },
    async settle() {
      while (pending.length) await Promise.all(pending.splice(0));
    },
    async stop() {
      for (const key of Object.keys(process.env)) if (!(key in previous)) delete process.env[key];
      Object.assign(process.env, previous);
      await Promise.all([github.stop(), resend.stop(), blobs.stop()]);
    },
  };
}
