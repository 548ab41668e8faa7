/**
 * `npm start` as a newcomer runs it, driven by the benchmarks (bench/startCycles.ts,
 * bench/developerLoop.ts): start it in a copy of the project, wait for what it serves, ask a
 * form's function and the CMS's local backend, stop its whole process group and make sure its
 * ports are free again.
 */
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { TEST_NOW } from '../../tests/testClock.ts';
import { nodeEnv, sleep, startProcess } from './common.ts';

export interface StartedSite {
  child: ChildProcess;
  output: () => string;
  startedAt: number;
  ports: number[];
}

/**
 * `node scripts/start.ts --port P` in `dir`, in its own process group. The CMS's backend and
 * decap-server take the next two ports, so a run never meets another one on 8081. SITE_NOW is
 * inside the application window, so a form's function answers with its checks, not "closed".
 */
export function startSite(dir: string, port: number): StartedSite {
  const env = nodeEnv({ SITE_NOW: TEST_NOW, CMS_BACKEND_PORT: String(port + 1), DECAP_SERVER_PORT: String(port + 2), ASTRO_TELEMETRY_DISABLED: '1' }, dir);
  const startedAt = performance.now();
  const { child, output } = startProcess(process.execPath, ['scripts/start.ts', '--port', String(port)], { cwd: dir, env });
  return { child, output, startedAt, ports: [port, port + 1, port + 2] };
}

/** A bare Astro project's `astro dev` in `dir` (bench/lib/baselineProject.ts), in its own process group. */
export function startBaselineDev(dir: string, port: number): StartedSite {
  const startedAt = performance.now();
  const { child, output } = startProcess(process.execPath, ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port)], {
    cwd: dir,
    env: nodeEnv({ ASTRO_TELEMETRY_DISABLED: '1' }, dir),
  });
  return { child, output, startedAt, ports: [port] };
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** One request; a refused connection or a timeout is status 0 with the reason as its body. */
export async function ask(url: string, init: RequestInit = {}, timeoutMs = 30_000): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text(), ms: performance.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: 0, body: cause ?? (error instanceof Error ? error.message : String(error)), ms: performance.now() - started };
  }
}

/**
 * Waits until `url` answers `status` (polling every 100 ms); resolves with the milliseconds since
 * the site's start, or throws with the last answer and the server's output when it never does
 * or the server has exited.
 */
export async function waitForStatus(site: StartedSite, url: string, status: number, deadlineMs: number): Promise<number> {
  let last: Answer = { status: 0, body: 'not asked yet', ms: 0 };
  while (performance.now() - site.startedAt < deadlineMs) {
    if (site.child.exitCode !== null) throw new Error(`npm start exited (code ${site.child.exitCode}) before ${url} answered`);
    last = await ask(url, {}, 5_000);
    if (last.status === status) return performance.now() - site.startedAt;
    await sleep(100);
  }
  throw new Error(`${url} did not answer ${status} within ${Math.round(deadlineMs / 1000)} s (last: ${last.status} ${last.body.slice(0, 120)})`);
}

/** An application with no answers but a name, as a browser without JavaScript posts it. */
export const INVALID_MENTEE = new URLSearchParams({ name: 'Start Check' }).toString();

/** A complete mentee application (tests/servers/harness/sampleAnswers.ts's answers, posted as a plain form). */
export function validMentee(email: string): string {
  const params = new URLSearchParams({
    name: 'Grace Sample',
    email,
    pronouns: 'she/her',
    membership: 'member',
    careerStage: 'student',
    institutionType: 'lis-school',
    institution: 'Example iSchool',
    goals: 'Find out which area of technical services suits me and how to get a first job in it.',
    timeZone: 'America/Chicago',
    agreeCodeOfConduct: 'yes',
    agreeFullYear: 'yes',
    agreeSharing: 'yes',
  });
  params.append('interests', 'not-sure');
  for (const way of ['email', 'video']) params.append('communication', way);
  return params.toString();
}

export const FORM_POST = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } } as const;

/** The checks a start must pass; each names what failed. Returns the time of each answer. */
export async function checkServed(base: string): Promise<{ formPageMs: number; functionMs: number; adminMs: number; backendMs: number }> {
  const page = await ask(`${base}/apply/mentee/`);
  // The form names its function (its action, or the endpoint its script posts to).
  if (page.status !== 200 || !/<form[^>]*"\/api\/applications\/mentee"/.test(page.body)) throw new Error(`GET /apply/mentee/ answered ${page.status} without the form`);
  const invalid = await ask(`${base}/api/applications/mentee`, { ...FORM_POST, body: INVALID_MENTEE });
  if (invalid.status !== 422 || !invalid.body.includes('There is a problem'))
    throw new Error(`POST /api/applications/mentee (invalid) answered ${invalid.status}, not 422 with the error summary: ${invalid.body.slice(0, 160)}`);
  const admin = await ask(`${base}/admin/`);
  if (admin.status !== 200 || !admin.body.includes('<script')) throw new Error(`GET /admin/ answered ${admin.status}`);
  const backend = await ask(`${base}/admin/api/v1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'info' }) });
  if (backend.status !== 200 || !backend.body.includes('repo'))
    throw new Error(`the CMS's local backend (POST /admin/api/v1 info) answered ${backend.status}: ${backend.body.slice(0, 160)}`);
  return { formPageMs: page.ms, functionMs: invalid.ms, adminMs: admin.ms, backendMs: backend.ms };
}

/**
 * After the program page answered: waits for /admin/ and then until every check passes (only
 * the CMS's backend may still be starting; any other failed check throws at once). Resolves with
 * the checks' times and the milliseconds from the start until all had answered.
 */
export async function waitUntilServed(site: StartedSite, base: string, deadlineMs: number): Promise<Awaited<ReturnType<typeof checkServed>> & { servedMs: number }> {
  await waitForStatus(site, `${base}/admin/`, 200, deadlineMs);
  let lastError: unknown = null;
  while (performance.now() - site.startedAt < deadlineMs) {
    try {
      return { ...(await checkServed(base)), servedMs: performance.now() - site.startedAt };
    } catch (error) {
      lastError = error;
      if (!String(error).includes('local backend')) throw error;
      await sleep(200);
    }
  }
  throw lastError;
}

/** True when something accepts connections on the port (IPv4 or IPv6 loopback). */
function listening(port: number): Promise<boolean> {
  const attempt = (host: string) =>
    new Promise<boolean>((done) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
      socket.setTimeout(1_000, () => {
        socket.destroy();
        done(false);
      });
    });
  return Promise.all([attempt('127.0.0.1'), attempt('::1')]).then((answers) => answers.some(Boolean));
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the site's whole process group (SIGTERM, by its pid) and waits for every process in it
 * to end and every port to be free. Returns what was not clean, or null: a group that needed
 * SIGKILL after 10 s, or a port still answering 5 s after.
 */
export async function stopSite(site: StartedSite): Promise<string | null> {
  const pid = site.child.pid;
  if (pid === undefined) return 'no process id';
  const problems: string[] = [];
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const until = performance.now() + 10_000;
  while (groupAlive(pid) && performance.now() < until) await sleep(100);
  if (groupAlive(pid)) {
    problems.push('still running 10 s after SIGTERM (killed)');
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
    while (groupAlive(pid)) await sleep(100);
  }
  const portsUntil = performance.now() + 5_000;
  let busy: number[] = [];
  do {
    busy = [];
    for (const port of site.ports) if (await listening(port)) busy.push(port);
    if (busy.length > 0) await sleep(200);
  } while (busy.length > 0 && performance.now() < portsUntil);
  if (busy.length > 0) problems.push(`port ${busy.join(', ')} still in use after stopping`);
  return problems.length > 0 ? problems.join('; ') : null;
}

/** Fails at once when something already listens on a port the start needs (another engineer's run). */
export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) if (await listening(port)) throw new Error(`port ${port} is already in use; choose another with --port`);
}
