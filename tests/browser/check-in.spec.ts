import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import PostalMime from 'postal-mime';
import { TEST_NOW } from '../testClock.ts';
import { axeViolations } from './support/site.ts';
import { LANE_FOLDERS, LANE_SITE } from './support/lane.ts';

// The committee's local flow end to end: sample applications, a match, the monthly email into
// the outbox, then a person following their check-in link. The records folder is the one the
// served functions write to (playwright.config.ts), so the check-in lands where we look.
const RECORDS_DIR = LANE_FOLDERS.records;
const OUTBOX_DIR = LANE_FOLDERS.outboxMailing;
/** The served site's origin (playwright.config.ts), which the emailed links must point to. */
const SITE = LANE_SITE;

function run(script: string, args: string[]): string {
  return execFileSync(process.execPath, [`scripts/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RECORDS_DIR, MAIL_OUTBOX_DIR: OUTBOX_DIR, SITE_NOW: TEST_NOW, SITE_URL: SITE, RECORDS_REPO: '', RESEND_API_KEY: '' },
  });
}

function git(...args: string[]): string {
  return execFileSync('git', ['-C', RECORDS_DIR, ...args], { encoding: 'utf8' });
}

test('a check-in link from a monthly email, confirmed in the browser, records a check-in; opening it records nothing', async ({ page, request }) => {
  test.setTimeout(300_000);
  // The local emulation bundles a function on its first call, which can take a while on a busy
  // machine: wake the check-in page before timing anything.
  expect((await request.get('/check-in/', { timeout: 180_000 })).status()).toBeLessThan(500);
  rmSync(OUTBOX_DIR, { recursive: true, force: true });
  run('sample-applications', ['--year', '2026-2027', '--mentors', '2', '--mentees', '2', '--seed', '11']);
  const proposal = /--accept (\S+)/.exec(run('match', ['--year', '2026-2027']))![1]!;
  run('match', ['--year', '2026-2027', '--accept', proposal]);
  run('mailing', ['--month', '2027-05', '--allow-example-topics']);

  const emails = readdirSync(OUTBOX_DIR).filter((name) => name.endsWith('.eml'));
  expect(emails.length).toBeGreaterThan(0);
  const email = await PostalMime.parse(readFileSync(join(OUTBOX_DIR, emails[0]!)));
  expect(email.headers.find((header) => header.key === 'list-unsubscribe-post')?.value).toBe('List-Unsubscribe=One-Click');
  const link = new RegExp(`${SITE}/check-in/\\?token=[\\w.-]+`).exec(email.text ?? '')![0];

  const commitsBefore = git('rev-list', '--count', 'HEAD').trim();
  await page.goto(link.replace(SITE, ''));
  await expect(page.locator('h1')).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);
  // A mail scanner opening the link records nothing.
  expect(git('rev-list', '--count', 'HEAD').trim()).toBe(commitsBefore);
  expect(existsSync(join(RECORDS_DIR, 'check-ins/2026-2027/2027-05'))).toBe(false);

  await page.getByRole('button').first().click();
  await expect(page.locator('h1')).toHaveCount(1);
  await expect.poll(() => git('rev-list', '--count', 'HEAD').trim()).not.toBe(commitsBefore);
  const recorded = git('ls-files', 'check-ins/2026-2027/2027-05').trim().split('\n').filter(Boolean);
  expect(recorded).toHaveLength(1);
});
