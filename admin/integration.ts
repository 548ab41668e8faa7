import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { backendFromEnvironment, bundleSiteStylesheet, linkedStylesheets, renderAdminPage } from './build.ts';
import { type CmsBundle, cmsBundle } from './cmsBundle.ts';
import { localBackendPort } from './localBackendPort.ts';

/** Where the CMS page reaches Decap's local backend under `npm start` (proxied by the dev server). */
export const LOCAL_BACKEND_PATH = '/admin/api/v1';

/**
 * /admin: Decap CMS. `astro build` writes dist/admin (the page and the bundled CMS); `astro dev`
 * serves the same page and bundle, and passes the CMS's calls to Decap's local backend
 * (admin/localBackend.ts), so the page talks only to its own origin. Both take the bundle from
 * its cache while its inputs are unchanged (admin/cmsBundle.ts).
 */
export default function decapCms(): AstroIntegration {
  let root = process.cwd();
  let bundle: Promise<CmsBundle> | undefined;
  return {
    name: 'decap-cms',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        root = fileURLToPath(config.root);
        if (command === 'build') {
          // The bundle depends on admin/ and node_modules only, not on the pages: it is taken from
          // the cache, or made by esbuild while Astro builds the site; build:done writes it out.
          bundle = cmsBundle(root);
          // Awaited in build:done; a build that fails before then reports its own error.
          bundle.catch(() => {});
        }
        if (command !== 'dev') return;
        updateConfig({
          vite: {
            plugins: [{ name: 'decap-cms-dev', configureServer: (server) => serveAdminInDev(server, root, logger) }],
            // The local backend's git workspace changes branches while it works: nothing to reload.
            server: { watch: { ignored: ['**/.data/cms-workspace/**'] } },
          },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        const backend = backendFromEnvironment(process.env, root);
        if (backend.warning) logger.warn(backend.warning);
        const { warning: _warning, ...options } = backend;
        const previewStyles = await builtStylesheets(dist);
        await mkdir(join(dist, 'admin'), { recursive: true });
        const made = await (bundle ?? cmsBundle(root));
        // cms.js and its linked licence file.
        for (const file of made.files) await writeFile(join(dist, 'admin', file.name), file.contents);
        await writeFile(join(dist, 'admin/index.html'), await renderAdminPage(root, { ...options, previewStyles }));
        logger.info(`CMS written to ${join(dist, 'admin')}${made.cached ? ' from its cache' : ''} (content in ${options.repo}, branch ${options.branch})`);
      },
    },
  };
}

/** The built site's own stylesheets: those the program page and a topic page link to. */
async function builtStylesheets(dist: string): Promise<string[]> {
  const pages = [join(dist, 'index.html')];
  const topics = await readdir(join(dist, 'topics'), { withFileTypes: true }).catch(() => []);
  const topic = topics.find((entry) => entry.isDirectory() && /^\d{4}-\d{2}-/.test(entry.name));
  if (topic) pages.push(join(dist, 'topics', topic.name, 'index.html'));
  const hrefs = new Set<string>();
  for (const page of pages) {
    const html = await readFile(page, 'utf8').catch(() => '');
    for (const href of linkedStylesheets(html)) hrefs.add(href);
  }
  return [...hrefs];
}

interface DevServer {
  middlewares: { use(handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): void };
  watcher: { on(event: 'all', listener: (event: string, file: string) => void): void };
  httpServer: { once(event: 'close' | 'listening', listener: () => void): void } | null;
}

function serveAdminInDev(server: DevServer, root: string, logger: AstroIntegrationLogger): void {
  // Vite servers without an HTTP server (vitest, astro sync) serve no pages.
  if (!server.httpServer) return;
  // The same bundle as the build's, from its cache when nothing it reads has changed.
  let bundle: Promise<CmsBundle> | null = null;
  const build = () => {
    bundle ??= cmsBundle(root).catch((error: unknown) => {
      bundle = null;
      throw error;
    });
    return bundle;
  };
  const file = (name: string) => build().then((made) => made.files.find((entry) => entry.name === name));
  // Start now, once the server listens: the first visit to /admin/ then does not wait for it,
  // and a bundle that must be made does not slow the server's own start.
  server.httpServer.once('listening', () => void build().catch((error: unknown) => logger.error(`The CMS bundle failed: ${error instanceof Error ? error.message : error}`)));
  const watched = ['admin', 'src/schemas', 'src/lib', 'src/styles'].map((folder) => join(root, folder) + sep);
  server.watcher.on('all', (_event, changed) => {
    if (watched.some((folder) => changed.startsWith(folder))) bundle = null;
  });

  server.middlewares.use((req, res, next) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string | Buffer) => {
      res.statusCode = 200;
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    };
    const fail = (error: unknown) => {
      logger.error(`/admin: ${error instanceof Error ? error.message : String(error)}`);
      res.statusCode = 500;
      res.end('The CMS could not be prepared; see the terminal.');
    };
    if (path === '/admin') {
      res.statusCode = 301;
      res.setHeader('Location', '/admin/');
      res.end();
    } else if (path === '/admin/' || path === '/admin/index.html') {
      const { warning: _warning, ...backend } = backendFromEnvironment(process.env, root);
      renderAdminPage(root, { ...backend, localBackendPath: LOCAL_BACKEND_PATH, previewStyles: ['/theme.css', '/admin/site.css'] })
        .then((html) => send('text/html; charset=utf-8', html))
        .catch(fail);
    } else if (path === '/admin/cms.js' || path === '/admin/cms.js.LEGAL.txt') {
      file(path.slice('/admin/'.length))
        .then((found) => (found ? send(path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/plain; charset=utf-8', Buffer.from(found.contents)) : next()))
        .catch(fail);
    } else if (path === '/admin/site.css') {
      bundleSiteStylesheet(root)
        .then((css) => send('text/css; charset=utf-8', css))
        .catch(fail);
    } else if (path === LOCAL_BACKEND_PATH) {
      proxyToLocalBackend(req, res);
    } else {
      next();
    }
  });
}

/** Passes one CMS call to Decap's local backend on this machine. */
function proxyToLocalBackend(req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    { host: '127.0.0.1', port: localBackendPort(process.env), path: '/api/v1', method: req.method, headers: { 'content-type': req.headers['content-type'] ?? 'application/json' } },
    (answer) => {
      res.statusCode = answer.statusCode ?? 502;
      res.setHeader('Content-Type', answer.headers['content-type'] ?? 'application/json');
      res.setHeader('Cache-Control', 'no-store');
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) return void res.end();
    res.statusCode = 503;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ error: 'The local CMS backend is not running. Start the site with `npm start`, which runs it too.' }));
  });
  req.pipe(upstream);
}
