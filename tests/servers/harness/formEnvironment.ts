import type { Context } from '@netlify/functions';
import type { FakeGitHub } from '../github/fakeGitHub.ts';
import { startLocalBlobs, type LocalBlobs } from '../blobs/startLocalBlobs.ts';
import { TEST_NOW } from '../../testClock.ts';
import { type FakeResend, handlerContext, type LocalServicesOptions, startLocalServices } from './localServices.ts';

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
export async function startFormEnvironment(options: { now?: string } & Pick<LocalServicesOptions, 'resendRequestsPerSecond'> = {}): Promise<FormEnvironment> {
  const services = await startLocalServices(options);
  const blobs = await startLocalBlobs();
  services.setEnv({ NETLIFY_BLOBS_CONTEXT: blobs.environmentContext, SITE_NOW: options.now ?? INSIDE_WINDOW });
  const pending: Promise<unknown>[] = [];
  return {
    github: services.github,
    resend: services.resend,
    blobs,
    context(params = {}, deployContext = 'dev') {
      return handlerContext({ params, deployContext, waitUntil: (work) => pending.push(work) });
    },
    async settle() {
      while (pending.length) await Promise.all(pending.splice(0));
    },
    async stop() {
      await Promise.all([services.stop(), blobs.stop()]);
    },
  };
}
