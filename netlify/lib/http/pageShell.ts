import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';
import { htmlResponse } from './securityHeaders.ts';

const TITLE = '%%PAGE_TITLE%%';
const CONTENT = '<!--%%PAGE_CONTENT%%-->';

let cached: string | undefined;

/**
 * The dev server inlines the site's stylesheets as <style> elements, which the functions' CSP
 * (style-src 'self') blocks: pages looked unstyled under `npm start`. Vite serves the same CSS
 * as a file when asked with `direct`, so each inline stylesheet becomes a link to it.
 */
export function linkDevStylesheets(shell: string, rootDir: string): string {
  return shell.replace(/<style[^>]*\bdata-vite-dev-id="([^"]+)"[^>]*>[\s\S]*?<\/style>/g, (inline, id: string) => {
    const path = relative(rootDir, id);
    if (path.startsWith('..') || isAbsolute(path)) return inline;
    const href = `/${path.split(sep).join('/')}${path.includes('?') ? '&' : '?'}direct`;
    return `<link rel="stylesheet" href="${escapeHtml(href)}">`;
  });
}

/**
 * The site's layout as built (dist/form-shell/index.html, shipped with the functions), with
 * placeholders for the title and content. In `astro dev` there is no dist/, so it is fetched
 * from the dev server, which renders the same page.
 */
export async function loadPageShell(requestUrl: string, rootDir: string = process.cwd()): Promise<string> {
  if (cached) return cached;
  let shell: string;
  try {
    shell = await readFile(resolve(rootDir, 'dist/form-shell/index.html'), 'utf8');
  } catch {
    const response = await fetch(new URL('/form-shell/', requestUrl), { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`The page shell is missing (dist/form-shell/index.html) and the site answered ${response.status}.`);
    shell = linkDevStylesheets(await response.text(), rootDir);
  }
  if (!shell.includes(CONTENT) || !shell.includes(TITLE)) throw new Error('The page shell has no placeholders; rebuild the site.');
  cached = shell;
  return shell;
}

/** Fills the shell: the title (escaped here) and content that is already safe HTML. */
export function fillPageShell(shell: string, title: string, contentHtml: string): string {
  return shell.replaceAll(TITLE, escapeHtml(title)).replace(CONTENT, contentHtml);
}

/** A page in the site's layout (the built shell) with the security headers: every HTML answer of a function. */
export async function shellPage(request: Request, status: number, title: string, contentHtml: string, options: { scripts?: boolean } = {}): Promise<Response> {
  const shell = await loadPageShell(request.url);
  const page = fillPageShell(shell, title, contentHtml);
  // The shell carries the forms' enhancement script; a page without a form leaves it out, as content pages do.
  return htmlResponse(status, options.scripts === false ? page.replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '') : page);
}
