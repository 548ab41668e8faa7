import { expect, test } from '@playwright/test';
import { applicationStatus, describeApplicationStatus } from '../../src/lib/applicationStatus.ts';
import { timelineAt } from '../../src/lib/timeline.ts';
import { formDefinitions } from '../../src/forms/formDefinitions.ts';
import { TEST_NOW } from '../testClock.ts';
import { axeViolations, siteSettings, sitemapPaths, watchForErrors } from './support/site.ts';

const paths = sitemapPaths();
/** Form pages may load their enhancement script (forms.spec.ts checks its size); nothing else. */
const formPages = new Set<string>(Object.values(formDefinitions(siteSettings())).map((form) => form.page));

test('the sitemap lists the program page, both apply pages and the topic archive', () => {
  expect(paths).toEqual(expect.arrayContaining(['/', '/apply/mentor/', '/apply/mentee/', '/topics/']));
  expect(paths.some((path) => /^\/topics\/\d{4}-\d{2}-[a-z0-9-]+\/$/.test(path))).toBe(true);
  expect(paths.filter((path) => path.startsWith('/admin') || path.startsWith('/thanks'))).toEqual([]);
});

for (const path of paths) {
  test(`${path} loads with one h1, no console errors and no axe violations`, async ({ page }, testInfo) => {
    const errors = watchForErrors(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1')).toHaveCount(1);
    if (path === '/topics/') await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);

    // Content pages ship no JavaScript; only the archive loads its search module, and form pages
    // their enhancement module, from /_astro/.
    const html = await response!.text();
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    if (formPages.has(path) || path === '/topics/') {
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toMatch(/^<script type="module" src="\/_astro\/[^"]+\.js">$/);
    } else {
      expect(scripts).toEqual([]);
    }

    for (const width of [320, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `no horizontal scrolling at ${width}px`).toBeLessThanOrEqual(0);
      // Kept as artifacts for a person to look at: test-results/screenshots/.
      const name = `${path.replaceAll('/', '_').replace(/^_|_$/g, '') || 'home'}-${width}.png`;
      await testInfo.attach(name, { body: await page.screenshot({ fullPage: true, path: `test-results/screenshots/${name}` }), contentType: 'image/png' });
    }
  });
}

test('the program page states the day’s application status and marks the current phase', async ({ page }) => {
  const settings = siteSettings();
  const now = new Date(TEST_NOW); // the build's SITE_NOW
  await page.goto('/');
  const sentence = describeApplicationStatus(applicationStatus(settings, now), settings.timeZone);
  await expect(page.locator('.application-status').first()).toContainText(sentence);
  const current = timelineAt(settings, now).find((phase) => phase.mark === 'current');
  if (current) {
    await expect(page.locator('.timeline [aria-current="step"] h3')).toContainText(current.phase.title);
  } else {
    await expect(page.locator('.timeline [aria-current="step"]')).toHaveCount(0);
  }
});

test('the program page fits in about three phone screens, with the long guidance on its own pages', async ({ page }) => {
  const phone = { width: 390, height: 844 };
  await page.setViewportSize(phone);
  await page.goto('/');
  const main = await page.locator('main').boundingBox();
  expect(main!.height, 'height of the program page’s content on a phone').toBeLessThanOrEqual(3 * phone.height);
  // The first screen says whether applications are open and offers both ways in.
  for (const role of ['mentee', 'mentor']) {
    const apply = page.getByRole('link', { name: `Apply as a ${role}` }).last();
    await expect(apply).toHaveAttribute('href', `/apply/${role}/`);
    expect((await apply.boundingBox())!.y, `“Apply as a ${role}” near the top`).toBeLessThan(2 * phone.height);
  }
  await expect(page.locator('.application-status')).toBeInViewport();
  // What each role commits to is on its guide, linked from the program page.
  for (const [link, path, heading] of [
    ['What mentors do', '/mentors/', 'What mentors commit to'],
    ['What mentees do', '/mentees/', 'What mentees commit to'],
  ] as const) {
    await expect(page.getByRole('heading', { name: heading })).toHaveCount(0);
    await page.getByRole('link', { name: link }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
    await page.goBack();
  }
});

test('a folded answer on the program page opens from the keyboard', async ({ page }) => {
  await page.goto('/');
  const answer = page.locator('details.folded-section').filter({ hasText: 'Who can apply' });
  await expect(answer.getByText('students in LIS graduate programs', { exact: false })).toBeHidden();
  await answer.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(answer.getByText('students in LIS graduate programs', { exact: false })).toBeVisible();
});

test('the header shows the association’s logo from content, and the theme its colours', async ({ page, request }) => {
  const settings = siteSettings();
  await page.goto('/topics/');
  const logo = page.locator('header img.site-logo');
  await expect(logo).toHaveAttribute('src', settings.organisation.logo!);
  expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  const theme = await (await request.get('/theme.css')).text();
  expect(theme).toContain(`--accent:${settings.colours.accent}`);
  expect(theme).toContain(`--highlight:${settings.colours.highlight}`);
});

test('a keyboard user reaches the apply pages from the program page', async ({ page }) => {
  await page.goto('/');
  const reached = new Set<string>();
  for (let press = 0; press < 40 && reached.size < 2; press += 1) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href') ?? '');
    if (href === '/apply/mentee/' || href === '/apply/mentor/') reached.add(href);
  }
  expect([...reached].sort()).toEqual(['/apply/mentee/', '/apply/mentor/']);
  // Enter on the focused link follows it.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/apply\/ment(or|ee)\/$/);
  await expect(page.locator('h1')).toContainText(/Apply to be a ment(or|ee)/);
});

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/topics/');
  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('an unknown address answers 404 with the site’s not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Page not found');
  expect(await axeViolations(page)).toEqual([]);
});

test('the topic feeds are well formed', async ({ request }) => {
  const rss = await request.get('/topics/rss.xml');
  expect(rss.status()).toBe(200);
  const xml = await rss.text();
  expect(xml).toMatch(/^<\?xml/);
  expect(xml).toContain('<item>');

  const ics = await request.get('/calendar.ics');
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const calendar = await ics.text();
  expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(calendar.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(siteSettings().timeline.length + 9);
  expect(calendar).toContain('END:VCALENDAR');
});

test('the archive’s search finds a topic by a word in its text, and says so', async ({ page }) => {
  // The local emulation answers its first requests slowly while it starts (seconds each on a
  // busy machine), and the first search fetches Pagefind's runtime and index one after another.
  test.setTimeout(180_000);
  const errors = watchForErrors(page);
  const pagefindRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/')) pagefindRequests.push(request.url());
  });
  await page.goto('/topics/');
  await page.waitForLoadState('networkidle');
  // With JavaScript the search is there from the first paint (nothing moves when the script runs).
  await expect(page.getByRole('searchbox', { name: 'Words to look for in the topics' })).toBeVisible();
  // Pagefind's runtime and index are fetched only once someone uses the search.
  expect(pagefindRequests).toEqual([]);

  await page.getByRole('searchbox', { name: 'Words to look for in the topics' }).fill('goals');
  const results = page.locator('[data-search-results]');
  const first = results.getByRole('link', { name: 'Getting to know each other and setting goals' });
  await expect(first).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('status')).toHaveText(/^\d+ topics? found for “goals”\.$/);
  await expect(results.locator('mark').first()).toHaveText(/goals/i);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('searchbox').fill('xyzzyplugh');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('No topics found for “xyzzyplugh”. Try another word, or browse by theme.');
  await expect(results.getByRole('link')).toHaveCount(0);

  await page.getByRole('searchbox').fill('goals');
  await page.keyboard.press('Enter');
  await first.click();
  await expect(page).toHaveURL(/\/topics\/2026-09-getting-to-know-each-other\/$/);
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the archive hides the search it cannot run and still lists every topic and theme', async ({ page }) => {
    await page.goto('/topics/');
    await expect(page.locator('[data-needs-script]')).toHaveCount(1);
    await expect(page.getByRole('searchbox')).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Search the topics' })).toBeHidden();
    await expect(page.getByRole('link', { name: 'Getting to know each other and setting goals' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Browse by theme' }).getByRole('link').first()).toBeVisible();
  });
});
