/**
 * Quality gates on the built site (issue 7, item 7): fast, static checks of dist/ that fail CI
 * when a change makes pages heavier or adds script where there should be none. `npm test` builds
 * dist/ first (`npm run build:test`). The long measurements (Lighthouse, build times, load) stay
 * in `npm run bench`; the browser checks (axe on every sitemap page, console errors, the
 * network-level script budget) are in tests/browser/. Budgets are explained in
 * docs/adr/0007-benchmarks.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ARCHIVE_JS_GZIP_BUDGET, FORM_PAGE_JS_GZIP_BUDGET, PAGE_CSS_GZIP_BUDGET, PAGE_HTML_GZIP_BUDGET } from './budgets.ts';
import { FORM_PATHS, htmlFileFor, type PageWeight, weighSite } from './lib/pageWeights.ts';

const DIST = 'dist';
const KB = 1024;
const NOT_BUILT = 'dist/ is missing (no dist/index.html or dist/sitemap-0.xml): run `npm run build:test` first';
/** Pages that may carry a script: the forms (enhancement), the archive (search), the form shell. */
const SCRIPT_ALLOWED = new Set([...FORM_PATHS, '/topics/', '/form-shell/']);

const built = existsSync(`${DIST}/index.html`) && existsSync(`${DIST}/sitemap-0.xml`);

describe('byte budgets of the built site (dist/)', () => {
  // Without dist/ every gate fails and says what to run: a gate that skipped would hide regressions.
  beforeEach(() => {
    expect(built, NOT_BUILT).toBe(true);
  });
  const pages = built ? weighSite(DIST) : [];
  const byPath = new Map(pages.map((page) => [page.path, page]));
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
  const over = (list: PageWeight[], value: (page: PageWeight) => number, budget: number) =>
    list.filter((page) => value(page) > budget).map((page) => `${page.path}: ${kb(value(page))} gzip > ${kb(budget)}`);

  it('found the pages it checks', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const path of ['/', '/topics/', ...FORM_PATHS]) expect(byPath.has(path), path).toBe(true);
    expect(pages.some((page) => page.type === 'topic')).toBe(true);
  });

  it('ships no JavaScript on content pages (only the forms and the archive’s search load a script)', () => {
    const offenders = pages.filter((page) => !SCRIPT_ALLOWED.has(page.path) && (page.scriptElements > 0 || page.js.raw > 0));
    expect(offenders.map((page) => `${page.path}: ${page.scriptElements} <script>, ${page.js.raw} bytes`)).toEqual([]);
  });

  it(`keeps each form page's JavaScript within ${kb(FORM_PAGE_JS_GZIP_BUDGET)} gzip`, () => {
    const forms = FORM_PATHS.map((path) => byPath.get(path)!);
    for (const form of forms) expect(form.js.gzip, `${form.path} loads its enhancement script`).toBeGreaterThan(0);
    expect(over(forms, (page) => page.js.gzip, FORM_PAGE_JS_GZIP_BUDGET)).toEqual([]);
  });

  it(`keeps the archive's search module within ${kb(ARCHIVE_JS_GZIP_BUDGET)} gzip at load`, () => {
    const archive = byPath.get('/topics/')!;
    expect(archive.js.gzip, 'the archive loads its search module').toBeGreaterThan(0);
    expect(over([archive], (page) => page.js.gzip, ARCHIVE_JS_GZIP_BUDGET)).toEqual([]);
  });

  it(`keeps every page's stylesheets within ${kb(PAGE_CSS_GZIP_BUDGET)} gzip and its HTML within ${kb(PAGE_HTML_GZIP_BUDGET)} gzip`, () => {
    expect(over(pages, (page) => page.css.gzip, PAGE_CSS_GZIP_BUDGET)).toEqual([]);
    expect(over(pages, (page) => page.html.gzip, PAGE_HTML_GZIP_BUDGET)).toEqual([]);
  });

  it('loads nothing from another origin, and every stylesheet and script it links exists', () => {
    expect(pages.flatMap((page) => page.external.map((url) => `${page.path} loads ${url}`))).toEqual([]);
    expect(pages.flatMap((page) => page.missing.map((file) => `${page.path} links missing ${file}`))).toEqual([]);
  });

  it('gives every sitemap page what Lighthouse’s SEO and best-practice audits look for: lang, viewport, title, description, canonical', () => {
    const xml = readFileSync(`${DIST}/sitemap-0.xml`, 'utf8');
    const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).pathname);
    const problems: string[] = [];
    for (const path of paths) {
      const html = readFileSync(htmlFileFor(DIST, path), 'utf8');
      const head = html.slice(0, html.search(/<\/head>/i));
      if (!/^<!doctype html>/i.test(html)) problems.push(`${path}: no <!DOCTYPE html>`);
      if (!/<html\b[^>]*\blang="[a-z]{2}/i.test(html)) problems.push(`${path}: <html> has no lang`);
      if (!/<meta\s+name="viewport"\s+content="[^"]*width=device-width/i.test(head)) problems.push(`${path}: no viewport meta`);
      if (!/<title>[^<]{3,}<\/title>/i.test(head)) problems.push(`${path}: no title`);
      if (!/<meta\s+name="description"\s+content="[^"]{20,}"/i.test(head)) problems.push(`${path}: no meta description of 20+ characters`);
      if (!/<link\s+rel="canonical"\s+href="https?:\/\/[^"]+"/i.test(head)) problems.push(`${path}: no absolute canonical link`);
      if (/<meta\s+name="robots"\s+content="[^"]*noindex/i.test(head)) problems.push(`${path}: listed in the sitemap but marked noindex`);
    }
    expect(problems).toEqual([]);
  });
});

// The same reason in a test of its own, outside the budget gates.
it('has a built site to check (npm test builds it first with `npm run build:test`)', () => {
  expect(built, NOT_BUILT).toBe(true);
});
