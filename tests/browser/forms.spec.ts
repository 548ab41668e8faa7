/**
 * Browser tests of every public form (issue 4, item 9), against the built site served like a
 * Netlify deploy: the functions write real commits to the lane’s records repository and .eml files to
 * its outbox (support/lane.ts). For each form: the happy path with JavaScript, every error state with
 * zero axe violations, the plain (no-JavaScript) path, the draft, double submission and the
 * JavaScript budget; one application is completed with the keyboard alone.
 */
import { gzipSync } from 'node:zlib';
import { type Browser, expect, type Page, request, test } from '@playwright/test';
import PostalMime from 'postal-mime';
import { axeViolations, axeViolationsWithoutScripts, siteSettings, watchForErrors } from './support/site.ts';
import { formDefinitions } from '../../src/forms/formDefinitions.ts';
import { FORM_IDS, formFields, type FormCase, formCase as newFormCase } from './forms/formCases.ts';
import {
  commitsFor,
  confirmationEmail,
  expectAnswersShown,
  fieldControl,
  fillForm,
  readDraft,
  readRecord,
  recordsCommitCount,
  recordsWithEmail,
  waitForMinimumFillTime,
} from './forms/formPage.ts';

/** The gzip budget for all the JavaScript a form page loads. */
const FORM_PAGE_JS_BUDGET = 15 * 1024;

const submitButton = (page: Page, formCase: FormCase) => page.getByRole('button', { name: formCase.form.submitLabel });
const errorSummary = (page: Page) => page.locator('[data-error-summary]');

/**
 * Netlify's emulation builds every function when it starts, which takes minutes on a busy
 * machine and slows every answer meanwhile; the webServer is "up" long before. Wait until a
 * static file answers promptly and each form endpoint has answered once, so the tests time the
 * forms, not the start.
 */
test.beforeAll(async () => {
  test.setTimeout(360_000);
  const testInfo = test.info();
  const context = await request.newContext({ baseURL: testInfo.project.use.baseURL });
  const prompt = async (send: () => Promise<unknown>) => {
    const started = Date.now();
    await send();
    return Date.now() - started;
  };
  await expect.poll(() => prompt(() => context.get('/favicon.svg')), { timeout: 300_000, intervals: [2_000] }).toBeLessThan(1_000);
  for (const form of Object.values(formDefinitions(siteSettings()))) {
    // A body of the wrong type is refused (415) before anything is read or stored.
    expect((await context.post(form.endpoint, { headers: { 'Content-Type': 'text/plain' }, data: 'warm-up' })).status()).toBe(415);
  }
  await context.dispose();
});

// Each function call starts a fresh worker (seconds on a busy machine); a test may post twice.
test.describe.configure({ timeout: 120_000 });

/** The summary's links and every field's inline message match these errors, in form order. */
async function expectErrorsShown(page: Page, formCase: FormCase, errors: Array<{ field: string; message: string }>): Promise<void> {
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
  await expect(summary.getByRole('link')).toHaveText(errors.map((error) => error.message));
  for (const field of formFields(formCase.form)) {
    const expected = errors.find((error) => error.field === field.name);
    const inline = page.locator(`#f-${field.name}-error`);
    if (expected) {
      await expect(inline, `inline message of ${field.name}`).toBeVisible();
      await expect(inline).toHaveText(`Error: ${expected.message}`);
      // The message is part of what a screen reader announces for the field.
      const described =
        field.meta.widget === 'radios' || field.meta.widget === 'checkboxes' ? page.getByRole('group', { name: field.meta.label, exact: true }) : fieldControl(page, field);
      await expect(described).toHaveAccessibleDescription(new RegExp(escapeRegExp(expected.message)));
    } else {
      await expect(inline, `no inline message on ${field.name}`).toBeHidden();
    }
  }
  await expect(page).toHaveTitle(/^Error: /);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Each summary link moves focus to its field's first control. */
async function expectSummaryLinksFocusFields(page: Page, formCase: FormCase, errors: Array<{ field: string; message: string }>): Promise<void> {
  const fields = formFields(formCase.form);
  for (const error of errors) {
    await errorSummary(page).getByRole('link', { name: error.message, exact: true }).click();
    const field = fields.find((candidate) => candidate.name === error.field)!;
    const firstControl = ['radios', 'checkboxes'].includes(field.meta.widget) ? fieldControl(page, field, field.meta.choices![0]!.label) : fieldControl(page, field);
    await expect(firstControl, `the summary link for ${error.field} focuses the field`).toBeFocused();
  }
}

async function axeViolationsOfErrorPage(browser: Browser, url: string, html: string): Promise<string[]> {
  return axeViolationsWithoutScripts(browser, url, html, (page) => expect(page.locator('[data-error-summary]')).toBeVisible());
}

/** The errors an empty form gets: every required field's own "say what to do" message. */
function emptyFormErrors(formCase: FormCase): Array<{ field: string; message: string }> {
  return formFields(formCase.form)
    .filter((field) => field.required)
    .map((field) => ({ field: field.name, message: field.requiredMessage! }));
}

for (const formId of FORM_IDS) {
  const { form } = newFormCase(formId);

  test.describe(`${form.page} (${form.title})`, () => {
    test('with JavaScript: sends without a reload, confirms in place, commits the record and emails a confirmation', async ({ page }) => {
      const formCase = newFormCase(formId);
      const errors = watchForErrors(page);
      const commitsBefore = recordsCommitCount();
      await page.goto(form.page);
      await fillForm(page, form, formCase.answers);
      expect(await readDraft(page, form), 'a draft is kept while the person types').not.toBeNull();
      await waitForMinimumFillTime(page);

      // A marker on window survives only if the page is not reloaded.
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      const posted = page.waitForResponse((response) => new URL(response.url()).pathname === form.endpoint && response.request().method() === 'POST');
      await submitButton(page, formCase).click();
      const response = await posted;
      expect(response.status()).toBe(201);
      expect(response.request().headers()['content-type']).toContain('application/json');
      const { id } = (await response.json()) as { id: string };

      const confirmation = page.locator('.panel-confirmation');
      await expect(confirmation).toBeFocused();
      await expect(confirmation.getByRole('heading')).toHaveText(/Thank you/);
      await expect(confirmation).toContainText(id);
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      await expect(page.locator('form[data-form]')).toHaveCount(0);
      expect(await readDraft(page, form), 'the draft is cleared once the record is stored').toBeNull();

      // One commit, one file at the documented path, holding exactly the validated answers.
      const path = `${formCase.recordFolder}/${id}.json`;
      expect(commitsFor(id)).toHaveLength(1);
      expect(recordsCommitCount(), 'git log grows by one').toBe(commitsBefore + 1);
      const { onDisk, committed } = readRecord(path);
      expect(committed).toEqual(onDisk);
      expect(committed).toMatchObject({ schemaVersion: 1, id, type: form.recordType, answers: formCase.stored });
      if (form.role) expect(committed.role).toBe(form.role);
      expect(Object.keys(committed.answers as object).sort()).toEqual(Object.keys(formCase.stored).sort());

      const email = await PostalMime.parse(await confirmationEmail(id));
      expect(email.to?.map((to) => to.address)).toEqual([formCase.stored.email]);
      expect(email.subject).toBe(form.confirmationSubject);
      expect(errors).toEqual([]);
    });

    test('with JavaScript: an empty form shows the error summary, inline messages and an "Error:" title, with no axe violations', async ({ page }) => {
      const formCase = newFormCase(formId);
      await page.goto(form.page);
      const title = await page.title();
      let requests = 0;
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === form.endpoint) requests += 1;
      });
      await submitButton(page, formCase).click();
      const expected = emptyFormErrors(formCase);
      await expect(errorSummary(page)).toBeFocused();
      await expectErrorsShown(page, formCase, expected);
      await expect(page).toHaveTitle(`Error: ${title}`);
      expect(await axeViolations(page)).toEqual([]);
      await expectSummaryLinksFocusFields(page, formCase, expected);
      expect(requests, 'nothing is sent while the browser can see problems').toBe(0);

      // Fixing every field clears the messages and the title.
      await fillForm(page, form, formCase.answers);
      await page.keyboard.press('Tab');
      await expect(page.locator('.form-group-error')).toHaveCount(0);
    });

    test('with JavaScript: wrong formats get the schema’s own messages, typed values stay, no axe violations', async ({ page }) => {
      const formCase = newFormCase(formId);
      await page.goto(form.page);
      await fillForm(page, form, formCase.wrongFormat.answers);
      await submitButton(page, formCase).click();
      await expect(errorSummary(page)).toBeFocused();
      await expectErrorsShown(page, formCase, formCase.wrongFormat.errors);
      await expectAnswersShown(page, form, formCase.wrongFormat.answers);
      expect(await axeViolations(page)).toEqual([]);
      await expectSummaryLinksFocusFields(page, formCase, formCase.wrongFormat.errors);
    });

    test('with JavaScript: a refusal from the server (503) keeps the answers and the draft, and says nothing was sent', async ({ page }) => {
      const formCase = newFormCase(formId);
      await page.route(form.endpoint, (route) =>
        route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'We could not save your answers just now.' }) }),
      );
      await page.goto(form.page);
      await fillForm(page, form, formCase.answers);
      await waitForMinimumFillTime(page);
      await submitButton(page, formCase).click();
      const problem = page.locator('[data-form-status]');
      await expect(problem).toContainText('We could not save your answers just now.');
      await expect(problem).toContainText(/not (been )?sent/);
      await expect(problem).toBeFocused();
      await expectAnswersShown(page, form, formCase.answers);
      expect(await readDraft(page, form), 'the draft is kept').not.toBeNull();
      await expect(submitButton(page, formCase)).toBeEnabled();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('with JavaScript: the draft survives a reload; clicking send twice sends once', async ({ page }) => {
      const formCase = newFormCase(formId);
      await page.goto(form.page);
      const partial = Object.fromEntries(Object.entries(formCase.answers).slice(0, 4));
      await fillForm(page, form, partial);
      await page.reload();
      await expectAnswersShown(page, form, partial);

      await fillForm(page, form, formCase.answers);
      await waitForMinimumFillTime(page);
      let requests = 0;
      await page.route(form.endpoint, async (route) => {
        requests += 1;
        await new Promise((resolve) => setTimeout(resolve, 800)); // a slow network: time for a second click
        await route.continue();
      });
      const posted = page.waitForResponse((response) => new URL(response.url()).pathname === form.endpoint);
      await submitButton(page, formCase).dblclick();
      await submitButton(page, formCase)
        .click({ timeout: 500 })
        .catch(() => undefined);
      const { id } = (await (await posted).json()) as { id: string };
      await expect(page.locator('.panel-confirmation')).toBeFocused();
      expect(requests).toBe(1);
      expect(commitsFor(id)).toHaveLength(1);
    });

    test('with JavaScript: the page loads only the enhancement script, under 15 KB gzip', async ({ page }) => {
      const scripts = new Map<string, Buffer>();
      page.on('response', async (response) => {
        if (response.request().resourceType() === 'script') scripts.set(response.url(), await response.body());
      });
      const response = await page.goto(form.page, { waitUntil: 'networkidle' });
      const html = await response!.text();
      const sources = [...html.matchAll(/<script\b([^>]*)>/gi)].map((match) => /\bsrc="([^"]+)"/.exec(match[1]!)?.[1]);
      expect(sources.length, 'one script element').toBe(1);
      expect(
        sources.every((src) => src?.startsWith('/_astro/')),
        'no inline scripts',
      ).toBe(true);
      expect([...scripts.keys()].every((url) => new URL(url).pathname.startsWith('/_astro/'))).toBe(true);
      const total = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body).byteLength, 0);
      expect(scripts.size).toBeGreaterThan(0);
      expect(total, `${[...scripts.keys()].join(', ')}: ${total} bytes gzip`).toBeLessThan(FORM_PAGE_JS_BUDGET);
    });
  });

  test.describe(`${form.page} without JavaScript`, () => {
    test.use({ javaScriptEnabled: false });

    test('a valid post to the form’s own address answers 303 to a thanks page with the record’s reference, and commits the record', async ({ page }) => {
      const formCase = newFormCase(formId);
      const commitsBefore = recordsCommitCount();
      await page.goto(form.page);
      await fillForm(page, form, formCase.answers);
      const posted = page.waitForResponse((response) => new URL(response.url()).pathname === form.page && response.request().method() === 'POST');
      await submitButton(page, formCase).click();
      const response = await posted;
      expect(response.status()).toBe(303);
      expect(response.headers().location).toMatch(/^\/thanks\/[0-9a-f-]{36}\/$/);
      await expect(page).toHaveURL(/\/thanks\/[0-9a-f-]{36}\/$/);
      await expect(page.locator('h1')).toHaveText(/Thank you/);
      const stored = recordsWithEmail(formCase.recordFolder, formCase.stored.email as string);
      expect(stored).toHaveLength(1);
      const { committed } = readRecord(stored[0]!);
      expect(committed).toMatchObject({ answers: formCase.stored });
      // The same words as the enhanced form's confirmation, with the stored record's id.
      await expect(page.locator('.panel-confirmation')).toContainText(`Reference: ${committed.id}`);
      expect(await page.locator('script').count()).toBe(0);
      expect(commitsFor(committed.id as string)).toHaveLength(1);
      expect(recordsCommitCount(), 'git log grows by one').toBe(commitsBefore + 1);
    });

    test('an invalid post answers 422 with a page in the site’s layout that keeps what was typed', async ({ page, browser }) => {
      const formCase = newFormCase(formId);
      await page.goto(form.page);
      const typed = { ...formCase.wrongFormat.answers };
      // Leave the first choice question unanswered as well.
      const firstChoice = formFields(form).find((field) => field.required && field.meta.widget === 'radios')!;
      delete typed[firstChoice.name];
      await fillForm(page, form, typed);
      const posted = page.waitForResponse((response) => new URL(response.url()).pathname === form.page && response.request().method() === 'POST');
      await submitButton(page, formCase).click();
      const response = await posted;
      expect(response.status()).toBe(422);
      // The page of problems lives at the form's own address.
      expect(new URL(page.url()).pathname).toBe(form.page);

      const expected = [...formCase.wrongFormat.errors, { field: firstChoice.name, message: firstChoice.requiredMessage! }];
      const order = formFields(form).map((field) => field.name);
      expected.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
      await expect(page.locator('header.site-header')).toBeVisible();
      await expect(page.locator('footer.site-footer')).toBeVisible();
      await expect(page.locator('h1')).toHaveText(form.title);
      await expectErrorsShown(page, formCase, expected);
      await expectAnswersShown(page, form, typed);
      expect(await axeViolationsOfErrorPage(browser, page.url(), await response.text())).toEqual([]);
      await expectSummaryLinksFocusFields(page, formCase, expected);

      // Correcting the answers on that page and sending again works.
      await fillForm(page, form, formCase.answers);
      await submitButton(page, formCase).click();
      await expect(page).toHaveURL(/\/thanks\/[0-9a-f-]{36}\/$/);
    });
  });
}

test('keyboard only: a mentee applies with Tab, Space, arrow keys, typing and Enter', async ({ page }) => {
  const formCase = newFormCase('mentee-application');
  const { form } = formCase;
  await page.goto(form.page);
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  /** Presses Tab until the element with this id has focus. */
  async function tabTo(id: string): Promise<void> {
    for (let presses = 0; presses < 60; presses += 1) {
      if ((await focusedId()) === id) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached #${id}`);
  }

  for (const field of formFields(form)) {
    const answer = formCase.answers[field.name];
    if (answer === undefined) continue;
    const { widget, choices } = field.meta;
    const id = `f-${field.name}`;
    if (widget === 'radios') {
      // Tab enters the group on its first radio; arrow keys move and select.
      await tabTo(id);
      const target = choices!.findIndex((choice) => choice.label === answer);
      if (target === 0) await page.keyboard.press('Space');
      for (let step = 0; step < target; step += 1) await page.keyboard.press('ArrowDown');
    } else if (widget === 'checkboxes') {
      for (const [index, choice] of choices!.entries()) {
        if (!(answer as string[]).includes(choice.label)) continue;
        await tabTo(index === 0 ? id : `${id}-${index + 1}`);
        await page.keyboard.press('Space');
      }
    } else if (widget === 'agreement') {
      await tabTo(id);
      if (answer === true) await page.keyboard.press('Space');
    } else if (widget === 'select') {
      await tabTo(id);
      const target = choices!.findIndex((choice) => choice.label === answer);
      for (let step = 0; step <= target; step += 1) await page.keyboard.press('ArrowDown');
    } else {
      await tabTo(id);
      await page.keyboard.type(answer as string);
    }
  }
  await expectAnswersShown(page, form, formCase.answers);
  await waitForMinimumFillTime(page);
  await page.keyboard.press('Tab');
  await expect(submitButton(page, formCase)).toBeFocused();
  const posted = page.waitForResponse((response) => new URL(response.url()).pathname === form.endpoint);
  await page.keyboard.press('Enter');
  const response = await posted;
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await expect(page.locator('.panel-confirmation')).toBeFocused();
  expect(readRecord(`${formCase.recordFolder}/${id}.json`).committed).toMatchObject({ answers: formCase.stored });
});

test('with JavaScript: an answer needed only with another is checked in the browser in the server’s words, and the server’s 422 shows in the same error summary', async ({
  page,
}) => {
  // "Something else" needs its detail; the schema checks that across fields.
  const formCase = newFormCase('mentee-application');
  const { form } = formCase;
  await page.goto(form.page);
  await fillForm(page, form, { ...formCase.answers, interestsOther: '' });
  await waitForMinimumFillTime(page);
  let requests = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === form.endpoint) requests += 1;
  });
  await submitButton(page, formCase).click();
  await expect(errorSummary(page)).toBeFocused();
  await expectErrorsShown(page, formCase, [{ field: 'interestsOther', message: 'Say which other area interests you.' }]);
  expect(requests, 'the browser caught it without sending').toBe(0);

  // A page that cannot check it (its attribute gone, as on an older copy) gets the server's 422, shown the same way.
  await page.locator('[data-field="interestsOther"]').evaluate((group) => group.removeAttribute('data-required-when'));
  const posted = page.waitForResponse((response) => new URL(response.url()).pathname === form.endpoint);
  await submitButton(page, formCase).click();
  expect((await posted).status()).toBe(422);
  await expect(errorSummary(page)).toBeFocused();
  await expectErrorsShown(page, formCase, [{ field: 'interestsOther', message: 'Say which other area interests you.' }]);
  await expectAnswersShown(page, form, { ...formCase.answers, interestsOther: '' });
  expect(await axeViolations(page)).toEqual([]);
  await expectSummaryLinksFocusFields(page, formCase, [{ field: 'interestsOther', message: 'Say which other area interests you.' }]);
});

test('the confirmation page after a plain post ships no JavaScript and has no axe violations, with its reference or without', async ({ page }) => {
  for (const path of ['/thanks/', '/thanks/4f6e2b1a-9c3d-4e5f-8a7b-1c2d3e4f5a6b/']) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(await response!.text()).not.toMatch(/<script\b/i);
    await expect(page.locator('h1')).toHaveText('Thank you: we have received it');
    expect(await axeViolations(page)).toEqual([]);
  }
  await expect(page.locator('.panel-confirmation')).toContainText('Reference: 4f6e2b1a-9c3d-4e5f-8a7b-1c2d3e4f5a6b');
});
