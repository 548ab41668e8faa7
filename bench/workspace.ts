/**
 * The committee workspace's pages with a full year against the GitHub stand-in answering every
 * request 50 ms late (as GitHub's API from a Netlify function): 600 applications, 300 pairs and
 * eight months of check-ins in the running year. Each page is the workspace function's own
 * handler with the ports chosen from the environment as on Netlify (a fresh records store per
 * request, as each invocation has), asked 15 times; the target is 1 s at the 95th percentile.
 *
 *   node bench/workspace.ts OUT.json
 */
import { writeFileSync } from 'node:fs';
import { runtimeFor, workspacePorts } from '../netlify/lib/composition.ts';
import { newSession, SESSION_COOKIE, sealSession } from '../netlify/lib/committee/session.ts';
import { handleWorkspace } from '../netlify/lib/committee/workspace.ts';
import { loadSettings } from '../netlify/lib/config/loadSettings.ts';
import { programMonths } from '../src/lib/programMonths.ts';
import { startFakeGitHub } from '../tests/servers/github/fakeGitHub.ts';
import { pairFixture } from '../tests/servers/harness/mailingFixtures.ts';
import { createMemoryQueue } from '../tests/servers/harness/memoryQueue.ts';
import { round } from './lib/common.ts';

const LATENCY_MS = 50;
const PAIRS = 300;
const SAMPLES = 15;
const SITE = 'https://mentoring.example.org';
const SECRET = 'bench-session-secret';
const ANSWERS = ['met', 'not-yet', 'need-help'] as const;

export interface WorkspaceResult {
  latencyMs: number;
  pairs: number;
  applications: number;
  checkIns: number;
  samples: number;
  targetP95Ms: number;
  pages: Array<{ path: string; status: number; firstMs: number; p50Ms: number | null; p95Ms: number | null }>;
}

export async function measureWorkspace(): Promise<WorkspaceResult> {
  const settings = await loadSettings();
  const year = settings.programYears.running;
  const fixture = pairFixture(PAIRS, 'workspace-bench', year);
  const files = { ...fixture.files };
  const months = programMonths(year, settings.program).slice(0, 8);
  fixture.matches.pairs.forEach((pair, index) => {
    for (const [monthIndex, month] of months.entries()) {
      for (const [role, personId] of [
        ['mentor', pair.mentor],
        ['mentee', pair.mentee],
      ] as const) {
        files[`check-ins/${year}/${month}/${pair.id}-${role}.json`] = `${JSON.stringify({
          schemaVersion: 1,
          programYear: year,
          month,
          pairId: pair.id,
          personId,
          role,
          answer: ANSWERS[(index + monthIndex) % ANSWERS.length],
          recordedAt: `${month}-05T12:00:00.000Z`,
        })}\n`;
      }
    }
  });
  const github = await startFakeGitHub({ owner: 'bench', repo: 'records', token: 'bench-token', files, latencyMs: LATENCY_MS });
  const env = {
    RECORDS_REPO: 'bench/records',
    GITHUB_TOKEN: 'bench-token',
    GITHUB_API_URL: github.url,
    SITE_URL: SITE,
    COMMITTEE_SESSION_SECRET: SECRET,
    SITE_NOW: '2027-05-10T14:00:00Z',
  };
  const cookie = `${SESSION_COOKIE}=${sealSession(newSession('bench', 'github', new Date('2027-05-10T13:00:00Z')), SECRET)}`;
  const pages = [
    '/committee/',
    `/committee/applications/?year=${year}&role=mentee`,
    `/committee/applications/${fixture.menteeIds[0]}/?year=${year}`,
    `/committee/matching/?year=${year}`,
    `/committee/mailings/?year=${year}`,
    '/committee/mailings/monthly/',
    '/committee/held/',
    '/committee/pairs/',
    `/committee/pairs/${fixture.matches.pairs[0]!.id}/`,
    '/committee/messages/',
    '/committee/evaluations/',
    '/committee/health/',
  ];
  const ask = async (path: string) => {
    const runtime = runtimeFor({ deploy: { context: 'production' } } as never, {
      env: { ...env, RESEND_API_KEY: 're_bench', MAIL_FROM: 'Bench <bench@example.org>', LINK_SIGNING_SECRET: 'bench' },
      log: () => {},
    });
    const ports = { ...workspacePorts(runtime, settings, { deploy: { context: 'production' } } as never), now: () => new Date('2027-05-10T14:00:00Z') };
    ports.submissions = { ...ports.submissions, reviewQueue: createMemoryQueue() };
    const started = performance.now();
    const response = await handleWorkspace(new Request(`${SITE}${path}`, { headers: { cookie } }), ports);
    await response.text();
    return { ms: performance.now() - started, status: response.status };
  };
  const results: WorkspaceResult['pages'] = [];
  try {
    for (const path of pages) {
      const first = await ask(path);
      if (first.status === 404) {
        results.push({ path, status: 404, p50Ms: null, p95Ms: null, firstMs: round(first.ms) });
        continue;
      }
      const times: number[] = [];
      for (let sample = 0; sample < SAMPLES; sample += 1) times.push((await ask(path)).ms);
      times.sort((a, b) => a - b);
      const at = (share: number) => round(times[Math.min(times.length - 1, Math.ceil(share * times.length) - 1)]!);
      results.push({ path, status: first.status, firstMs: round(first.ms), p50Ms: at(0.5), p95Ms: at(0.95) });
    }
  } finally {
    await github.stop();
  }
  return { latencyMs: LATENCY_MS, pairs: PAIRS, applications: PAIRS * 2, checkIns: PAIRS * 2 * months.length, samples: SAMPLES, targetP95Ms: 1000, pages: results };
}

if (import.meta.main) {
  const out = process.argv[2];
  const result = await measureWorkspace();
  if (out) writeFileSync(out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}
