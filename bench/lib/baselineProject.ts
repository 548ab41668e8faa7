/**
 * The baseline the build benchmark compares against: the smallest reasonable Astro site that
 * renders the same topics. One layout, one page per topic (title, summary, the Markdown body,
 * the questions), one content collection without a schema, no integrations; a robots.txt and a
 * 404 page, as any public site has. Written afresh by
 * every benchmark run, with the project's own Astro (node_modules linked, caches its own).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkNodeModules } from './common.ts';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'baseline-site', private: true, type: 'module', scripts: { build: 'astro build' } }, null, 2),
  'astro.config.mjs': `import { defineConfig } from 'astro/config';\nexport default defineConfig({ site: process.env.SITE_URL ?? 'http://localhost:4321' });\n`,
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

export const collections = { topics: defineCollection({ loader: glob({ pattern: '*.md', base: 'content/topics' }) }) };
`,
  'src/layouts/Layout.astro': `---
const { title, description } = Astro.props;
---
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{title}</title>
    <meta name="description" content={description} />
    <link rel="icon" href="data:," />
  </head>
  <body>
    <main><slot /></main>
  </body>
</html>
<style is:global>
  body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 40rem; padding: 1rem; color: #1a1a1a; }
  a { color: #1d4f91; }
</style>
`,
  // What any public site has, so the browser's automatic requests do not end in server errors.
  'public/robots.txt': 'User-agent: *\nAllow: /\n',
  'src/pages/404.astro': `---
import Layout from '../layouts/Layout.astro';
---
<Layout title="Page not found" description="There is no page at this address."><h1>Page not found</h1></Layout>
`,
  'src/pages/topics/[slug].astro': `---
import { getCollection, render } from 'astro:content';
import Layout from '../../layouts/Layout.astro';

export async function getStaticPaths() {
  const topics = await getCollection('topics');
  return topics.map((topic) => ({ params: { slug: topic.id }, props: { topic } }));
}
const { topic } = Astro.props;
const { Content } = await render(topic);
---
<Layout title={topic.data.title} description={topic.data.summary}>
  <article>
    <h1>{topic.data.title}</h1>
    <p>{topic.data.summary}</p>
    <Content />
    <h2>Questions to talk through</h2>
    <ol>{topic.data.questions.map((question) => <li>{question}</li>)}</ol>
  </article>
</Layout>
`,
};

/** Writes the baseline project into a new temporary folder and returns it (topics not yet added). */
export function writeBaselineProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mentoring-bench-baseline-'));
  for (const [path, content] of Object.entries(FILES)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(join(dir, 'content/topics'), { recursive: true });
  linkNodeModules(dir);
  return dir;
}
