import { expect, test } from '@playwright/test';
import { errorSummary } from '../../src/components/patterns/errorSummary.ts';
import { ERROR_SUMMARY_EXAMPLES } from '../../src/components/patterns/errorSummary.examples.ts';
import { FIELD_EXAMPLES } from '../../src/components/patterns/field.examples.ts';
import { panel } from '../../src/components/patterns/panel.ts';
import { PANEL_EXAMPLES } from '../../src/components/patterns/panel.examples.ts';
import { axeViolations } from './support/site.ts';

/** A content page of the site, with its styles and no script, as the stage for each example. */
const STAGE = '/mentors/';

/**
 * Each named example of the shared components, in the site's own page and styles, passes axe
 * (light and dark mode) and behaves as GOV.UK's does.
 */
for (const [name, options] of Object.entries(ERROR_SUMMARY_EXAMPLES)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`error summary, ${name} (${colorScheme}): no axe violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(STAGE);
      const markup = errorSummary(options);
      await page.locator('main').evaluate((main, html) => {
        main.innerHTML = `<h1>Example</h1>${html}<p id="f-email">Email</p><p id="f-areas">Areas</p>`;
      }, markup);
      const summary = page.locator('[data-error-summary]');
      await expect(summary).toHaveCount(1);
      expect(await axeViolations(page)).toEqual([]);
      if ('errors' in options) {
        await expect(summary.getByRole('link')).toHaveCount(options.errors.length);
        await expect(summary).toBeVisible();
      }
    });
  }
}

for (const [name, { options, content }] of Object.entries(PANEL_EXAMPLES)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`panel, ${name} (${colorScheme}): no axe violations, its edge in the colour of its kind`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(STAGE);
      await page.locator('main').evaluate(
        (main, html) => {
          main.innerHTML = `<h1>Example</h1>${html}`;
        },
        panel(content, options),
      );
      const box = page.locator('main .panel');
      await expect(box).toHaveCount(1);
      await expect(box).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      const kind = 'kind' in options ? options.kind : 'information';
      const edge = await box.evaluate((element) => getComputedStyle(element).borderLeftColor);
      const green = 'rgb(0, 112, 60)';
      const amber = 'rgb(179, 89, 0)';
      // Information keeps the site's link colour as its edge; the other kinds have their own.
      if (kind === 'information') expect([green, amber]).not.toContain(edge);
      else expect(edge).toBe(kind === 'warning' ? amber : green);
    });
  }
}

for (const [name, { markup, inError }] of Object.entries(FIELD_EXAMPLES)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`field, ${name} (${colorScheme}): no axe violations, the control named by its label`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(STAGE);
      await page.locator('main').evaluate((main, html) => {
        main.innerHTML = `<h1>Example</h1><form class="form" action="/" method="post">${html}</form>`;
      }, markup);
      expect(await axeViolations(page)).toEqual([]);
      const first = page.locator('main input').first();
      await expect(first).toBeVisible();
      expect(await first.evaluate((input) => (input as HTMLInputElement).labels?.length ?? 0)).toBe(1);
      await expect(page.locator('main .form-group-error')).toHaveCount(inError ? 1 : 0);
      if (inError) await expect(page.locator('main .error-message')).toBeVisible();
    });
  }
}
