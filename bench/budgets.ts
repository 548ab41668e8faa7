/**
 * The byte budgets of the built site, checked in `npm test` by bench/budgets.test.ts and
 * explained in docs/adr/0007-benchmarks.md.
 */
const KB = 1024;

/** The enhancement script of a form page, with everything it imports (issue 7). */
export const FORM_PAGE_JS_GZIP_BUDGET = 15 * KB;
/** The archive's search module at load (Pagefind's runtime and index come only when someone searches). */
export const ARCHIVE_JS_GZIP_BUDGET = 3 * KB;
/** Render-blocking CSS of any page, all its stylesheets together. */
export const PAGE_CSS_GZIP_BUDGET = 10 * KB;
/** The HTML document of any page. */
export const PAGE_HTML_GZIP_BUDGET = 30 * KB;
