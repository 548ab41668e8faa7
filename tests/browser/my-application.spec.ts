/**
 * An applicant's own link on the served site: an application posted to the real endpoint, the
 * link read from its confirmation email in the outbox, then opened, corrected (with a mistake
 * first) and withdrawn, without JavaScript and with it. axe on the page and its error state.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import PostalMime from 'postal-mime';
import { menteeAnswers } from '../servers/harness/sampleAnswers.ts';
import { commitsFor, confirmationEmail, RECORDS_DIR } from './forms/formPage.ts';
import { expectAccessible as expectWorkspaceAccessible, signInLocally } from './support/committee.ts';
import { axeViolations, axeViolationsWithoutScripts } from './support/site.ts';

const YEAR = '2027-2028';

/** Applies as a mentee through the API; answers the record's id and the link's path and query. */
async function apply(request: APIRequestContext): Promise<{ id: string; link: string; email: string }> {
  const email = `own-link-${randomUUID().slice(0, 8)}@example.org`;
  const response = await request.post('/api/applications/mentee', {
    headers: { accept: 'application/json' },
    data: { ...menteeAnswers({ email }), submissionId: randomUUID(), elapsedMs: 60_000 },
    timeout: 120_000,
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  const message = await PostalMime.parse(await confirmationEmail(id));
  const link = /https?:\/\/[^/\s]+(\/my-application\/\?token=[\w.-]+)/.exec(message.text ?? '')?.[1];
  expect(link, 'the confirmation email carries the link').toBeTruthy();
  return { id, link: link!, email };
}

const recordOf = (id: string) => JSON.parse(readFileSync(join(RECORDS_DIR, `applications/${YEAR}/mentee/${id}.json`), 'utf8'));

test.describe('the applicant’s own link without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  async function expectAccessible(page: Page, browser: Browser): Promise<void> {
    expect(await axeViolationsWithoutScripts(browser, page.url(), await page.content())).toEqual([]);
  }

  test('shows the application, corrects it after a mistake, refuses the old link, and withdraws it', async ({ page, browser, request }) => {
    test.setTimeout(240_000);
    const { id, link, email } = await apply(request);
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your mentee application');
    await expect(page.getByText('Example iSchool')).toBeVisible();
    expect(commitsFor(id)).toHaveLength(1); // opening it records nothing
    await expectAccessible(page, browser);

    await page.getByRole('link', { name: 'Correct my answers' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Correct your mentee application');
    await expect(page.getByLabel('Library, employer or school', { exact: true })).toHaveValue('Example iSchool');
    await page.getByLabel('Email address', { exact: true }).fill('not an address');
    await page.getByRole('button', { name: 'Save my corrections' }).click();
    await expect(page).toHaveTitle(/^Error: /);
    await expect(page.locator('.error-summary')).toContainText('There is a problem');
    await expectAccessible(page, browser);
    expect(commitsFor(id)).toHaveLength(1);

    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Library, employer or school', { exact: true }).fill('Corrected iSchool');
    await page.getByRole('button', { name: 'Save my corrections' }).click();
    await expect(page.getByRole('status')).toContainText('Your corrections are saved.');
    await expect(page.getByText('Corrected iSchool')).toBeVisible();
    expect(recordOf(id).answers.institution).toBe('Corrected iSchool');
    expect(commitsFor(id)).toHaveLength(2);
    await expectAccessible(page, browser);

    // The link from the first email now names an earlier version.
    const current = page.url();
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
    await expect(page.getByText('This link is for an earlier version of your application')).toBeVisible();
    await expectAccessible(page, browser);

    await page.goto(current);
    await page.getByRole('link', { name: 'Withdraw my application' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Withdraw your mentee application');
    await expectAccessible(page, browser);
    await page.getByLabel('Why are you withdrawing? (optional)').fill('My plans changed.');
    await page.getByRole('button', { name: 'Withdraw my application' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your application is withdrawn');
    const review = JSON.parse(readFileSync(join(RECORDS_DIR, `reviews/${YEAR}/${id}.json`), 'utf8'));
    expect(review).toMatchObject({ decision: 'withdrawn', decidedBy: 'the applicant', reason: 'My plans changed.' });
    await expectAccessible(page, browser);
  });

  test('refuses a changed link with a plain sentence and records nothing', async ({ page, browser }) => {
    await page.goto('/my-application/?token=v1.bm90LWEtdG9rZW4.c2lnbmF0dXJl');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link cannot be used');
    await expect(page.getByText('This link is not complete or has been changed, so it cannot be used.')).toBeVisible();
    await expectAccessible(page, browser);
  });
});

test.describe('the applicant’s own link with JavaScript', () => {
  test('the correction’s error summary takes focus, and the page and its error state pass axe', async ({ page, request }) => {
    test.setTimeout(240_000);
    const { id, link } = await apply(request);
    await page.goto(link);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Correct my answers' }).click();
    await page.getByLabel('Full name', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save my corrections' }).click();
    await expect(page.locator('.error-summary')).toBeFocused();
    await expect(page.locator('.error-summary a').first()).toHaveAttribute('href', '#f-name');
    expect(await axeViolations(page)).toEqual([]);
    expect(existsSync(join(RECORDS_DIR, `reviews/${YEAR}/${id}.json`))).toBe(false);
    expect(commitsFor(id)).toHaveLength(1);
  });
});

test.describe('the applicant’s link from the emails kept on this computer', () => {
  test.use({ javaScriptEnabled: false });

  test('the committee finds the confirmation in the workspace, reads it, and its link opens the application', async ({ page, browser, request }) => {
    test.setTimeout(240_000);
    const { email } = await apply(request);
    await signInLocally(page);
    await page.getByRole('link', { name: 'Read the emails kept on this computer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emails kept on this computer');
    await expectWorkspaceAccessible(page, browser);
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByRole('link', { name: 'We have your mentee application' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We have your mentee application');
    await expectWorkspaceAccessible(page, browser);
    await page.getByRole('link', { name: /\/my-application\/\?token=/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your mentee application');
  });
});
