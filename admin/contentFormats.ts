/**
 * How the editor writes content files, so that saving a file changes only what was edited.
 *
 * Decap's own writers rewrite more: its YAML writer folds every line longer than 80 characters
 * and sorts the keys into the order of the fields, and its Markdown writer turns every `-` list
 * marker into `*`. These formats write YAML in the content's own style (no folding, lists of
 * single words on one line, months and days in quotes) and keep the keys in the order the file
 * had them (a new file, or a key the file did not have, follows the order of the fields), and
 * the remark plugin makes the Markdown writer keep lists as they are. The content in the
 * repository is stored in exactly the form these write (contentFormats.test.ts reads every file
 * back through them).
 */
import { Document, isScalar, parse as parseYaml, visit } from 'yaml';

/** What Decap's registerCustomFormat expects. */
export interface ContentFormat {
  fromFile(content: string): Record<string, unknown>;
  toFile(data: Record<string, unknown>, sortedKeys?: string[]): string;
}

/**
 * The order of the keys in the file an entry was read from, for every object in it (by its
 * path, e.g. "application/membership", "timeline/0"). Decap keeps its entries in Immutable maps,
 * which forget the order of more than eight keys, and keeps keys it has no field for in the
 * entry's data, handing them back to toFile: so the order travels with the entry, and toFile
 * takes it out again before writing.
 */
export const KEY_ORDER = '__keyOrderInFile';

type KeyOrders = Record<string, string[]>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function recordKeyOrders(value: unknown, path: string, orders: KeyOrders): KeyOrders {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) recordKeyOrders(item, `${path}/${index}`, orders);
  } else if (isObject(value)) {
    orders[path] = Object.keys(value);
    for (const [key, inner] of Object.entries(value)) recordKeyOrders(inner, path ? `${path}/${key}` : key, orders);
  }
  return orders;
}

/**
 * `value` with each object's keys in the file's order; keys the file did not have follow, at the
 * top in the order of the fields (as Decap sorts them), inside in the order they were added.
 */
function inFileOrder(value: unknown, path: string, orders: KeyOrders, sortedKeys: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => inFileOrder(item, `${path}/${index}`, orders, sortedKeys));
  if (!isObject(value)) return value;
  const inFile = (orders[path] ?? []).filter((key) => key in value);
  const rank = (key: string) => (path === '' && sortedKeys.includes(key) ? sortedKeys.indexOf(key) : sortedKeys.length);
  const added = Object.keys(value)
    .filter((key) => key !== KEY_ORDER && !inFile.includes(key))
    .sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries([...inFile, ...added].map((key) => [key, inFileOrder(value[key], path ? `${path}/${key}` : key, orders, sortedKeys)]));
}

const MONTH_OR_DAY = /^\d+-\d{2}$/;
const SINGLE_WORD = /^[\p{L}\p{N}_-]+$/u;

function yamlText(data: Record<string, unknown>, sortedKeys: string[] = []): string {
  const orders = isObject(data[KEY_ORDER]) ? (data[KEY_ORDER] as KeyOrders) : {};
  const document = new Document(inFileOrder(data, '', orders, sortedKeys));
  visit(document, {
    Seq(_key, node) {
      // A list of single words (theme names, matching words) on one line, as the content writes them.
      if (node.items.length > 0 && node.items.every((item) => isScalar(item) && typeof item.value === 'string' && SINGLE_WORD.test(item.value))) node.flow = true;
    },
    Scalar(_key, node) {
      // Months and days (2027-09, 06-01) in quotes, as the content writes them.
      if (isScalar(node) && typeof node.value === 'string' && MONTH_OR_DAY.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // lineWidth 0: a long sentence stays on one line, so an edit to it is a one-line change.
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}

function readYaml(text: string): Record<string, unknown> {
  const data = (parseYaml(text) as Record<string, unknown> | null) ?? {};
  return { ...data, [KEY_ORDER]: recordKeyOrders(data, '', {}) };
}

/** content/settings.yaml and other YAML files. */
export const siteYaml: ContentFormat = {
  fromFile: (content) => readYaml(content),
  toFile: (data, sortedKeys) => yamlText(data, sortedKeys),
};

const FRONT_MATTER = /^---\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;

/** Markdown with YAML front matter (topics, program sections); the Markdown is the `body` field. */
export const siteFrontmatter: ContentFormat = {
  fromFile(content) {
    const match = content.startsWith('---') ? FRONT_MATTER.exec(content) : null;
    if (!match) return content.trim() ? { body: content } : {};
    const body = content.slice(match[0].length);
    return { ...readYaml(match[1]!), ...(body.trim() ? { body } : {}) };
  },
  toFile({ body, ...data }, sortedKeys) {
    const text = typeof body === 'string' ? body : '';
    return `---\n${yamlText(data, sortedKeys)}---\n${text}${text === '' || text.endsWith('\n') ? '' : '\n'}`;
  },
};

/** The names the collections use for these formats (registered in main.ts). */
export const CONTENT_FORMATS = { frontmatter: 'site-frontmatter', yaml: 'site-yaml' } as const;

interface StringifyCompiler {
  prototype: { options: Record<string, unknown> };
}

interface MarkdownNode {
  type: string;
  spread?: boolean | null;
  children?: MarkdownNode[];
}

/** A list item that is a line of text with lists under it: written without a blank line between. */
function tightenItems(node: MarkdownNode): void {
  const children = node.children ?? [];
  const [first, ...rest] = children;
  if (node.type === 'listItem' && node.spread == null && first?.type === 'paragraph' && rest.length > 0 && rest.every((child) => child.type === 'list')) node.spread = false;
  for (const child of children) tightenItems(child);
}

/**
 * A remark plugin for Decap's Markdown editor (CMS.registerRemarkPlugin), so its writer keeps
 * lists as the content writes them: `-` markers (Decap sets `*` in remark-stringify's settings
 * before our plugins run; the compiler reads its options when it is made, so setting them here
 * wins), and no blank line between an item's text and the list nested under it (the editor
 * does not keep whether an item was "loose", and remark-stringify's default is loose). When
 * Decap reads Markdown there is no compiler, and the parser has already said how each item is
 * spaced, so the transform changes nothing.
 */
export function keepMarkdownStyle(this: { Compiler?: StringifyCompiler }) {
  const compiler = this.Compiler;
  if (compiler?.prototype?.options) compiler.prototype.options = { ...compiler.prototype.options, bullet: '-' };
  return (tree: MarkdownNode) => tightenItems(tree);
}
