import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesFileSchema } from '../../../src/schemas/record.ts';

/**
 * The committee's commands end to end, as documented in docs/matching.md: sample applications
 * into a real local records repository (git), a proposal, its acceptance, a rematch, an export.
 */
const run = promisify(execFile);
let folder: string;
let env: NodeJS.ProcessEnv;

async function command(script: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [`scripts/${script}.ts`, ...args], { env, cwd: process.cwd() });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

async function git(...args: string[]): Promise<string> {
  return (await run('git', ['-C', join(folder, 'records'), ...args])).stdout;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'matching-commands-'));
  const { RECORDS_REPO: _repo, GITHUB_TOKEN: _token, ...rest } = process.env;
  env = { ...rest, RECORDS_DIR: join(folder, 'records') };
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

// Each command is a fresh Node process (about a second or two to start): generous time limits.
describe('matching commands', { timeout: 120_000 }, () => {
  it('each explains itself with --help', async () => {
    for (const script of ['match', 'export', 'sample-applications']) {
      const { stdout, code } = await command(script, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage:/);
    }
  });

  it('refuses an unknown option or a malformed year, pointing to --help', async () => {
    expect(await command('match', '--yaer', '2026-2027')).toMatchObject({ code: 1, stderr: expect.stringMatching(/Unknown option '--yaer'[\s\S]*--help/) });
    expect(await command('match', '--year', '2026')).toMatchObject({ code: 1, stderr: expect.stringContaining('--year: Enter a program year written as YYYY-YYYY') });
  });

  it('samples, proposes, accepts in one commit, rematches and exports', async () => {
    const sampled = await command('sample-applications', '--year', '2026-2027', '--mentors', '6', '--mentees', '9');
    expect(sampled.stdout).toContain('15 sample applications written');

    const proposed = await command('match', '--year', '2026-2027');
    expect(proposed.code).toBe(0);
    const stamp = /Proposal (\S+) for 2026-2027/.exec(proposed.stdout)![1]!;
    expect(proposed.stdout).not.toMatch(/@example\.org/);
    const proposalFiles = ['md', 'csv', 'json'].map((ext) => `matching/2026-2027/proposals/${stamp}.${ext}`).sort();
    expect(await git('ls-files', 'matching')).toBe(`${proposalFiles.join('\n')}\n`);

    const commitsBefore = Number((await git('rev-list', '--count', 'HEAD')).trim());
    const accepted = await command('match', '--year', '2026-2027', '--accept', stamp);
    expect(accepted.stdout).toMatch(/^Accepted: \d+ new pairs? written to matches\/2026-2027\.json/);
    expect(Number((await git('rev-list', '--count', 'HEAD')).trim())).toBe(commitsBefore + 1);
    expect((await git('show', '--name-only', '--format=', 'HEAD')).trim()).toBe('matches/2026-2027.json');
    const matches = matchesFileSchema.parse(JSON.parse(await readFile(join(folder, 'records', 'matches/2026-2027.json'), 'utf8')));
    expect(matches.pairs.length).toBeGreaterThan(0);

    const rematch = await command('match', '--year', '2026-2027');
    expect(rematch.stdout).toContain(`${matches.pairs.length} pairs (${matches.pairs.length} kept)`);

    const exported = await command('export', '--year', '2026-2027', '--out', join(folder, 'exports'));
    expect(exported.stdout).toContain('2026-2027-mentors.csv  (6 rows)');
    const mentees = await readFile(join(folder, 'exports', '2026-2027-mentees.csv'), 'utf8');
    expect(mentees.split('\r\n').filter(Boolean)).toHaveLength(10);
  });
});
