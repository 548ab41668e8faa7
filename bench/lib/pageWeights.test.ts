import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlPages, pageType, weighPage } from './pageWeights.ts';

const dist = mkdtempSync(join(tmpdir(), 'page-weights-'));
const put = (path: string, content: string) => {
  mkdirSync(dirname(join(dist, path)), { recursive: true });
  writeFileSync(join(dist, path), content);
};
afterAll(() => rmSync(dist, { recursive: true, force: true }));

put(
  'index.html',
  '<!doctype html><html><head><link rel="stylesheet" href="/a.css"><link rel=stylesheet href="/_astro/b.css"></head><body><img src="https://cdn.example/x.png"></body></html>',
);
put('a.css', '@import "./c.css"; body{color:red}');
put('c.css', 'p{margin:0}');
put('_astro/b.css', 'h1{font-size:2rem}');
put('apply/mentor/index.html', '<script type="module" src="/_astro/page.js"></script><script>var inline=1</script><link rel="modulepreload" href="/_astro/pre.js">');
put('_astro/page.js', 'import"./enhance.js";import{a as b}from"./shared.js";export*from"./more.js";const later=()=>import("./lazy.js");');
put('_astro/enhance.js', 'import{a}from"./shared.js";console.log(a)');
put('_astro/shared.js', 'export const a=1');
put('_astro/more.js', 'export const m=2');
put('_astro/lazy.js', 'export const lazy=3'.repeat(100));
put('_astro/pre.js', 'export const p=4');
put('topics/2027-01-x/index.html', '<link rel="stylesheet" href="/gone.css">');
put('404.html', '<p>not found</p>');
put('admin/index.html', '<script src="/admin/cms.js"></script>');

describe('page weights', () => {
  it('lists the pages as site paths, without admin/', () => {
    expect(htmlPages(dist)).toEqual(['/', '/404', '/apply/mentor/', '/topics/2027-01-x/']);
    expect(pageType('/topics/2027-01-x/')).toBe('topic');
    expect(pageType('/topics/themes/x/')).toBe('theme');
  });

  it('counts linked stylesheets and their @imports, and notes other origins', () => {
    const page = weighPage(dist, '/');
    expect(page.files).toEqual(['/a.css', '/c.css', '/_astro/b.css']);
    expect(page.css.raw).toBe('@import "./c.css"; body{color:red}'.length + 'p{margin:0}'.length + 'h1{font-size:2rem}'.length);
    expect(page.css.gzip).toBeGreaterThan(0);
    expect(page.js).toEqual({ raw: 0, gzip: 0 });
    expect(page.scriptElements).toBe(0);
    expect(page.external).toEqual(['https://cdn.example/x.png']);
  });

  it('follows static module imports once each, counts inline scripts and modulepreloads, not dynamic imports', () => {
    const page = weighPage(dist, '/apply/mentor/');
    expect(page.scriptElements).toBe(2);
    expect(page.files.sort()).toEqual(['/_astro/enhance.js', '/_astro/more.js', '/_astro/page.js', '/_astro/pre.js', '/_astro/shared.js']);
    expect(page.files).not.toContain('/_astro/lazy.js');
    expect(page.js.raw).toBeGreaterThan('var inline=1'.length);
  });

  it('reports a linked file that is missing', () => {
    expect(weighPage(dist, '/topics/2027-01-x/').missing).toEqual(['/gone.css']);
  });
});
