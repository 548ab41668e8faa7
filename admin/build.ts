import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { parse as parseYaml } from 'yaml';
import { contentDir, DEFAULT_CONTENT_DIR } from '../src/lib/contentDir.ts';
import type { CmsPageOptions } from './cmsConfig.ts';

/**
 * Builds the /admin page: Decap CMS bundled from node_modules with esbuild (no CDN at build or
 * run time), and the page that loads it with its options.
 */

/** esbuild options for the CMS bundle (admin/main.ts and Decap, React 19 in production mode). */
export function cmsBundleOptions(root: string, minify: boolean): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: [join(root, 'admin/main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    // React's production build also in `npm start`: its development warnings are not for editors.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    minify,
    legalComments: minify ? 'linked' : 'none',
    charset: 'utf8',
    logLevel: 'warning',
  };
}

/** The site's global stylesheet on its own, for the preview pane under `npm start`. */
export async function bundleSiteStylesheet(root: string): Promise<string> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src/styles/global.css')],
    bundle: true,
    write: false,
    minify: true,
    logLevel: 'warning',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** The admin page with its options written in (as JSON that cannot close the script element). */
export async function renderAdminPage(root: string, options: CmsPageOptions & { localBackendPath?: string }): Promise<string> {
  const template = await readFile(join(root, 'admin/index.html'), 'utf8');
  const json = JSON.stringify(options).replaceAll('<', '\\u003c');
  return template.replace(/(<script id="cms-options" type="application\/json">)[\s\S]*?(<\/script>)/, `$1${json}$2`);
}

/** The stylesheets a built page links to, in order (the site's own CSS for the previews). */
export function linkedStylesheets(html: string): string[] {
  const hrefs: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    if (!/\brel=["']?stylesheet\b/.test(tag)) continue;
    const href = /\bhref=["']?([^"'\s>]+)/.exec(tag)?.[1];
    if (href?.startsWith('/')) hrefs.push(href);
  }
  return hrefs;
}

/** `owner/name` from a GitHub remote address (https or ssh), or null. */
export function githubRepoFromUrl(url: string | undefined): string | null {
  const match = /github\.com[/:]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url?.trim() ?? '');
  return match ? `${match[1]}/${match[2]}` : null;
}

/**
 * Where published content goes and how editors sign in, from the build's environment: Netlify
 * sets REPOSITORY_URL, SITE_ID and URL in its builds; elsewhere the git remote `origin` names the
 * repository. CMS_GITHUB_REPO and CMS_GITHUB_BRANCH override them.
 */
/** The logo settings name (organisation.logo), or undefined; the build's own checks report a bad one. */
function settingsLogo(root: string, env: Record<string, string | undefined>): string | undefined {
  try {
    const settings = parseYaml(readFileSync(join(root, contentDir(env), 'settings.yaml'), 'utf8')) as { organisation?: { logo?: unknown } };
    const logo = settings.organisation?.logo;
    return typeof logo === 'string' && logo.trim() ? logo.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function backendFromEnvironment(env: Record<string, string | undefined>, root: string): Omit<CmsPageOptions, 'previewStyles'> & { warning?: string } {
  let repo = env.CMS_GITHUB_REPO?.trim() || githubRepoFromUrl(env.REPOSITORY_URL);
  if (!repo) {
    try {
      repo = githubRepoFromUrl(execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      repo = null;
    }
  }
  return {
    repo: repo ?? 'OWNER/REPOSITORY',
    branch: env.CMS_GITHUB_BRANCH?.trim() || 'main',
    ...(env.SITE_ID ? { netlifySite: env.SITE_ID } : {}),
    ...(env.URL || env.SITE_URL ? { siteUrl: env.URL || env.SITE_URL } : {}),
    ...(contentDir(env) !== DEFAULT_CONTENT_DIR ? { contentDir: contentDir(env) } : {}),
    ...(settingsLogo(root, env) ? { logoUrl: settingsLogo(root, env) } : {}),
    ...(repo ? {} : { warning: 'The CMS does not know the GitHub repository of the site: set CMS_GITHUB_REPO=owner/name (Netlify builds set REPOSITORY_URL).' }),
  };
}
