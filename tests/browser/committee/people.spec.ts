/**
 * Access and erasure requests in the workspace, without JavaScript, on the served site with its
 * local records store: find a person by a posted address, download what is held, refuse a wrong
 * confirmation, erase in one commit, and find nobody afterwards. axe on every screen and state.
 * The fixture (a person in every folder) is written into the served records from the test, in a
 * program year of its own so runs and other specs do not meet.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { personFixture } from '../../support/personFixture.ts';
import { createLocalGitRecordsStore } from '../../../netlify/lib/records/localGitRecordsStore.ts';
import { axeViolationsWithoutScripts } from '../support/site.ts';
import { LANE_FOLDERS } from '../support/lane.ts';

const RECORDS_DIR = LANE_FOLDERS.records;
const git = (...args: string[]) => execFileSync('git', ['-C', RECORDS_DIR, ...args], { encoding: 'utf8' });

async function expectAccessible(page: Page, browser: Browser): Promise<void> {
  expect(await axeViolationsWithoutScripts(browser, page.url(), await page.content())).toEqual([]);
}

test.describe('access and erasure requests without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('find a person, download what is held, erase it in one commit', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const run = `${Date.now()}`;
    const email = `person-${run}@example.org`;
    const fixture = personFixture(`people-spec-${run}`, { email, firstYear: 2200 + (Math.floor(Date.now() / 1000) % 700) });
    const store = createLocalGitRecordsStore({ dir: RECORDS_DIR, log: () => {} });
    await store.createFiles(
      Object.entries(fixture.files).map(([path, content]) => ({ path, content })),
      'Test fixture: a person in every folder',
    );

    await page.goto('/committee/');
    await page.getByRole('button', { name: 'Continue as the local committee' }).click();
    await page.getByRole('link', { name: 'People' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('People: access and erasure requests');
    await expectAccessible(page, browser);

    // A mistyped address: the error summary and the inline error.
    await page.getByLabel('Email address').fill('not an address');
    await page.getByRole('button', { name: 'Find their records' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter an email address like name@example.org.');
    await expect(page).toHaveTitle(/^Error: /);
    await expectAccessible(page, browser);

    // Nobody at that address: said plainly, nothing changed.
    const commitsBefore = git('rev-list', '--count', 'HEAD').trim();
    await page.getByLabel('Email address').fill(`nobody-${run}@example.org`);
    await page.getByRole('button', { name: 'Find their records' }).click();
    await expect(page.getByRole('status')).toContainText('Nothing was changed');
    expect(page.url()).not.toContain('nobody');
    await expectAccessible(page, browser);

    // The person: what is held, by kind.
    await page.getByLabel('Email address').fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Find their records' }).click();
    await expect(page.getByRole('heading', { level: 2, name: `What the records hold about ${email}` })).toBeVisible();
    await expect(page.getByText('11 records and 3 other files naming them by id')).toBeVisible();
    await expect(page.getByRole('table')).toContainText('Check-ins');
    expect(page.url()).not.toContain('person-');
    await expectAccessible(page, browser);

    // The access request's file.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download their records (JSON)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^records-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(exported.about).toBe(email);
    expect(exported.records.map((record: { kind: string }) => record.kind).sort()).toEqual(
      ['application', 'application', 'check-in', 'evaluation', 'message', 'note', 'note', 'preference', 'proposal', 'proposal', 'review'].sort(),
    );

    // Erasure: a wrong confirmation changes nothing; the right one erases in one commit.
    await page.getByLabel('To confirm, type their email address again').fill('someone-else@example.org');
    await page.getByRole('button', { name: 'Erase everything about this person' }).click();
    await expect(page.getByRole('alert')).toContainText('The address you typed is not the same');
    await expectAccessible(page, browser);
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe(String(Number(commitsBefore)));
    await page.getByLabel('To confirm, type their email address again').fill(email);
    await page.getByRole('button', { name: 'Erase everything about this person' }).click();
    await expect(page.getByRole('status')).toContainText('The person’s records were erased in one change: 11 files deleted, 1 pair marked erased.');
    expect(page.url()).not.toContain('person-');
    await expectAccessible(page, browser);
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe(String(Number(commitsBefore) + 1));
    const subject = git('log', '-1', '--format=%s').trim();
    expect(subject).toMatch(/^Erase a person’s records on request \(erasure [0-9a-f-]{36}\): 11 files deleted, 1 pair marked erased, by local-committee$/);
    expect(git('show', '--stat', '--format=', 'HEAD')).not.toContain(email);
    expect(git('ls-tree', '-r', '--name-only', 'HEAD')).not.toContain(fixture.person);

    // Found again: nobody.
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Find their records' }).click();
    await expect(page.getByRole('status')).toContainText('No application, evaluation or message in the records uses');
    await expectAccessible(page, browser);
  });
});
