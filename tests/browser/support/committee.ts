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

/** Nothing but a scrolling table reaches past the page's right edge (no sideways scroll on a phone). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !element.closest('.table-wrap'))
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
  });
  expect(overflow).toEqual([]);
}
