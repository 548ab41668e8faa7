import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { parse } from 'yaml';
import { contentPath } from '../../../src/lib/contentDir.ts';
import { settingsSchema } from '../../../src/schemas/settings.ts';

/** WCAG 2.0 A through 2.2 AA, the bar every page and form state must meet. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The paths listed in the built sitemap, relative to the site. */
export function sitemapPaths(): string[] {
  const xml = readFileSync('dist/sitemap-0.xml', 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
}

/** The committee's settings, as the build read them (from CONTENT_DIR, default content/). */
export function siteSettings() {
  return settingsSchema.parse(parse(readFileSync(contentPath('settings.yaml'), 'utf8')));
}

/** Axe violations on the page as it is now, summarised for a readable failure. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
}

/** Collects console errors and failed requests while a page is used. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return errors;
}

/**
 * axe runs inside the page, which a context without JavaScript does not allow; so the page the
 * server sent is checked, byte for byte, in a page whose own scripts are all blocked: the same
 * state a person without JavaScript sees. `ready` waits for what the check is about.
 */
export async function axeViolationsWithoutScripts(browser: Browser, url: string, html: string, ready?: (page: Page) => Promise<void>): Promise<string[]> {
  // Contexts made in a test inherit its options: JavaScript must be on for axe itself.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    if (route.request().url() === url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    if (route.request().resourceType() === 'script') return route.abort();
    return route.continue();
  });
  await page.goto(url);
  await ready?.(page);
  const violations = await axeViolations(page);
  await context.close();
  return violations;
}
