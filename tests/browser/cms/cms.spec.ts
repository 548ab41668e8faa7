import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { expect as baseExpect, type Page, test } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { settingsSchema } from '../../../src/schemas/settings.ts';
import { topicSchema } from '../../../src/schemas/topic.ts';
import { startThrowawaySite, type ThrowawaySite } from './throwawaySite.ts';

/**
 * The committee's CMS end to end, in Chromium, on a throwaway copy of the site running as
 * `npm start` runs it (astro dev and Decap's local backend in git mode): sign in, find the
 * editor in the committee's words, create and publish a topic, edit the settings and a program
 * section (each save changing only what was edited), see the refusals, then build the copy and
 * check what readers get. The tests share one copy and run in order.
 */

const PORTS = {
  dev: Number(process.env.CMS_TEST_DEV_PORT ?? 4391),
  backend: Number(process.env.CMS_TEST_BACKEND_PORT ?? 8091),
  served: Number(process.env.CMS_TEST_SERVE_PORT ?? 8093),
};
const TOPIC_TITLE = 'Mentoring across institutions';
const TOPIC_SLUG = 'mentoring-across-institutions';
const SECTION_SENTENCE = 'Pairs who meet by video at least once a month say they get the most out of the year.';

// One copy of the site for all the tests, in order; each drives a CMS that loads 6 MB of script.
test.describe.configure({ mode: 'serial', timeout: 180_000 });
// The CMS waits on git and the dev server; on a busy machine that takes seconds, not milliseconds.
const expect = baseExpect.configure({ timeout: 30_000 });

let site: ThrowawaySite;
/** The month the CMS suggested for the new topic, e.g. 2027-09, and its program year. */
let topicMonth = '';
let topicProgramYear = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  site = await startThrowawaySite({ dev: PORTS.dev, backend: PORTS.backend });
});

test.afterEach(() => {
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus && site) console.log(`Servers of the throwaway site:\n${site.logs()}`);
});

test.afterAll(async () => {
  await site?.stop();
});

/**
 * Console errors and failed scripts on the page, CSP violations included. Expected, and let
 * through: Decap asks the local backend whether an entry has a draft, and "no" is a 404 that
 * Chromium logs; and when Decap refuses to save (`refusesSaves`), it rejects a promise with
 * nothing, which Chromium reports as an uncaught "undefined".
 */
function watchConsole(page: Page, { refusesSaves = false } = {}): string[] {
  dialogs = [];
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const expectedNoDraft = message.text().includes('404') && message.location().url.endsWith('/admin/api/v1');
    if (!expectedNoDraft) problems.push(message.text());
  });
  page.on('pageerror', (error) => {
    const refusedSave = refusesSaves && !error.name && error.message === 'undefined';
    if (!refusedSave) problems.push(`${error.name}: ${error.message}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  return problems;
}
/** The browser dialogs (alerts, confirmations) the page opened since watchConsole. */
let dialogs: string[] = [];

async function signIn(page: Page): Promise<void> {
  await page.goto(`${site.url}/admin/`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'What you can edit' })).toBeVisible();
}

/** Publish → Publish now: one step from the editor to the site, with no dialog on the way. */
async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now', { exact: true }).click();
  await expect(page.getByText('Published. The site is being updated, which takes a few minutes.')).toBeVisible({ timeout: 30_000 });
  expect(dialogs).toEqual([]);
}

/** `source` with exactly one piece of text replaced: what a file should be after one edit. */
function withOneEdit(source: string, before: string, after: string): string {
  expect(source.split(before).length - 1, `"${before}" occurs once`).toBe(1);
  return source.replace(before, after);
}

async function eventually<T>(read: () => Promise<T>, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

test('signs in with the local backend and lists example topics with their flag', async ({ page }) => {
  const problems = watchConsole(page);
  const response = await page.goto(`${site.url}/admin/`);
  // The editor's own Content-Security-Policy (netlify.toml, /admin/*), applied here as on Netlify.
  expect(response?.headers()['content-security-policy']).toContain("'unsafe-eval'");
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('2027-05 · Looking back on the year and planning next steps · Example topic')).toBeVisible();
  expect(problems).toEqual([]);
});

test('speaks the committee’s words: a readable New button, no Workflow, no deleting sections or settings', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page);
  await page.goto(`${site.url}/admin/#/collections/topics`);
  // Plain letters every font has (Decap's own "＋" is missing from Debian's fonts).
  const newTopic = page.getByRole('link', { name: 'New monthly topic', exact: true });
  await expect(newTopic).toHaveText('New monthly topic');
  await expect(page.getByRole('button', { name: 'Add new' })).toBeVisible();
  for (const generic of ['Quick add', 'Workflow', 'New Post', 'Contents']) await expect(page.getByText(generic, { exact: true })).toHaveCount(0);
  // How to publish is said on the page, in one step.
  await expect(page.getByText('To put a change on the site, choose Publish, then Publish now.', { exact: false })).toBeVisible();

  await page.goto(`${site.url}/admin/#/collections/settings/entries/settings`);
  await expect(page.getByLabel('Opens on', { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);

  await page.goto(`${site.url}/admin/#/collections/program`);
  await expect(page.getByText('Sections cannot be added or removed here', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: /^New / })).toHaveCount(0);
  await page.goto(`${site.url}/admin/#/collections/program/entries/membership-and-conduct`);
  await expect(page.getByLabel('Heading', { exact: true })).toHaveValue('Membership and conduct');
  // Nothing changed yet: the toolbar says the section is as published, and offers no delete.
  await expect(page.getByRole('button', { name: 'Published', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await page.getByLabel('Heading', { exact: true }).fill('Membership and conduct rules');
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeVisible();
  await expect(page.getByText('Not published yet')).toBeVisible();
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('creates a topic through the editor, previews it with the site’s style, and publishes it', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page);
  await page.getByRole('link', { name: 'New monthly topic', exact: true }).click();
  const month = page.getByLabel('Month', { exact: true });
  await expect(month).toHaveValue(/^\d{4}-\d{2}$/); // the suggested month, loaded before we type
  topicMonth = await month.inputValue();
  await expect(page.getByLabel('Program year', { exact: true })).toHaveValue(/^\d{4}-\d{4}$/);
  topicProgramYear = await page.getByLabel('Program year', { exact: true }).inputValue();

  await page.getByLabel('Title', { exact: true }).fill(TOPIC_TITLE);
  await page.getByLabel('Summary', { exact: true }).fill('How working in different kinds of libraries shapes what each of you can learn from the other.');
  await page.getByRole('button', { name: 'Add a question' }).click();
  // A question is a box of several lines, so a long one is never cut off.
  const question = page.getByLabel('Question', { exact: true });
  expect(await question.evaluate((element) => element.tagName)).toBe('TEXTAREA');
  await question.fill('Which parts of your work would look different in the other’s library?\nWhich would stay the same?');
  await page.locator('input[id^="themes-field"]').fill('Career');
  await page.getByText('Career paths', { exact: true }).click();

  const preview = page.frameLocator('#preview-pane');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(TOPIC_TITLE);
  await expect(preview.getByText('Themes: Career paths')).toBeVisible();
  // The site's stylesheet is applied: the text column has the site's measure (42rem).
  await expect(preview.locator('article.prose')).toHaveCSS('max-width', '672px');

  await publish(page);
  const file = `content/topics/${topicMonth}-${TOPIC_SLUG}.md`;
  const source = await eventually(() => site.read(file));
  const topic = topicSchema.parse(parseFrontmatter(source).frontmatter);
  expect(topic).toMatchObject({ title: TOPIC_TITLE, month: topicMonth, themes: ['career-paths'], example: false, draft: false });
  expect(topic.questions).toEqual(['Which parts of your work would look different in the other’s library?\nWhich would stay the same?']);
  expect(problems).toEqual([]);
});

test('refuses a second topic for a month that already has one', async ({ page }) => {
  const problems = watchConsole(page, { refusesSaves: true });
  await signIn(page);
  await page.getByRole('link', { name: 'New monthly topic', exact: true }).click();
  const month = page.getByLabel('Month', { exact: true });
  await expect(month).toHaveValue(/^\d{4}-\d{2}$/);
  expect(await month.inputValue()).not.toBe(topicMonth); // the next month that has no topic

  await month.fill(topicMonth);
  await page.getByLabel('Program year', { exact: true }).fill(topicProgramYear);
  await page.getByLabel('Title', { exact: true }).fill('A second topic for the same month');
  await page.getByLabel('Summary', { exact: true }).fill('This topic should never be saved, because its month is taken.');
  await page.getByRole('button', { name: 'Add a question' }).click();
  await page.getByLabel('Question', { exact: true }).fill('Is this month already taken?');
  await page.locator('input[id^="themes-field"]').fill('Reflection');
  await page.getByText('Reflection', { exact: true }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now', { exact: true }).click();

  await expect(page.getByText(`Two topics are set for ${topicMonth}: this one and content/topics/${topicMonth}-${TOPIC_SLUG}.md. Keep one topic per month.`)).toBeVisible();
  await expect(page.getByText('Not published yet')).toBeVisible();
  await expect(site.read(`content/topics/${topicMonth}-a-second-topic-for-the-same-month.md`)).rejects.toThrow();
  expect(problems).toEqual([]);
});

test('refuses an application window that closes before it opens, and a colour with too little contrast', async ({ page }) => {
  const problems = watchConsole(page, { refusesSaves: true });
  await signIn(page);
  await page.goto(`${site.url}/admin/#/collections/settings/entries/settings`);
  const closes = page.getByLabel('Closes on', { exact: true });
  await expect(closes).toHaveValue('2027-07-15');
  await closes.fill('2027-05-20');
  await page.getByLabel('Accent colour', { exact: true }).fill('#ffcc00');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now', { exact: true }).click();
  await expect(page.getByText('The application window closes (2027-05-20) before it opens (2027-06-01).')).toBeVisible();
  await expect(page.getByText(/^#ffcc00 has a contrast of 1\.\d+:1 against the white page background; WCAG AA needs at least 4\.5:1\. Choose a darker colour\.$/)).toBeVisible();
  await expect(page.getByText('Not published yet')).toBeVisible();
  expect(parseYaml(await site.read('content/settings.yaml')).applicationWindow).toEqual({ opens: '2027-06-01', closes: '2027-07-15' });
  expect(problems).toEqual([]);
});

test('changes the application window in settings and publishes it, changing only that line', async ({ page }) => {
  const problems = watchConsole(page);
  const before = await site.read('content/settings.yaml');
  await signIn(page);
  await page.goto(`${site.url}/admin/#/collections/settings/entries/settings`);
  const opens = page.getByLabel('Opens on', { exact: true });
  await expect(opens).toHaveValue('2027-06-01');
  await opens.fill('2027-06-20');
  await publish(page);
  const after = await eventually(async () => {
    const source = await site.read('content/settings.yaml');
    if (settingsSchema.parse(parseYaml(source)).applicationWindow.opens !== '2027-06-20') throw new Error('not yet');
    return source;
  });
  // Key order, quoting, long lines and list markers as they were: a diff of one line.
  expect(after).toBe(withOneEdit(before, '  opens: 2027-06-01\n', '  opens: 2027-06-20\n'));
  expect(problems).toEqual([]);
});

test('edits a program section’s list, previews it, and publishes only that edit', async ({ page }) => {
  const problems = watchConsole(page);
  const file = 'content/program/membership-and-conduct.md';
  const before = await site.read(file);
  // The section has a bulleted list, which Decap's own writer would rewrite from "-" to "*".
  const lastItem = before.trimEnd().split('\n').at(-1)!;
  expect(lastItem).toMatch(/^- /);
  await signIn(page);
  await page.goto(`${site.url}/admin/#/collections/program/entries/membership-and-conduct`);
  await expect(page.getByLabel('Heading', { exact: true })).toHaveValue('Membership and conduct');
  const text = page.locator('[data-slate-editor="true"]');
  await text.getByText('Membership.', { exact: true }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(` ${SECTION_SENTENCE}`);
  await expect(page.frameLocator('#preview-pane').getByText(SECTION_SENTENCE, { exact: false })).toBeVisible();
  await publish(page);
  const after = await eventually(async () => {
    const source = await site.read(file);
    if (!source.includes(SECTION_SENTENCE)) throw new Error('not yet');
    return source;
  });
  expect(after).toBe(withOneEdit(before, lastItem, `${lastItem} ${SECTION_SENTENCE}`));
  expect(problems).toEqual([]);
});

test('edits an example topic’s summary and publishes only that line', async ({ page }) => {
  const problems = watchConsole(page);
  const file = 'content/topics/2027-04-leadership-and-work-life-balance.md';
  const before = await site.read(file);
  const summary = before.split('\n').find((line) => line.startsWith('summary: '))!;
  await signIn(page);
  await page.goto(`${site.url}/admin/#/collections/topics/entries/2027-04-leadership-and-work-life-balance`);
  const field = page.getByLabel('Summary', { exact: true });
  await expect(field).toHaveValue(summary.slice('summary: '.length));
  await field.press('Control+End'); // the end of the text, not of its first wrapped line
  await field.pressSequentially(' Bring one example.');
  await publish(page);
  const after = await eventually(async () => {
    const source = await site.read(file);
    if (!source.includes('Bring one example.')) throw new Error('not yet');
    return source;
  });
  // The quoted month, the one-line list of themes and the absent "Keep off the site" stay as they were.
  expect(after).toBe(withOneEdit(before, summary, `${summary} Bring one example.`));
  expect(problems).toEqual([]);
});

test('a build lists the new topic in the archive and shows the edited section', async () => {
  test.setTimeout(240_000);
  const dist = await site.build(`${topicMonth}-15T16:00:00Z`);
  const archive = await readFile(join(dist, 'topics/index.html'), 'utf8');
  expect(archive).toContain(`href="/topics/${topicMonth}-${TOPIC_SLUG}/"`);
  expect(archive).toContain(TOPIC_TITLE);
  const home = await readFile(join(dist, 'index.html'), 'utf8');
  expect(home).toContain(SECTION_SENTENCE);
});

test('a build shows the application status that follows the new window', async () => {
  test.setTimeout(240_000);
  // 10 June 2027: inside the old window (1 June to 15 July), before the new one opens (20 June).
  const dist = await site.build('2027-06-10T16:00:00Z');
  const home = await readFile(join(dist, 'index.html'), 'utf8');
  expect(home).toContain('Applications for 2027-2028 open on June 20, 2027, at midnight EDT.');
  expect(home).not.toContain('are open until');
});

test('the built /admin page loads under its own Content-Security-Policy without errors, unlisted', async ({ page }) => {
  const served = await site.serveBuild(PORTS.served);
  const problems = watchConsole(page);
  const response = await page.goto(`${served}/admin/`);
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("connect-src 'self' blob: https://api.github.com");
  expect(headers['x-robots-tag']).toBe('noindex, nofollow');
  // No local backend in a production build: the GitHub sign-in (through Netlify) is offered.
  await expect(page.getByRole('button', { name: 'Sign in with GitHub' })).toBeVisible({ timeout: 30_000 });
  expect(problems).toEqual([]);

  const options = JSON.parse((await page.locator('#cms-options').textContent()) ?? '{}') as { previewStyles: string[] };
  expect(options.previewStyles.length).toBeGreaterThan(1);
  for (const href of options.previewStyles) {
    const stylesheet = await page.request.get(`${served}${href}`);
    expect(stylesheet.headers()['content-type'], href).toContain('text/css');
  }
  const sitemap = await (await page.request.get(`${served}/sitemap-0.xml`)).text();
  expect(sitemap).not.toContain('/admin');
});
