import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCmsConfig } from './cmsConfig.ts';
import { KEY_ORDER, keepMarkdownStyle, siteFrontmatter, siteYaml } from './contentFormats.ts';
import type { DecapField } from './schemaFields.ts';

/**
 * Saving a file in the editor changes only what was edited: every content file, read and
 * written again the way the editor does (these formats, and Decap's own Markdown editor
 * serialisers with our remark plugin), comes out byte for byte as it went in. A file that
 * fails here would show as rewritten in its first save from the editor: store it in the form
 * the editor writes (the "written" text of the failure).
 */

const ROOT = join(import.meta.dirname, '..');
const CONTENT_FOLDERS = ['content', 'tests/fixtures/second-association'];
const config = buildCmsConfig({ repo: 'example/site', branch: 'main', previewStyles: [] });

type Serialisers = typeof import('decap-cms-widget-markdown/dist/esm/serializers/index.js');
let markdown: Serialisers;

beforeAll(async () => {
  // Decap's UI library expects a browser window at import time; these tests call no browser API.
  (globalThis as Record<string, unknown>).window ??= globalThis;
  markdown = await import('decap-cms-widget-markdown/dist/esm/serializers/index.js');
}, 60_000);

/** What the Markdown editor writes for `text` once an editor has changed it. */
const throughEditor = (text: string) => markdown.slateToMarkdown(markdown.markdownToSlate(text, { remarkPlugins: [keepMarkdownStyle] }), { remarkPlugins: [keepMarkdownStyle] });

function fieldNames(name: string): string[] {
  const collection = config.collections.find((candidate) => candidate.name === name) as { fields?: DecapField[]; files?: Array<{ fields: DecapField[] }> };
  return (collection.fields ?? collection.files?.[0]?.fields ?? []).map((field) => field.name);
}

async function markdownFiles(folder: string): Promise<string[]> {
  return (await readdir(join(ROOT, folder))).filter((file) => file.endsWith('.md')).map((file) => `${folder}/${file}`);
}

describe('what the editor writes', () => {
  it('keeps "-" list markers, bold, links and nested lists as the content writes them', () => {
    const text = '- **Membership.** Be a [member](https://example.org/join).\n- Ideas:\n  - one\n  - two\n\n1. First\n2. Second';
    expect(throughEditor(text)).toBe(text);
  });

  it.each(CONTENT_FOLDERS)('writes every file of %s back exactly as it is stored', async (folder) => {
    const files = [
      ...(await markdownFiles(`${folder}/program`)).map((file) => ({ file, keys: fieldNames('program') })),
      ...(await markdownFiles(`${folder}/topics`)).map((file) => ({ file, keys: fieldNames('topics') })),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const { file, keys } of files) {
      const source = await readFile(join(ROOT, file), 'utf8');
      const data = siteFrontmatter.fromFile(source);
      expect(siteFrontmatter.toFile(data, keys), `${file}, saved with its text untouched`).toBe(source);
      const edited = typeof data.body === 'string' ? { ...data, body: throughEditor(data.body) } : data;
      expect(siteFrontmatter.toFile(edited, keys), `${file}, saved after its text was edited`).toBe(source);
    }
    const settings = await readFile(join(ROOT, folder, 'settings.yaml'), 'utf8');
    expect(siteYaml.toFile(siteYaml.fromFile(settings), fieldNames('settings')), `${folder}/settings.yaml`).toBe(settings);
  });

  it('orders the front matter of a new topic as the fields are ordered', () => {
    const written = siteFrontmatter.toFile({ summary: 'A summary of twenty characters.', title: 'A title', month: '2027-09', body: 'Text.' }, fieldNames('topics'));
    expect(written).toBe('---\ntitle: A title\nmonth: "2027-09"\nsummary: A summary of twenty characters.\n---\nText.\n');
  });
});

describe('the order of the keys', () => {
  it('keeps the file’s order inside objects too, whatever order the editor hands them back in', () => {
    const keys = 'abcdefghijk'.split('');
    const source = `application:\n${keys.map((key, index) => `  ${key}: ${index}`).join('\n')}\ntimeline:\n  - title: Call\n    id: call\n`;
    const { [KEY_ORDER]: order, ...data } = siteYaml.fromFile(source) as Record<string, Record<string, unknown>>;
    // Decap's Immutable maps hand back more than eight keys in their own order.
    const shuffled = {
      timeline: [{ id: 'call', title: 'Call' }],
      application: Object.fromEntries([...keys].reverse().map((key) => [key, data.application![key]])),
      [KEY_ORDER]: order,
    };
    expect(siteYaml.toFile(shuffled, ['application', 'timeline'])).toBe(source);
  });

  it('keeps the file’s order, and puts a key the file did not have where the fields put it', () => {
    const data = siteFrontmatter.fromFile('---\ntitle: A section\nfolded: true\norder: 40\n---\nText.\n');
    const { [KEY_ORDER]: _order, ...withoutOrder } = data;
    expect(withoutOrder).toEqual({ title: 'A section', folded: true, order: 40, body: 'Text.\n' });
    expect(siteFrontmatter.toFile({ ...data, navLabel: 'Short' }, ['title', 'page', 'order', 'navLabel', 'folded'])).toBe(
      '---\ntitle: A section\nfolded: true\norder: 40\nnavLabel: Short\n---\nText.\n',
    );
  });
});
