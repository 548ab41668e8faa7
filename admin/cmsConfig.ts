import { CONTENT_FORMATS } from './contentFormats.ts';
import { CONTENT_PATHS, CONTENT_SCHEMAS, contentPaths } from './contentSchemas.ts';
import { type DecapField, type FieldOverride, fieldsFromObject } from './schemaFields.ts';

/** What the /admin page tells the CMS about where it runs (written into the page at build or dev time). */
export interface CmsPageOptions {
  /** `owner/name` of the site repository on GitHub, where published content is committed. */
  repo: string;
  /** The branch the live site is built from. */
  branch: string;
  /** The Netlify site (its id or domain) whose GitHub OAuth provider signs editors in. */
  netlifySite?: string;
  /** The public address of the site, for "view live" links. */
  siteUrl?: string;
  /** Absolute address of Decap's local backend; set only by the local server (`npm start`). */
  localBackendUrl?: string;
  /** Stylesheets of the site itself, applied to the preview pane. */
  previewStyles: string[];
  /** The content folder the site is built from, when not content/ (the build's CONTENT_DIR). */
  contentDir?: string;
  /** The association's logo (settings: organisation.logo), shown on the editor's sign-in page. */
  logoUrl?: string;
}

/** The widgets this configuration uses that are ours, not Decap's (admin/widgets). */
export const CUSTOM_WIDGETS = ['topic-month', 'topic-program-year'] as const;

/** The Markdown editor for the text of a page: formatting and links, no images or raw HTML blocks. */
function bodyField(hint: string, headings: string[]): DecapField {
  return {
    name: 'body',
    label: 'Text',
    widget: 'markdown',
    hint,
    required: false,
    buttons: ['bold', 'italic', 'link', ...headings, 'bulleted-list', 'numbered-list', 'quote'],
    editor_components: [],
    modes: ['rich_text', 'raw'],
  };
}

/** Topic fields that get a custom widget or another collection's choices instead of the generated one. */
const TOPIC_OVERRIDES: Record<string, FieldOverride> = {
  // Suggests the next month without a topic and refuses a month that is taken (admin/widgets/topicMonth.ts).
  'topics:month': ({ pattern: _pattern, ...field }) => ({ ...field, widget: 'topic-month' }),
  // Suggests the program year of the month.
  'topics:programYear': ({ pattern: _pattern, ...field }) => ({ ...field, widget: 'topic-program-year' }),
  // Themes are chosen from the list in Settings, so a topic cannot name a theme that does not exist.
  'topics:themes': ({ name, label, hint, required, min, schema_path }) => ({
    name,
    label,
    hint,
    required,
    widget: 'relation',
    collection: 'settings',
    file: 'settings',
    value_field: 'themes.*.id',
    search_fields: ['themes.*.label'],
    display_fields: ['themes.*.label'],
    multiple: true,
    min,
    options_length: 200,
    schema_path: schema_path ?? 'topics:themes',
  }),
};

/**
 * The Decap CMS configuration, generated from the content schemas: one folder collection of
 * topics, one of program page sections, and the settings file. Publishing is one step (Publish →
 * Publish now; docs/adr/0018-cms-simple-publishing.md). Only topics can be added or deleted: the
 * sections and the settings are the site's structure, which the pages expect to exist.
 */
export function buildCmsConfig(options: CmsPageOptions) {
  const paths = options.contentDir ? contentPaths(options.contentDir) : CONTENT_PATHS;
  const topicFields = fieldsFromObject(CONTENT_SCHEMAS.topics, 'topics:', TOPIC_OVERRIDES);
  return {
    load_config_file: false,
    backend: {
      name: 'github',
      repo: options.repo,
      branch: options.branch,
      // Netlify's OAuth provider for GitHub (not Netlify Identity or Git Gateway).
      base_url: 'https://api.netlify.com',
      auth_endpoint: 'auth',
      ...(options.netlifySite ? { site_domain: options.netlifySite } : {}),
      squash_merges: true,
    },
    local_backend: options.localBackendUrl ? { url: options.localBackendUrl } : false,
    publish_mode: 'simple',
    show_preview_links: true,
    ...(options.siteUrl ? { site_url: options.siteUrl, display_url: options.siteUrl } : {}),
    logo_url: options.logoUrl ?? '/favicon.svg',
    // The media library (the logo) lives in the content folder, so a content pack carries its
    // own images; the site serves them at /media/ (src/pages/media/[file].ts).
    media_folder: paths.media,
    public_folder: '/media',
    // File names: lower-case ASCII letters, digits and single hyphens (as TOPIC_FILE_NAME expects).
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: [
      {
        name: 'topics',
        label: 'Monthly topics',
        label_singular: 'monthly topic',
        description:
          'One discussion topic for each month of mentoring. A topic appears on the site from the first day of its month and is emailed to every pair. To put a change on the site, choose Publish, then Publish now.',
        folder: paths.topics,
        create: true,
        delete: true,
        extension: 'md',
        // Written in the content's own style, so a save changes only what was edited (admin/contentFormats.ts).
        format: CONTENT_FORMATS.frontmatter,
        // <YYYY-MM>-<slug>.md, the slug made from the title when the topic is first saved.
        slug: '{{fields.month}}-{{slug}}',
        identifier_field: 'title',
        summary: "{{fields.month}} · {{title}}{{fields.example | ternary(' · Example topic', '')}}{{fields.draft | ternary(' · Kept off the site', '')}}",
        sortable_fields: [{ field: 'month', label: 'Month', default_sort: 'desc' }, 'title'],
        view_filters: [
          { label: 'Example topics', field: 'example', pattern: true },
          { label: 'Kept off the site', field: 'draft', pattern: true },
        ],
        preview_path: 'topics/{{slug}}/',
        fields: [
          ...topicFields,
          bodyField('The text of the topic: a few paragraphs that introduce it. Headings, lists and links are available.', ['heading-two', 'heading-three']),
        ],
      },
      {
        name: 'program',
        label: 'Program page',
        label_singular: 'section',
        description:
          'The sections of the program page (the home page) and of the pages for mentors and mentees, shown in order of their position number. Sections cannot be added or removed here: ask the site administrator. To put a change on the site, choose Publish, then Publish now.',
        folder: paths.program,
        create: false,
        delete: false,
        extension: 'md',
        // Written in the content's own style, so a save changes only what was edited (admin/contentFormats.ts).
        format: CONTENT_FORMATS.frontmatter,
        slug: '{{slug}}',
        identifier_field: 'title',
        summary: '{{order}} · {{title}}',
        sortable_fields: [{ field: 'order', label: 'Position', default_sort: 'asc' }, 'title'],
        preview_path: '#{{slug}}',
        fields: [...fieldsFromObject(CONTENT_SCHEMAS.program, 'program:'), bodyField('The text of the section. Lists, links and sub-headings are available.', ['heading-three'])],
      },
      {
        name: 'settings',
        label: 'Settings',
        description: 'The organisation, contact details, colours, dates, timeline and themes used across the site. To put a change on the site, choose Publish, then Publish now.',
        create: false,
        delete: false,
        format: CONTENT_FORMATS.yaml,
        files: [
          {
            name: 'settings',
            label: 'Program settings',
            file: paths.settings,
            format: CONTENT_FORMATS.yaml,
            preview_path: '',
            fields: fieldsFromObject(CONTENT_SCHEMAS.settings, 'settings:'),
          },
        ],
      },
    ],
  };
}

export type CmsConfig = ReturnType<typeof buildCmsConfig>;
