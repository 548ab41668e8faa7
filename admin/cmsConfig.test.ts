import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { fromJS, type List } from 'immutable';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { TOPIC_FILE_NAME } from '../src/schemas/topic.ts';
import { buildCmsConfig, type CmsPageOptions, CUSTOM_WIDGETS } from './cmsConfig.ts';
import { CONTENT_FORMATS, siteFrontmatter, siteYaml } from './contentFormats.ts';
import { CONTENT_PATHS, CONTENT_SCHEMAS, type CollectionName } from './contentSchemas.ts';
import { acceptsMissing, type DecapField, unwrap } from './schemaFields.ts';

/**
 * The CMS configuration against the content schemas: every schema field has a widget, both
 * sides agree on what is required, and what each of Decap's widgets writes (run through
 * Decap's own widget code and the editor's file writer, then read back as the build reads it) is
 * accepted by the schema.
 */

const ROOT = join(import.meta.dirname, '..');
const OPTIONS: CmsPageOptions = { repo: 'example/site', branch: 'main', previewStyles: [] };
const config = buildCmsConfig(OPTIONS);

/** Decap's own widgets this configuration may use (decap-cms-app registers them). */
const DECAP_WIDGETS = ['string', 'text', 'number', 'boolean', 'select', 'datetime', 'color', 'relation', 'list', 'object', 'markdown', 'image'];
/** The body of a Markdown file is the page text, not a front matter field. */
const BODY = 'body';

type Collection = (typeof config.collections)[number];
const collection = (name: CollectionName): Collection => config.collections.find((candidate) => candidate.name === name)!;
const fieldsOf = (name: CollectionName): DecapField[] => {
  const found = collection(name) as Collection & { fields?: DecapField[]; files?: Array<{ fields: DecapField[] }> };
  return (found.fields ?? found.files?.[0]?.fields ?? []).filter((field) => field.name !== BODY);
};

interface ZodDef {
  type: string;
  element?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Every field of a schema, by dotted path (`*` for a list item), read from zod alone. */
function schemaFields(schema: z.ZodType, prefix = ''): Map<string, z.ZodType> {
  const found = new Map<string, z.ZodType>();
  const inner = unwrap(schema);
  if (defOf(inner).type !== 'object') return found;
  for (const [name, field] of Object.entries((inner as z.ZodObject).shape)) {
    const path = `${prefix}${name}`;
    found.set(path, field as z.ZodType);
    const fieldInner = unwrap(field as z.ZodType);
    if (defOf(fieldInner).type === 'object') for (const [key, value] of schemaFields(fieldInner, `${path}.`)) found.set(key, value);
    if (defOf(fieldInner).type === 'array') for (const [key, value] of schemaFields(defOf(fieldInner).element!, `${path}.*.`)) found.set(key, value);
  }
  return found;
}

/** Every field of the CMS configuration, by the same kind of path. */
function configFields(fields: DecapField[], prefix = ''): Map<string, DecapField> {
  const found = new Map<string, DecapField>();
  for (const field of fields) {
    const path = `${prefix}${field.name}`;
    found.set(path, field);
    if (field.widget === 'object' && field.fields) for (const [key, value] of configFields(field.fields, `${path}.`)) found.set(key, value);
    if (field.widget === 'list' && field.fields) for (const [key, value] of configFields(field.fields, `${path}.*.`)) found.set(key, value);
  }
  return found;
}

const COLLECTIONS = ['topics', 'program', 'settings'] as const;

describe('the CMS configuration and the content schemas', () => {
  it.each(COLLECTIONS)('gives every %s field a widget, and has no field the schema does not know', (name) => {
    const fromSchema = schemaFields(CONTENT_SCHEMAS[name]);
    const fromConfig = configFields(fieldsOf(name));
    expect([...fromConfig.keys()].sort()).toEqual([...fromSchema.keys()].sort());
    for (const [path, field] of fromConfig) {
      expect([...DECAP_WIDGETS, ...CUSTOM_WIDGETS], `${name}: ${path}`).toContain(field.widget);
    }
  });

  it.each(COLLECTIONS)('requires exactly the %s fields the schema requires', (name) => {
    const fromSchema = schemaFields(CONTENT_SCHEMAS[name]);
    for (const [path, field] of configFields(fieldsOf(name))) {
      const schemaRequires = !acceptsMissing(fromSchema.get(path)!);
      expect(field.required !== false, `${name}: ${path}`).toBe(schemaRequires);
    }
  });

  it.each(COLLECTIONS)('explains every %s field in plain words', (name) => {
    for (const [path, field] of configFields(fieldsOf(name))) {
      expect(field.label.length, `${name}: ${path} label`).toBeGreaterThan(1);
      expect(field.hint?.length ?? 0, `${name}: ${path} hint`).toBeGreaterThanOrEqual(15);
      expect(field.hint, `${name}: ${path} hint`).not.toMatch(/\b(zod|schema|regex|slug|YAML|boolean|enum|null)\b/i);
      for (const option of (field.options as Array<{ value: string; label: string }> | undefined) ?? []) {
        expect(option.label, `${name}: ${path} choice ${option.value}`).not.toBe(option.value);
      }
    }
  });

  it('checks every field that holds a value against its schema', () => {
    for (const name of COLLECTIONS) {
      for (const [path, field] of configFields(fieldsOf(name))) {
        if (field.widget === 'object' || (field.widget === 'list' && field.fields)) continue;
        const checked = field.widget === 'list' ? field.field?.schema_path : field.schema_path;
        expect(checked, `${name}: ${path}`).toMatch(new RegExp(`^${name}:`));
      }
    }
  });

  it('publishes in one step, signing in with GitHub through Netlify', () => {
    expect(config.publish_mode).toBe('simple');
    expect(config.backend).toMatchObject({ name: 'github', repo: 'example/site', branch: 'main', base_url: 'https://api.netlify.com', auth_endpoint: 'auth' });
    expect(config.local_backend).toBe(false);
    expect(buildCmsConfig({ ...OPTIONS, localBackendUrl: 'http://localhost:4321/admin/api/v1' }).local_backend).toEqual({ url: 'http://localhost:4321/admin/api/v1' });
  });

  it('lets editors add and delete topics only: program sections and settings stay', () => {
    expect(collection('topics')).toMatchObject({ create: true, delete: true, label: 'Monthly topics', label_singular: 'monthly topic' });
    expect(collection('program')).toMatchObject({ create: false, delete: false });
    expect(collection('settings')).toMatchObject({ create: false, delete: false });
  });

  it('names every list item so that its button reads “Add a …”', () => {
    for (const name of COLLECTIONS) {
      for (const [path, field] of configFields(fieldsOf(name))) {
        if (field.widget !== 'list') continue;
        const item = String(field.label_singular ?? '');
        expect(item, `${name}: ${path}`).toMatch(/^[b-df-hj-np-tv-z]/);
      }
    }
  });

  it('gives each discussion question a box of several lines', () => {
    const questions = configFields(fieldsOf('topics')).get('questions')!;
    expect(questions.field).toMatchObject({ widget: 'text', label: 'Question', schema_path: 'topics:questions.*' });
  });

  it('edits the files the site is built from', () => {
    expect(collection('topics')).toMatchObject({ folder: CONTENT_PATHS.topics, extension: 'md', format: CONTENT_FORMATS.frontmatter, create: true });
    expect(collection('program')).toMatchObject({ folder: CONTENT_PATHS.program, extension: 'md' });
    expect((collection('settings') as { files: Array<{ file: string }> }).files[0]?.file).toBe(CONTENT_PATHS.settings);
  });

  it('shows the example flag of a topic in the list', () => {
    expect(collection('topics').summary).toContain("{{fields.example | ternary(' · Example topic', '')}}");
  });
});

describe('what the widgets write', () => {
  /** Decap's widget controls, driven through their own change handlers (as when an editor types or picks). */
  let decap: Record<string, new (props: Record<string, unknown>) => Record<string, (...args: unknown[]) => unknown>>;
  let topicFileSlug: (title: string, month: string) => string;

  beforeAll(async () => {
    // Decap's UI library expects a browser window at import time; these tests call no browser API.
    (globalThis as Record<string, unknown>).window ??= globalThis;
    const [datetime, number, select, color, text, string, relation, urlHelper, stringTemplate] = await Promise.all([
      import('decap-cms-widget-datetime/dist/esm/DateTimeControl.js'),
      import('decap-cms-widget-number/dist/esm/NumberControl.js'),
      import('decap-cms-widget-select/dist/esm/SelectControl.js'),
      import('decap-cms-widget-colorstring/dist/esm/ColorControl.js'),
      import('decap-cms-widget-text/dist/esm/TextControl.js'),
      import('decap-cms-widget-string/dist/esm/StringControl.js'),
      import('decap-cms-widget-relation/dist/esm/RelationControl.js'),
      import('decap-cms-core/dist/esm/lib/urlHelper.js'),
      import('decap-cms-lib-widgets/dist/esm/stringTemplate.js'),
    ]);
    decap = {
      datetime: datetime.default,
      number: number.default,
      select: select.default,
      color: color.default,
      text: text.default,
      string: string.default,
      relation: relation.default,
    };
    // Decap's slugFormatter (lib/formatters.ts) in miniature: its template engine, its prepareSlug
    // (trim, lower case, no apostrophes, dots to hyphens) and its sanitizeSlug, with our settings.
    const prepareSlug = (value: string) => value.trim().toLocaleLowerCase().replace(/[']/g, '').replace(/[.]/g, '-');
    topicFileSlug = (title, month) =>
      stringTemplate.compileStringTemplate(collection('topics').slug!, null, title, fromJS({ title, month }), (segment: string) =>
        urlHelper.sanitizeSlug(prepareSlug(segment), config.slug),
      );
  }, 120_000);

  /** What a widget writes when an editor enters `input` (for a date or colour: picks it). */
  function widgetWrites(field: DecapField, input: unknown): unknown {
    let written: unknown = Symbol('nothing written');
    const props = { field: fromJS(field), value: input, onChange: (value: unknown) => (written = value), t: (key: string) => key, forID: 'field' };
    const control = (widget: string) => {
      const instance = new decap[widget]!(props);
      instance.setState = () => undefined; // not mounted: the handlers' own UI state is not under test
      return instance;
    };
    switch (field.widget) {
      case 'string':
        control('string').handleChange!({ target: { value: input ?? '', selectionStart: 0 } });
        return written;
      case 'text': // Decap's text box hands the textarea's value straight to onChange
        return input ?? '';
      case 'topic-month':
      case 'topic-program-year': // admin/widgets/topicMonth.ts: the typed value, trimmed
        return String(input ?? '').trim();
      case 'number':
        control('number').handleChange!({ target: { value: input === undefined || input === null ? '' : String(input) } });
        return written;
      case 'image': // Decap's file control hands the chosen file's public path, or '' once removed
        return typeof input === 'string' ? input : '';
      case 'boolean':
        return Boolean(input); // Decap's toggle hands its checked state straight to onChange
      case 'select':
        control('select').handleChange!(input === null || input === undefined || input === '' ? null : { value: input, label: String(input) });
        return written;
      case 'datetime': {
        const picker = control('datetime');
        picker.handleChange!(input ? picker.formatInputValue!(input) : '');
        return written;
      }
      case 'color':
        if (typeof input !== 'string' || input === '') return '';
        control('color').handleChange!({ hex: input.toLowerCase(), rgb: { r: 0, g: 0, b: 0, a: 1 } });
        return written;
      case 'relation':
        control('relation').handleChange!(((input as string[] | undefined) ?? []).map((value) => ({ value, label: value, data: {} })));
        return (written as List<string>).toJS();
      case 'list':
        if (!Array.isArray(input)) return input;
        return input.map((item) => (field.fields ? objectWrites(field.fields, item as Record<string, unknown>) : widgetWrites(field.field!, item)));
      case 'object':
        return objectWrites(field.fields!, input as Record<string, unknown>);
      default:
        throw new Error(`No test driver for the "${field.widget}" widget.`);
    }
  }

  function objectWrites(fields: DecapField[], data: Record<string, unknown> | undefined): Record<string, unknown> {
    const result: Record<string, unknown> = { ...data };
    for (const field of fields) if (data && field.name in data) result[field.name] = widgetWrites(field, data[field.name]);
    return result;
  }

  /** The file the editor writes for an entry (admin/contentFormats.ts), read back the way the site's build reads it. */
  function roundTrip(name: CollectionName, data: Record<string, unknown>): unknown {
    const keys = fieldsOf(name).map((field) => field.name);
    if (name === 'settings') return parseYaml(siteYaml.toFile(data, keys));
    const file = siteFrontmatter.toFile({ ...data, body: 'Some text.' }, [...keys, BODY]);
    return parseFrontmatter(file).frontmatter;
  }

  async function documents(name: CollectionName): Promise<Array<{ file: string; data: Record<string, unknown> }>> {
    if (name === 'settings') return [{ file: CONTENT_PATHS.settings, data: parseYaml(await readFile(join(ROOT, CONTENT_PATHS.settings), 'utf8')) }];
    const folder = CONTENT_PATHS[name];
    const files = (await readdir(join(ROOT, folder))).filter((file) => file.endsWith('.md'));
    return Promise.all(
      files.map(async (file) => ({ file: `${folder}/${file}`, data: parseFrontmatter(await readFile(join(ROOT, folder, file), 'utf8')).frontmatter as Record<string, unknown> })),
    );
  }

  it.each(COLLECTIONS)('keeps every %s file valid when each of its values is entered again through its widget', async (name) => {
    for (const { file, data } of await documents(name)) {
      const written = roundTrip(name, objectWrites(fieldsOf(name), data));
      const parsed = CONTENT_SCHEMAS[name].safeParse(written);
      expect(parsed.error?.issues, file).toBeUndefined();
      expect(parsed.data, file).toEqual(CONTENT_SCHEMAS[name].parse(data));
    }
  });

  it.each(COLLECTIONS)('reads a cleared optional %s field as not set', async (name) => {
    const { data } = (await documents(name))[0]!;
    for (const field of fieldsOf(name).filter((candidate) => candidate.required === false && candidate.widget !== 'list')) {
      const cleared = roundTrip(name, { ...data, [field.name]: widgetWrites(field, field.widget === 'boolean' ? false : '') });
      const { [field.name]: _absent, ...without } = data;
      const parsed = CONTENT_SCHEMAS[name].safeParse(cleared);
      expect(parsed.error?.issues, `${name}: ${field.name}`).toBeUndefined();
      expect(parsed.data, `${name}: ${field.name}`).toEqual(CONTENT_SCHEMAS[name].parse(without));
    }
  });

  it('writes dates, months, numbers, choices and colours the schemas accept', async () => {
    const settingsFields = configFields(fieldsOf('settings'));
    const sectionFields = configFields(fieldsOf('program'));
    const topicFields = configFields(fieldsOf('topics'));
    const accepts = (schemaPath: string, field: DecapField, input: unknown) => {
      const [name, path] = schemaPath.split(':') as [CollectionName, string];
      const schema = schemaFields(CONTENT_SCHEMAS[name]).get(path)!;
      const value = widgetWrites(field, input);
      return schema.safeParse(value).success ? value : { refused: value };
    };
    expect(accepts('settings:applicationWindow.opens', settingsFields.get('applicationWindow.opens')!, '2028-02-29')).toBe('2028-02-29');
    expect(accepts('settings:colours.accent', settingsFields.get('colours.accent')!, '#1D4F91')).toBe('#1d4f91');
    expect(accepts('settings:program.startMonth', settingsFields.get('program.startMonth')!, '9')).toBe(9);
    expect(accepts('topics:month', topicFields.get('month')!, ' 2027-09 ')).toBe('2027-09');
    expect(accepts('topics:questions', topicFields.get('questions')!, ['What would you like to learn this year?'])).toEqual(['What would you like to learn this year?']);
    expect(accepts('topics:themes', topicFields.get('themes')!, ['career-paths', 'reflection'])).toEqual(['career-paths', 'reflection']);
    for (const option of sectionFields.get('includes')!.options as Array<{ value: string }>) {
      expect(accepts('program:includes', sectionFields.get('includes')!, option.value)).toBe(option.value);
    }
  });

  it('names a new topic file <YYYY-MM>-<slug>.md, whatever the title', () => {
    for (const title of ['Career paths: what comes next?', 'Éléments & métadonnées', "Editors' picks -- 2027", '  Leading   from the middle  ']) {
      const slug = topicFileSlug(title, '2027-09');
      expect(slug, title).toMatch(TOPIC_FILE_NAME);
      expect(slug.slice(0, 8), title).toBe('2027-09-');
    }
  });
});
