import { type Browser, expect, type Page } from '@playwright/test';
import { axeViolations, axeViolationsWithoutScripts } from './site.ts';

/** No axe violations on the page as it is; given the browser, as it reads without JavaScript. */
export async function expectAccessible(page: Page, browser?: Browser): Promise<void> {
  const violations = browser ? await axeViolationsWithoutScripts(browser, page.url(), await page.content()) : await axeViolations(page);
  expect(violations).toEqual([]);
}

/** Signs in to /committee/ as the local committee (the stand-in for GitHub under the local store). */
export async function signInLocally(page: Page): Promise<void> {
  await page.goto('/committee/');
  await page.getByRole('button', { name: 'Continue as the local committee' }).click();
  await expect(page.getByText('Signed in as local-committee')).toBeVisible();
}
