import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { secondAssociationSettings } from '../support/contentPacks.ts';
import { buildSiteFromPack } from '../support/secondAssociationBuild.ts';
import { axeViolations } from './support/site.ts';

/**
 * The second association's site (tests/fixtures/second-association) in the browser: every page
 * of its sitemap passes axe, fits a 320 px screen and names no other association. Its own build
 * and a plain static server (no functions: these pages are static), apart from the shipped
 * site's server.
 *
 * Built as of mid-February of its running year, when its applications and its evaluation are
 * both closed: the shipped site's tests see the forms open (tests/testClock.ts), so between them
 * every form page is checked in both states.
 */

const PORT = 8897;
/** Its running year's eighth month: after the call for applications, before the wrap-up phase. */
const SITE_NOW = '2027-02-15T01:00:00Z';
const OUT_DIR = 'test-results/second-association-browser-dist';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.xml': 'application/xml' };
const settings = secondAssociationSettings();
let server: Server;
let paths: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  const build = buildSiteFromPack({ outDir: OUT_DIR, env: { SITE_NOW } });
  expect(build.status, build.output).toBe(0);
  const root = join(process.cwd(), OUT_DIR);
  const sitemap = await readFile(join(root, 'sitemap-0.xml'), 'utf8');
  paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
  server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(await readFile(join(root, '404.html')));
    }
  });
  await new Promise<void>((listening) => server.listen(PORT, '127.0.0.1', listening));
});

test.afterAll(async () => {
  await new Promise((closed) => server?.close(closed));
});

test('every page of the second association’s site passes axe, fits 320 px and is its own', async ({ page }) => {
  test.setTimeout(300_000);
  expect(paths).toEqual(expect.arrayContaining(['/', '/mentors/', '/mentees/', '/apply/mentee/', '/apply/mentor/', '/topics/']));
  for (const path of paths) {
    await page.setViewportSize({ width: 1280, height: 900 });
    const response = await page.goto(`http://127.0.0.1:${PORT}${path}`);
    expect(response?.status(), path).toBe(200);
    await expect(page.locator('h1'), path).toHaveCount(1);
    await expect(page.locator('header img.site-logo'), path).toHaveAttribute('src', settings.organisation.logo!);
    expect(await axeViolations(page), path).toEqual([]);
    expect(await page.content(), path).not.toMatch(/nasig/i);
    await page.setViewportSize({ width: 320, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path}: no horizontal scrolling at 320 px`).toBeLessThanOrEqual(0);
  }
});

test('while closed, the application and evaluation pages say when they open, show no form and pass axe', async ({ page }) => {
  for (const role of ['mentee', 'mentor'] as const) {
    await page.goto(`http://127.0.0.1:${PORT}/evaluation/${role}/`);
    await expect(page.locator('.evaluation-status')).toHaveAttribute('data-state', 'upcoming');
    await expect(page.locator('.evaluation-status')).toContainText('The evaluation for 2026-2027 opens on April 1, 2027');
    await expect(page.locator(`a[href="mailto:${settings.contactEmail}"]`).first()).toBeVisible();
    await expect(page.locator('form')).toHaveCount(0);
    expect(await axeViolations(page), `/evaluation/${role}/`).toEqual([]);

    await page.goto(`http://127.0.0.1:${PORT}/apply/${role}/`);
    await expect(page.locator('.application-status')).toHaveAttribute('data-state', /^(closed|upcoming)$/);
    await expect(page.locator('form')).toHaveCount(0);
    expect(await axeViolations(page), `/apply/${role}/`).toEqual([]);
  }
});
