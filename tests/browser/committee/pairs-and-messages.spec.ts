/**
 * Pairs, check-ins and messages in the workspace, on the served site with its local records
 * store: the pairs needing attention with their reasons, one pair in full, ending a pair
 * (errors, preview, confirmation, both emails, the rematch link) and a stale end form; the
 * messages, one read, marked handled, and a stale "handled" form. Without JavaScript, then the
 * same with it at 390 px. axe on every screen and state. The running year's fixture (pairs,
 * check-ins, a message, a leaving answer) is written into the served records from the test.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { createLocalGitRecordsStore } from '../../../netlify/lib/records/localGitRecordsStore.ts';
import { notePath } from '../../../src/schemas/note.ts';
import { parseSettings } from '../../../netlify/lib/config/loadSettings.ts';
import { FIXTURE_MESSAGE_ID, type PairsYearFixture, writePairsYear } from '../../fixtures/pairsYear.ts';
import { readFileSync } from 'node:fs';
import { expectAccessible, expectNoSidewaysScroll, signInLocally } from '../support/committee.ts';
import { LANE_FOLDERS } from '../support/lane.ts';

const RECORDS_DIR = LANE_FOLDERS.records;
const OUTBOX_DIR = LANE_FOLDERS.outbox;
const settings = parseSettings(readFileSync('content/settings.yaml', 'utf8'));
const store = createLocalGitRecordsStore({ dir: RECORDS_DIR, log: () => {} });
const git = (...args: string[]) => execFileSync('git', ['-C', RECORDS_DIR, ...args], { encoding: 'utf8' });
const outboxCount = () => (existsSync(OUTBOX_DIR) ? readdirSync(OUTBOX_DIR).filter((name) => name.endsWith('.eml')).length : 0);

let fixture: PairsYearFixture;
test.beforeAll(async () => {
  fixture = await writePairsYear(store, settings);
});

const pairLink = (page: Page, key: keyof PairsYearFixture['pairs']) =>
  page.getByRole('link', { name: `${fixture.pairs[key].mentee.name} and ${fixture.pairs[key].mentor.name}`, exact: true });

/** Changes the matches file's sha (as another member's change would) without changing a pair. */
async function touchMatches(): Promise<void> {
  const file = (await store.readFile(fixture.matchesPath))!;
  await store.writeFile(fixture.matchesPath, `${JSON.stringify(JSON.parse(file.content))}\n`, 'Test: another change to the matches file', file.sha);
}

test.describe('pairs and messages without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('find the pairs that need help, end one and go to its rematch; a stale end form changes nothing', async ({ page, browser }) => {
    test.setTimeout(180_000);
    await signInLocally(page);
    await page.getByRole('link', { name: 'Pairs', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Pairs for ${fixture.year}`);
    const attention = page.getByRole('table', { name: /^Pairs needing attention/ });
    await expect(attention).toContainText('The mentee answered “We need help” for May 2027.');
    await expect(attention).toContainText('No “We met” in April 2027 or May 2027.');
    await expect(attention).toContainText('The mentor said they are leaving the program.');
    await expect(attention).toContainText('A message from the mentee is not yet handled.');
    await expect(attention.getByRole('link', { name: `${fixture.pairs.fine.mentee.name} and ${fixture.pairs.fine.mentor.name}` })).toHaveCount(0);
    await expect(page.getByRole('table', { name: /^Other pairs/ })).toContainText(fixture.pairs.fine.mentee.name);
    await expectAccessible(page, browser);

    // One pair in full.
    await pairLink(page, 'quiet').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${fixture.pairs.quiet.mentee.name} and ${fixture.pairs.quiet.mentor.name}`);
    await expect(page.getByRole('link', { name: fixture.pairs.quiet.mentee.name, exact: true })).toHaveAttribute(
      'href',
      `/committee/applications/${fixture.pairs.quiet.mentee.id}/?year=${fixture.year}`,
    );
    await expect(page.getByRole('table', { name: 'Check-ins month by month' })).toContainText('Not yet');
    await expectAccessible(page, browser);

    // Ending it: no reason, then the preview, then no confirmation, then the end.
    await page.getByRole('button', { name: 'Preview the emails' }).click();
    await expect(page.getByRole('alert')).toContainText('Choose why the pair is ending.');
    await expectAccessible(page, browser);
    await page.getByLabel('They have not been able to meet').check();
    await page.getByLabel('Details (needed for “Another reason”)').fill('No reply since January.');
    await page.getByRole('button', { name: 'Preview the emails' }).click();
    await expect(page.getByRole('heading', { level: 3, name: `To the mentee: ${fixture.pairs.quiet.mentee.email}` })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: `To the mentor: ${fixture.pairs.quiet.mentor.email}` })).toBeVisible();
    await expectAccessible(page, browser);
    const commits = git('rev-list', '--count', 'HEAD').trim();
    await page.getByRole('button', { name: 'End the pair and send both emails' }).click();
    await expect(page.getByRole('alert')).toContainText('Tick the box to confirm');
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe(commits);
    await expectAccessible(page, browser);
    const outbox = outboxCount();
    await page.getByLabel('End the pair and send both emails now').check();
    await page.getByRole('button', { name: 'End the pair and send both emails' }).click();
    await expect(page.getByRole('status')).toContainText('The pair was ended and both of them were sent the email.');
    expect(outboxCount()).toBe(outbox + 2);
    expect(git('log', '-1', '--format=%s').trim()).toBe(`End pair p-quiet for ${fixture.year} (both told by email), by local-committee`);
    const matches = JSON.parse((await store.readFile(fixture.matchesPath))!.content);
    expect(matches.pairs.find((pair: { id: string }) => pair.id === 'p-quiet')).toMatchObject({
      status: 'ended',
      ended: { reason: 'They have not been able to meet: No reply since January.' },
    });
    await expectAccessible(page, browser);
    await page.getByRole('link', { name: `Find a new mentor for ${fixture.pairs.quiet.mentee.name} in matching` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Matching for ${fixture.year}`);

    // A stale form: the matches file changed between the preview and the confirmation.
    await page.goto('/committee/pairs/p-help/');
    await page.getByLabel('The pairing is not working out').check();
    await page.getByRole('button', { name: 'Preview the emails' }).click();
    await page.getByLabel('End the pair and send both emails now').check();
    await touchMatches();
    const before = { commits: git('rev-list', '--count', 'HEAD').trim(), outbox: outboxCount() };
    await page.getByRole('button', { name: 'End the pair and send both emails' }).click();
    await expect(page.getByRole('alert')).toContainText('Nothing was changed and no email was sent.');
    expect({ commits: git('rev-list', '--count', 'HEAD').trim(), outbox: outboxCount() }).toEqual(before);
    await expectAccessible(page, browser);
  });

  test('read the messages, mark one handled; a stale “handled” form changes nothing', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInLocally(page);
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Messages for ${fixture.year}`);
    const table = page.getByRole('table', { name: /^Messages, newest first/ });
    await expect(table).toContainText('Not handled');
    await expect(table.locator('tbody tr').first()).toContainText(fixture.pairs.leaving.mentor.name);
    await expectAccessible(page, browser);

    await table.getByRole('link', { name: fixture.pairs.message.mentee.name }).click();
    await expect(page.getByText('My mentor and I have very different hopes for the year.')).toBeVisible();
    await expectAccessible(page, browser);
    const commits = git('rev-list', '--count', 'HEAD').trim();
    await page.getByRole('button', { name: 'Mark as handled' }).click();
    await expect(page.getByRole('alert')).toContainText('Write a short note on what was done.');
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe(commits);
    await expectAccessible(page, browser);
    await page.getByLabel('What was done').fill('Phoned the mentee; talking to the mentor next week.');
    await page.getByRole('button', { name: 'Mark as handled' }).click();
    await expect(page.getByRole('status')).toContainText('The message was marked as handled.');
    expect(git('log', '-1', '--format=%s').trim()).toBe(`Mark message ${FIXTURE_MESSAGE_ID} handled (${fixture.year}), by local-committee`);
    await expectAccessible(page, browser);

    // Another member handles the leaving answer while this page is open.
    const leaver = fixture.pairs.leaving.mentor;
    await page.goto(`/committee/messages/${leaver.id}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${leaver.name} is leaving`);
    await expectAccessible(page, browser);
    await page.getByLabel('What was done').fill('My note, from a page opened earlier.');
    await store.writeFile(
      notePath(fixture.year, leaver.id),
      `${JSON.stringify({ schemaVersion: 1, programYear: fixture.year, recordId: leaver.id, kind: 'leaving', handled: true, note: 'Emailed the mentor first.', handledBy: 'someone-else', handledAt: '2027-06-15T15:00:00.000Z', about: '2027-06-10T09:00:00.000Z' })}\n`,
      'Test: another member handles the leaving answer',
      null,
    );
    const before = git('rev-list', '--count', 'HEAD').trim();
    await page.getByRole('button', { name: 'Mark as handled' }).click();
    await expect(page.getByRole('alert')).toContainText('Nothing was changed');
    await expect(page.getByText('Emailed the mentor first.')).toBeVisible();
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe(before);
    await expectAccessible(page, browser);
  });
});

test('with JavaScript, the pairs and a pair’s end work the same, at 390 px without sideways scrolling', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInLocally(page);
  await page.goto('/committee/pairs/');
  await expect(page.getByRole('table', { name: /^Pairs needing attention/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await pairLink(page, 'help').first().click();
  await page.getByLabel('Another reason', { exact: true }).check();
  await page.getByRole('button', { name: 'Preview the emails' }).click();
  await expect(page.getByRole('alert')).toContainText('Say why the pair is ending.');
  await expectAccessible(page);
  await page.getByLabel('Details (needed for “Another reason”)').fill('They agreed to stop.');
  await page.getByRole('button', { name: 'Preview the emails' }).click();
  await page.getByLabel('End the pair and send both emails now').check();
  await page.getByRole('button', { name: 'End the pair and send both emails' }).click();
  await expect(page.getByRole('status')).toContainText('The pair was ended');
  await expectAccessible(page);
  await page.goto('/committee/messages/');
  await expect(page.getByRole('table', { name: /^Messages, newest first/ })).toBeVisible();
  await expectAccessible(page);
});
