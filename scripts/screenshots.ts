/**
 * Screenshots of the site and the editor as people see them, for docs/screenshots/: the program
 * page, a form, a topic and /admin/, on a phone (390 px) and a desktop (1366 px), for NASIG's
 * content and for the second association's pack (tests/fixtures/second-association).
 *
 * The committee workspace too (NASIG's content, 1366 px, signed in as the local committee with
 * the sample applications and year), for docs/committee-guide.md.
 *
 * Each pack runs as `npm start` runs it (astro dev and the CMS's local backend) in a throwaway
 * copy of the site, so the editor is signed in as it is locally.
 *
 *   node scripts/screenshots.ts        writes docs/screenshots/<pack>-<page>-<width>.png
 *
 * The site shows the day SITE_NOW names (by default one in both packs' application windows).
 * Uses Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), as the browser tests do.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startThrowawaySite } from '../tests/browser/cms/throwawaySite.ts';

if (process.argv.includes('--help')) {
  console.log('Usage: node scripts/screenshots.ts\nWrites docs/screenshots/<pack>-<page>-<width>.png for NASIG and the second association.');
  process.exit(0);
}

// A day when both packs take applications, so the forms are shown open (SITE_NOW overrides it).
process.env.SITE_NOW ??= '2027-06-15T16:00:00Z';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const PACKS = [
  { name: 'nasig', contentFrom: undefined, topic: '/topics/2026-09-getting-to-know-each-other/' },
  { name: 'second-association', contentFrom: 'tests/fixtures/second-association', topic: undefined },
] as const;
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 900 },
] as const;

/** The first topic the topics page links to, when a pack's topic is not named. */
async function firstTopic(page: Page, url: string): Promise<string> {
  await page.goto(`${url}/topics/`);
  const href = await page.locator('main a[href^="/topics/2"]').first().getAttribute('href');
  if (!href) throw new Error('The topics page links to no topic.');
  return href;
}

async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/admin/`);
  await page
    .getByRole('button', { name: /log ?in|sign in|continue/i })
    .first()
    .click();
  await page.getByRole('link', { name: /topic/i }).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
}

/** Workspace pages for the committee's guide, after the local sign-in and the sample data. */
const WORKSPACE_PAGES = [
  ['overview', '/committee/'],
  ['applications', '/committee/applications/'],
  ['application', 'first application'],
  ['matching', '/committee/matching/'],
  ['introductions', '/committee/mailings/'],
  ['pairs', '/committee/pairs/'],
  ['monthly-topics', '/committee/mailings/monthly/'],
  ['messages', '/committee/messages/'],
  ['evaluations', '/committee/evaluations/'],
  ['health', '/committee/health/'],
] as const;

async function workspaceShots(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/committee/`);
  await page.screenshot({ path: join(OUT, 'committee-sign-in-1366.png'), fullPage: true });
  await page.getByRole('button', { name: 'Continue as the local committee' }).click();
  await page.getByRole('button', { name: 'Add sample applications' }).click();
  await page.waitForLoadState('networkidle');
  for (const [name, path] of WORKSPACE_PAGES) {
    if (path === 'first application') {
      await page.goto(`${url}/committee/applications/`);
      await page.locator('table a[href^="/committee/applications/"]').first().click();
    } else {
      await page.goto(`${url}${path}`);
    }
    const file = join(OUT, `committee-${name}-1366.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
}

await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [index, pack] of PACKS.entries()) {
    const site = await startThrowawaySite({ dev: 4501 + index * 10, backend: 4503 + index * 10 }, { contentFrom: pack.contentFrom, withFunctions: index === 0 });
    try {
      if (index === 0) {
        const page = await browser.newPage({ viewport: WIDTHS[1] });
        await workspaceShots(page, site.url);
        await page.close();
      }
      for (const viewport of WIDTHS) {
        const page = await browser.newPage({ viewport });
        const topic = pack.topic ?? (await firstTopic(page, site.url));
        const shots: Array<[string, () => Promise<unknown>]> = [
          ['program', () => page.goto(`${site.url}/`)],
          ['form', () => page.goto(`${site.url}/apply/mentee/`)],
          ['topic', () => page.goto(`${site.url}${topic}`)],
          ['admin', () => openEditor(page, site.url)],
        ];
        for (const [name, open] of shots) {
          await open();
          const file = join(OUT, `${pack.name}-${name}-${viewport.width}.png`);
          await page.screenshot({ path: file, fullPage: name !== 'admin' });
          console.log(file);
        }
        await page.close();
      }
    } finally {
      await site.stop();
    }
  }
} finally {
  await browser.close();
}
