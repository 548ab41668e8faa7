// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import pagefind from 'astro-pagefind';
import decapCms from './admin/integration.ts';

// Imported only for `astro dev` (the command is known here from the command line only): a build
// does not use it, and importing it costs seconds.
const netlifyDev = process.argv.includes('dev') && !process.env.VITEST ? (await import('@netlify/vite-plugin')).default : undefined;

/** Pages that are personal, transactional or for editors: kept out of the sitemap and search engines. */
const UNLISTED = ['/admin/', '/thanks/', '/check-in/', '/email-preferences/', '/404', '/form-shell/'];

export default defineConfig({
  // SITE_URL when set; otherwise, on Netlify, the site's primary address (URL), so canonical links,
  // the sitemap and the feeds never point at localhost on a deploy that forgot SITE_URL.
  site: process.env.SITE_URL ?? process.env.URL ?? 'http://localhost:4321',
  trailingSlash: 'ignore',
  build: {
    format: 'directory',
    // External stylesheets only, so the Content-Security-Policy needs no 'unsafe-inline' for styles.
    inlineStylesheets: 'never',
    // Pages render while earlier ones are written to disk (with one at a time, the build thread
    // sat idle for about a third of page generation waiting on file writes). Same files.
    concurrency: 4,
  },
  devToolbar: { enabled: false },
  integrations: [
    mdx(),
    sitemap({ filter: (page) => !UNLISTED.some((path) => new URL(page).pathname.startsWith(path)) }),
    pagefind(),
    // /admin: Decap CMS bundled from node_modules (dist/admin at build; served and proxied in dev).
    decapCms(),
  ],
  vite: {
    // Netlify's own emulation (functions, Blobs, netlify.toml headers) inside `astro dev`.
    // Not under vitest, whose tests call the functions directly and start their own servers.
    plugins: netlifyDev ? [netlifyDev({ edgeFunctions: { enabled: false }, database: { enabled: false }, images: { enabled: false } })] : [],
    // Never inline a small script or asset: the CSP allows scripts from files only ('self').
    build: { assetsInlineLimit: 0 },
  },
});
