import { zonedDate } from '../../../src/lib/zonedTime.ts';

export interface DailyRebuildPorts {
  /** Netlify build hook; unset locally, where there is nothing to rebuild. */
  buildHookUrl: string | undefined;
  /** The program's time zone (settings). */
  timeZone: string;
  now: Date;
  fetch: typeof fetch;
  log: (message: string) => void;
  /** Waits between attempts; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

export type DailyRebuildResult =
  | { outcome: 'not-due'; localTime: string }
  | { outcome: 'no-hook' }
  | { outcome: 'triggered'; attempts: number }
  | { outcome: 'failed'; attempts: number; reason: string };

const ATTEMPTS = 3;

/**
 * Starts the day's rebuild once, in the first hour of the program's own day, so the
 * application status, the current phase and the month's topic change on the right date in any
 * time zone. The scheduler calls this every hour; only the run in local hour 0 builds.
 */
export async function runDailyRebuild(ports: DailyRebuildPorts): Promise<DailyRebuildResult> {
  const localHour = Number(new Intl.DateTimeFormat('en-US', { timeZone: ports.timeZone, hour: '2-digit', hourCycle: 'h23' }).format(ports.now));
  if (localHour !== 0) {
    return { outcome: 'not-due', localTime: `${zonedDate(ports.now, ports.timeZone)} ${String(localHour).padStart(2, '0')}:xx ${ports.timeZone}` };
  }
  if (!ports.buildHookUrl) {
    ports.log('daily-rebuild: BUILD_HOOK_URL is not set, so no rebuild was started.');
    return { outcome: 'no-hook' };
  }

  const sleep = ports.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)));
  let reason = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      const response = await ports.fetch(ports.buildHookUrl, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5_000) });
      if (response.ok) {
        ports.log(`daily-rebuild: build hook accepted the rebuild (attempt ${attempt}).`);
        return { outcome: 'triggered', attempts: attempt };
      }
      reason = `the build hook answered ${response.status}`;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    if (attempt < ATTEMPTS) await sleep(1_000 * 2 ** attempt);
  }
  ports.log(`daily-rebuild: the rebuild could not be started after ${ATTEMPTS} attempts: ${reason}.`);
  return { outcome: 'failed', attempts: ATTEMPTS, reason };
}
