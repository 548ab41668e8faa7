/**
 * A committee member takes a year from sample applications to sent introductions entirely in
 * the workspace, on the served site with its local records store: sign in as the local
 * committee, review, propose, accept, introduce, sign out. Without JavaScript (every read and
 * action is a plain page and form), with axe on every screen and state.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { siteSettings } from '../support/site.ts';
import { expectAccessible, expectNoSidewaysScroll, signInLocally } from '../support/committee.ts';
import { LANE_FOLDERS } from '../support/lane.ts';

const RECORDS_DIR = LANE_FOLDERS.records;
const OUTBOX_DIR = LANE_FOLDERS.outbox;
const YEAR = siteSettings().programYears.applications;

const git = (...args: string[]) => execFileSync('git', ['-C', RECORDS_DIR, ...args], { encoding: 'utf8' });

test.describe('the committee workspace without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a year from sample applications to sent introductions, without a terminal', async ({ page, browser }) => {
    test.setTimeout(180_000);
    const signIn = await page.goto('/committee/');
    expect(signIn?.status()).toBe(200);
    expect(signIn?.headers()['cache-control']).toBe('no-store');
    expect(signIn?.headers()['x-robots-tag']).toContain('noindex');
    await expectAccessible(page, browser);
    // Signed out, no other page shows anything but the sign-in.
    const refused = await page.goto('/committee/applications/');
    expect(refused?.status()).toBe(401);
    await expect(page.getByRole('button', { name: 'Continue as the local committee' })).toBeVisible();
    await expect(page.locator('table')).toHaveCount(0);

    await page.getByRole('button', { name: 'Continue as the local committee' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Committee workspace' })).toBeVisible();
    await expect(page.getByText('Signed in as local-committee')).toBeVisible();
    await expectAccessible(page, browser);
    await page.getByRole('button', { name: 'Add sample applications' }).click();
    await expect(page.getByRole('status')).toContainText('32 sample applications were added.');
    // The year applications are for; the running year may hold other tests' applications.
    await expect(page.locator(`a[href="/committee/applications/?year=${YEAR}&status=new"]`)).toHaveText(/^Review \d+ new applications$/);

    // Applications: the mentee table, a search, one application in full.
    await page.getByRole('link', { name: 'Applications' }).first().click();
    await expect(page.getByRole('table')).toContainText('Mentees');
    await expectAccessible(page, browser);
    const firstName = (await page.locator('tbody tr td:first-child a').first().textContent())!.trim();
    await page.getByLabel('Search by name or email').fill(firstName.split(' ')[0]!);
    await page.getByRole('button', { name: 'Show applications' }).click();
    await expect(page.locator('tbody')).toContainText(firstName);
    await page.getByRole('link', { name: firstName }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(firstName);
    await expectAccessible(page, browser);

    // A review with a mistake: the error summary and the inline error, nothing stored.
    const commitsBefore = git('rev-list', '--count', 'HEAD').trim();
    await page.getByLabel('Not eligible', { exact: true }).check();
    await page.getByRole('button', { name: 'Save the review' }).click();
    await expect(page.getByRole('alert')).toContainText('Say why the application is not eligible.');
    await expectAccessible(page, browser);
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe(commitsBefore);
    await page.getByLabel('Eligible', { exact: true }).check();
    await page.getByRole('button', { name: 'Save the review' }).click();
    await expect(page.getByRole('status')).toContainText('The review was saved.');
    expect(git('log', '-1', '--format=%s')).toMatch(/^Review mentee application \S+ \(eligible\), by local-committee$/m);

    // Matching: propose, read, accept.
    await page.getByRole('link', { name: 'Matching' }).click();
    await expectAccessible(page, browser);
    await page.getByRole('button', { name: /Make (a|a new) proposal/ }).click();
    await expect(page.getByRole('status')).toContainText('A new proposal was made.');
    await expect(page.getByRole('table').first()).toBeVisible();
    await expectAccessible(page, browser);
    await page.getByRole('button', { name: 'Accept this proposal' }).click();
    await expect(page.getByRole('status')).toContainText('The proposal was accepted');
    expect(git('log', '-1', '--format=%s')).toMatch(new RegExp(`^Accept matching proposal \\S+ for ${YEAR}: \\d+ new pairs?, by local-committee$`, 'm'));

    // Introductions: preview both emails, a send without the confirmation, then the send.
    await page.getByRole('link', { name: 'Introductions' }).click();
    await page
      .getByRole('link', { name: /^Preview/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 3 }).first()).toContainText('To the mentee');
    await expectAccessible(page, browser);
    await page.getByRole('button', { name: 'Send the introductions' }).click();
    await expect(page.getByRole('alert')).toContainText('Tick the box');
    await expectAccessible(page, browser);
    const outboxBefore = existsSync(OUTBOX_DIR) ? readdirSync(OUTBOX_DIR).length : 0;
    await page.getByLabel(/^Send \d+ introduction emails now$/).check();
    await page.getByRole('button', { name: 'Send the introductions' }).click();
    await expect(page.getByRole('status')).toContainText(/pairs? (was|were) introduced/);
    await expect(page.getByText('Every pair has been introduced.')).toBeVisible();
    expect(readdirSync(OUTBOX_DIR).length).toBeGreaterThan(outboxBefore);
    await expectAccessible(page, browser);

    // The overview now says nothing is left for the pairs; signing out ends the session at once.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('status')).toContainText('You have signed out.');
    const after = await page.goto('/committee/matching/');
    expect(after?.status()).toBe(401);
    await expect(page.locator('table')).toHaveCount(0);
  });
});

test('with JavaScript, the workspace works the same and stays at 390 px without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInLocally(page);
  await page.getByRole('button', { name: 'Add sample applications' }).click();
  await expect(page.getByRole('status')).toContainText('sample applications were added');
  await page.goto(`/committee/applications/?year=${YEAR}&role=mentor`);
  await expect(page.getByRole('table')).toContainText('Mentors');
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
});

test('a state-changing request from another origin is refused and changes nothing', async ({ page, request }) => {
  await signInLocally(page);
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === '__Host-committee');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');
  const before = existsSync(RECORDS_DIR) ? git('rev-list', '--count', 'HEAD').trim() : '0';
  const response = await request.post(`/committee/matching/?year=${YEAR}`, {
    headers: { origin: 'https://evil.example', cookie: `__Host-committee=${session!.value}` },
    form: { intent: 'propose' },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(existsSync(RECORDS_DIR) ? git('rev-list', '--count', 'HEAD').trim() : '0').toBe(before);
});

test('signing out ends the session: a copy of its cookie taken before shows only the sign-in page', async ({ page, request }) => {
  await signInLocally(page);
  const copied = (await page.context().cookies()).find((cookie) => cookie.name === '__Host-committee')!.value;
  const before = await request.get(`/committee/applications/?year=${YEAR}`, { headers: { cookie: `__Host-committee=${copied}` } });
  expect(before.status()).toBe(200);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Continue as the local committee' })).toBeVisible();
  const after = await request.get(`/committee/applications/?year=${YEAR}`, { headers: { cookie: `__Host-committee=${copied}` } });
  expect(after.status()).toBe(401);
  const text = await after.text();
  expect(text).toContain('You have signed out.');
  expect(text).not.toContain('<table');
});
