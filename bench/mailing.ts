/**
 * The monthly topic mailing for 100, 1,000 and 5,000 pairs through its public service
 * (runMonthlyMailing in netlify/lib/mailing/monthlyTopicService.ts) with the ports chosen from the
 * environment exactly as on Netlify (mailingPorts, netlify/lib/composition.ts): the real Resend
 * adapter against the Resend stand-in enforcing Resend's default 2 requests a second, and the real GitHub records store
 * against the GitHub stand-in holding the applications and the matches file
 * (tests/servers/harness/mailingEnvironment.ts). Each size runs twice: the second run must send
 * nothing.
 *
 *   node bench/mailing.ts OUT.json [100,1000,5000]
 */
import { writeFileSync } from 'node:fs';
import { startMailingEnvironment } from '../tests/servers/harness/mailingEnvironment.ts';
import { pairFixture, publishableTopic } from '../tests/servers/harness/mailingFixtures.ts';
import { mailingPorts, runtimeFor } from '../netlify/lib/composition.ts';
import { loadSettings } from '../netlify/lib/config/loadSettings.ts';
import { BATCH_SIZE, runMonthlyMailing } from '../netlify/lib/mailing/monthlyTopicService.ts';
import { createMemoryTopicsSource } from '../netlify/lib/mailing/topics.ts';
import { round } from './lib/common.ts';

/** Resend's default rate limit, which the stand-in enforces. */
export const RESEND_REQUESTS_PER_SECOND = 2;
const MONTH = '2026-10';

/** The least time any sender can take: one batch call per 100 emails at 2 calls a second. */
export const floorMs = (emails: number) => (Math.ceil(emails / BATCH_SIZE) / RESEND_REQUESTS_PER_SECOND) * 1000;

export async function measureMailing(pairs: number) {
  const fixture = pairFixture(pairs, `bench-${pairs}`);
  const env = await startMailingEnvironment({ resendRequestsPerSecond: RESEND_REQUESTS_PER_SECOND, files: fixture.files });
  try {
    const settings = await loadSettings();
    const ports = () => mailingPorts(runtimeFor(undefined), settings, { topics: createMemoryTopicsSource([publishableTopic(MONTH)]), log: () => {} });

    const started = performance.now();
    const first = await runMonthlyMailing(ports(), { month: MONTH });
    const firstMs = performance.now() - started;
    const firstRequests = env.resend.requests.length;
    const firstGitHubRequests = env.github.state.requests.length;
    const firstEmails = env.resend.sent.length;

    const againStarted = performance.now();
    const second = await runMonthlyMailing(ports(), { month: MONTH });
    const secondMs = performance.now() - againStarted;

    const perAddress = new Map<string, number>();
    for (const email of env.resend.sent) for (const address of email.to) perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    const rateLimited = env.resend.requests.filter((request) => request.status === 429).length;
    return {
      pairs,
      people: pairs * 2,
      status: first.status,
      emails: firstEmails,
      apiCalls: firstRequests,
      batchCalls: env.resend.requests.slice(0, firstRequests).filter((request) => request.path === '/emails/batch').length,
      rateLimitedCalls: rateLimited,
      wallMs: round(firstMs),
      floorMs: floorMs(firstEmails),
      wallOverFloor: round(firstMs / floorMs(firstEmails), 2),
      recordsWrites: env.github.state.count({ kind: 'put-content' }),
      /** GitHub API requests of the first run (reads included): the primary limit is 5,000 an hour per token. */
      recordsRequests: firstGitHubRequests,
      rerun: {
        status: second.status,
        wallMs: round(secondMs),
        apiCalls: env.resend.requests.length - firstRequests,
        emails: env.resend.sent.length - firstEmails,
      },
      duplicatedEmails: [...perAddress.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
      everyoneOnce: perAddress.size === pairs * 2 && [...perAddress.values()].every((count) => count === 1),
    };
  } finally {
    await env.stop();
  }
}

if (import.meta.main) {
  const [out, sizesArgument] = process.argv.slice(2);
  if (!out) {
    console.error('Usage: node bench/mailing.ts OUT.json [100,1000,5000]');
    process.exit(2);
  }
  const print = console.log;
  console.log = () => {};
  console.info = () => {};
  console.warn = () => {};
  const results = [];
  for (const pairs of (sizesArgument ?? '100,1000,5000').split(',').map(Number)) {
    results.push(await measureMailing(pairs));
    print(`mailing ${pairs} pairs done`);
  }
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.exit(0);
}
