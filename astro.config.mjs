// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import pagefind from 'astro-pagefind';
import decapCms from './admin/integration.ts';

// Imported only for `astro dev` (the command is known here from the command line only): a build
// does not use it, and importing it costs seconds.
const devServer = process.argv.includes('dev') && !process.env.VITEST;
const netlifyDev = devServer ? (await import('@netlify/vite-plugin')).default : undefined;
const localFunctions = devServer ? (await import('./scripts/dev/viteFunctions.ts')).localNetlifyFunctions : undefined;

/** Pages that are personal, transactional or for editors: kept out of the sitemap and search engines. */
const UNLISTED = ['/admin/', '/thanks/', '/check-in/', '/email-preferences/', '/404', '/form-shell/'];

export default defineConfig({
  // SITE_URL when set; otherwise, on Netlify, the site's primary address (URL), so canonical links,
  // the sitemap and the feeds never point at localhost on a deploy that forgot SITE_URL.
  site: process.env.SITE_URL ?? process.env.URL ?? 'http://localhost:4321',
  trailingSlash: 'ignore',
  // npm start's port (scripts/start.ts); never moved silently, since links and SITE_URL name it.
  server: { port: Number(process.env.PORT) || 4321 },
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
    // Inside `astro dev`: the functions, in-process (scripts/dev/localFunctions.ts; Netlify's own
    // emulation bundles each function on every call), then Netlify's emulation for Blobs and
    // netlify.toml's headers. Not under vitest, whose tests call the functions directly.
    plugins:
      localFunctions && netlifyDev
        ? [localFunctions(), netlifyDev({ functions: { enabled: false }, edgeFunctions: { enabled: false }, database: { enabled: false }, images: { enabled: false } })]
        : [],
    // Never inline a small script or asset: the CSP allows scripts from files only ('self').
    build: { assetsInlineLimit: 0 },
    // What the product writes while it runs (the CMS's workspace, records, outbox) is no source:
    // the watcher leaves it alone, so the CMS's git work there never reaches the dev server.
    server: { strictPort: true, watch: { ignored: ['**/.data/**'] } },
  },
});
