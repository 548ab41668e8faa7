/**
 * What each built page makes a browser download before it is usable, read from dist/ alone:
 * the HTML, every stylesheet it links (and their @imports), every script it loads (and the
 * modules those import statically), each counted raw and gzipped (files travel one by one, so
 * each is compressed on its own). Used by `npm run bench` (bytes shipped) and by the budget gate
 * in `npm test` (bench/budgets.test.ts), so both count bytes the same way.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Weight {
  raw: number;
  gzip: number;
}

export interface PageWeight {
  /** Site path, e.g. /apply/mentor/. */
  path: string;
  type: PageType;
  html: Weight;
  css: Weight;
  js: Weight;
  /** Number of <script> elements in the HTML (inline or external). */
  scriptElements: number;
  /** Local files the page loads (stylesheets and scripts, module imports followed). */
  files: string[];
  /** Referenced local files that are missing from dist/. */
  missing: string[];
  /** Scripts, stylesheets or images loaded from another origin. */
  external: string[];
}

export type PageType = 'program' | 'archive' | 'topic' | 'theme' | 'form' | 'thanks' | 'not-found' | 'other';

/** Form pages: the only pages besides the archive allowed a script (the enhancement). */
export const FORM_PATHS = ['/apply/mentor/', '/apply/mentee/', '/evaluation/mentor/', '/evaluation/mentee/', '/contact/'];

export function pageType(path: string): PageType {
  if (path === '/') return 'program';
  if (path === '/topics/') return 'archive';
  if (/^\/topics\/themes\/[^/]+\/$/.test(path)) return 'theme';
  if (/^\/topics\/\d{4}-\d{2}-[^/]+\/$/.test(path)) return 'topic';
  if (FORM_PATHS.includes(path)) return 'form';
  if (path === '/thanks/') return 'thanks';
  if (path === '/404') return 'not-found';
  return 'other';
}

export const weigh = (content: Buffer | string): Weight => {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return { raw: bytes.byteLength, gzip: gzipSync(bytes).byteLength };
};

const add = (a: Weight, b: Weight): Weight => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });
const ZERO: Weight = { raw: 0, gzip: 0 };

/** Every HTML page in dist/ as a site path (404.html → /404; admin/ and pagefind/ left out). */
export function htmlPages(dist: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (dir === dist && ['admin', 'pagefind', '_astro'].includes(entry.name)) continue;
        walk(full);
      } else if (entry.name.endsWith('.html')) {
        const rel = relative(dist, full).split(sep).join('/');
        pages.push(rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel.replace(/\.html$/, '')}`);
      }
    }
  };
  walk(dist);
  return pages.sort();
}

export function htmlFileFor(dist: string, path: string): string {
  return path.endsWith('/') ? join(dist, path, 'index.html') : join(dist, `${path}.html`);
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((value) => value !== undefined);

/** Static imports and re-exports of an ES module: import"x", import{a}from"x", export*from"x". */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*${}\s,]*?\s*from\s*)?["']([^"']+)["']/g)) found.add(match[1]!);
  return [...found];
}

/** CSS @import targets. */
function cssImports(code: string): string[] {
  return [...code.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g)].map((match) => match[1]!);
}

export function weighPage(dist: string, path: string): PageWeight {
  const html = readFileSync(htmlFileFor(dist, path), 'utf8');
  const result: PageWeight = { path, type: pageType(path), html: weigh(html), css: ZERO, js: ZERO, scriptElements: 0, files: [], missing: [], external: [] };
  const seen = new Set<string>();
  const base = new URL(path, 'http://site.invalid');

  const load = (href: string, from: URL, kind: 'css' | 'js') => {
    const url = new URL(href, from);
    if (url.origin !== base.origin) {
      result.external.push(url.href);
      return;
    }
    const sitePath = decodeURIComponent(url.pathname);
    if (seen.has(sitePath)) return;
    seen.add(sitePath);
    const file = join(dist, ...sitePath.split('/').filter(Boolean));
    if (!existsSync(file) || !statSync(file).isFile()) {
      result.missing.push(sitePath);
      return;
    }
    const content = readFileSync(file);
    result.files.push(sitePath);
    result[kind] = add(result[kind], weigh(content));
    const text = content.toString('utf8');
    for (const target of kind === 'js' ? staticImports(text) : cssImports(text)) {
      if (target.startsWith('.') || target.startsWith('/')) load(target, url, kind);
    }
  };

  for (const match of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = match[0];
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attribute(tag, 'href');
    if (!href) continue;
    if (rel.includes('stylesheet')) load(href, base, 'css');
    else if (rel.includes('modulepreload')) load(href, base, 'js');
  }
  for (const match of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) result.css = add(result.css, weigh(match[1]!));
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    result.scriptElements += 1;
    const src = attribute(match[1]!, 'src');
    if (src) load(src, base, 'js');
    else result.js = add(result.js, weigh(match[2]!));
  }
  for (const match of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = attribute(match[0], 'src');
    if (src && /^(https?:)?\/\//i.test(src) && new URL(src, base).origin !== base.origin) result.external.push(src);
  }
  return result;
}

/** Every page of dist/, weighed. */
export function weighSite(dist: string): PageWeight[] {
  return htmlPages(dist).map((path) => weighPage(dist, path));
}

/** The archive's search runtime, fetched on first use (not at load): Pagefind's module, worker and WebAssembly. */
export function searchRuntimeWeight(dist: string): Weight & { files: string[] } {
  const folder = join(dist, 'pagefind');
  if (!existsSync(folder)) return { raw: 0, gzip: 0, files: [] };
  const names = readdirSync(folder).filter((name) => name === 'pagefind.js' || name === 'pagefind-worker.js' || /^wasm\.en\.pagefind$/.test(name));
  let total = ZERO;
  for (const name of names) total = add(total, weigh(readFileSync(join(folder, name))));
  return { ...total, files: names.map((name) => posix.join('/pagefind', name)) };
}
