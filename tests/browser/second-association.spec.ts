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
 */

const PORT = 8897;
const OUT_DIR = 'test-results/second-association-browser-dist';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.xml': 'application/xml' };
const settings = secondAssociationSettings();
let server: Server;
let paths: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  const build = buildSiteFromPack({ outDir: OUT_DIR });
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
