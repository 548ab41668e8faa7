import { describe, expect, it } from 'vitest';
import { handlerContext } from '../../../tests/servers/harness/localServices.ts';
import handler, { config } from '../../functions/daily-rebuild.ts';
import { runDailyRebuild } from './dailyRebuild.ts';

function hookRecorder(statuses: number[]) {
  const calls: Array<{ url: string; method: string }> = [];
  const fetchStub = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), method: init?.method ?? 'GET' });
    return new Response('{}', { status: statuses.shift() ?? 200 });
  }) as typeof fetch;
  return { calls, fetch: fetchStub };
}

const base = { buildHookUrl: 'https://api.netlify.example/build_hooks/abc', timeZone: 'America/New_York', log: () => {}, sleep: async () => {} };

describe('runDailyRebuild', () => {
  it('calls the build hook in the first hour of the program’s day (00:05 EDT = 04:05 UTC)', async () => {
    const hook = hookRecorder([200]);
    const result = await runDailyRebuild({ ...base, fetch: hook.fetch, now: new Date('2027-06-01T04:05:00Z') });
    expect(result).toEqual({ outcome: 'triggered', attempts: 1 });
    expect(hook.calls).toEqual([{ url: base.buildHookUrl, method: 'POST' }]);
  });

  it('does nothing in the other hours, so the site is rebuilt once a day', async () => {
    const hook = hookRecorder([]);
    let builds = 0;
    for (let hour = 0; hour < 24; hour += 1) {
      const now = new Date(Date.UTC(2027, 0, 15, hour, 5));
      const result = await runDailyRebuild({ ...base, fetch: hook.fetch, now });
      if (result.outcome === 'triggered') builds += 1;
    }
    expect(builds).toBe(1);
    expect(hook.calls).toHaveLength(1);
  });

  it('retries a failing hook and reports the failure after three attempts', async () => {
    const logs: string[] = [];
    const hook = hookRecorder([500, 502, 503]);
    const result = await runDailyRebuild({ ...base, fetch: hook.fetch, log: (line) => logs.push(line), now: new Date('2027-06-01T04:05:00Z') });
    expect(result).toMatchObject({ outcome: 'failed', attempts: 3, reason: 'the build hook answered 503' });
    expect(logs.at(-1)).toMatch(/could not be started after 3 attempts/);
  });

  it('logs and skips when BUILD_HOOK_URL is unset', async () => {
    const logs: string[] = [];
    const hook = hookRecorder([]);
    const result = await runDailyRebuild({ ...base, buildHookUrl: undefined, fetch: hook.fetch, log: (line) => logs.push(line), now: new Date('2027-06-01T04:05:00Z') });
    expect(result).toEqual({ outcome: 'no-hook' });
    expect(logs).toEqual(['daily-rebuild: BUILD_HOOK_URL is not set, so no rebuild was started.']);
    expect(hook.calls).toEqual([]);
  });
});

describe('daily-rebuild function', () => {
  it('is scheduled hourly (Netlify runs scheduled functions in UTC)', () => {
    expect(config).toEqual({ schedule: '5 * * * *' });
  });

  it('answers from its handler, reading the settings the site uses', async () => {
    const previous = process.env.BUILD_HOOK_URL;
    delete process.env.BUILD_HOOK_URL;
    try {
      const response = await handler(new Request('http://localhost/.netlify/functions/daily-rebuild', { method: 'POST' }), handlerContext());
      expect(response.status).toBe(200);
      expect(['not-due', 'no-hook']).toContain((await response.json()).outcome);
    } finally {
      if (previous !== undefined) process.env.BUILD_HOOK_URL = previous;
    }
  });
});
