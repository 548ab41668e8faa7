/**
 * The CMS at /admin: Decap CMS bundled from node_modules (admin/build.ts), configured from the
 * content schemas, with the site's own previews and the schema checks on every field.
 */
import CMS from 'decap-cms-app';
import type { ComponentType } from 'react';
import { buildCmsConfig, type CmsPageOptions } from './cmsConfig.ts';
import { CONTENT_FORMATS, type ContentFormat, keepMarkdownStyle, siteFrontmatter, siteYaml } from './contentFormats.ts';
import { type Phrases, withEditorPhrases } from './editorWords.ts';
import { ProgramSectionPreview, SettingsPreview, TopicPreview } from './previews.ts';
import { TopicMonthControl, TopicProgramYearControl, TopicValuePreview } from './widgets/topicMonth.ts';
import { type ControlProps, withSchemaCheck } from './widgets/withSchemaCheck.ts';

/** Decap's registry at run time (its type declarations omit the widget schema argument). */
interface Registry {
  getWidget(name: string): { control: ComponentType<ControlProps>; preview?: unknown; schema?: object } | undefined;
  registerWidget(name: string, control: unknown, preview?: unknown, schema?: object): void;
  registerPreviewTemplate(name: string, component: unknown): void;
  registerPreviewStyle(href: string): void;
  getLocale(locale: string): Phrases | undefined;
  registerLocale(locale: string, phrases: Phrases): void;
  registerCustomFormat(name: string, extension: string, format: ContentFormat): void;
  registerRemarkPlugin(plugin: unknown): void;
  init(options: { config: unknown }): void;
}
const registry = CMS as unknown as Registry;

/** The options the /admin page carries (admin/index.html, filled in at build or by the dev server). */
function pageOptions(): CmsPageOptions {
  const element = document.getElementById('cms-options');
  const options = JSON.parse(element?.textContent ?? '{}') as CmsPageOptions & { localBackendPath?: string };
  // The local backend is reached through the page's own server, so the CSP needs no other origin.
  if (options.localBackendPath) options.localBackendUrl = new URL(options.localBackendPath, window.location.origin).href;
  return options;
}

// Decap's widgets that hold one value: each also checks its value with the content schemas.
for (const name of ['string', 'text', 'number', 'boolean', 'select', 'datetime', 'color', 'relation']) {
  const widget = registry.getWidget(name);
  if (!widget) throw new Error(`Decap has no "${name}" widget.`);
  registry.registerWidget(name, withSchemaCheck(widget.control), widget.preview, widget.schema);
}
registry.registerWidget('topic-month', TopicMonthControl, TopicValuePreview);
registry.registerWidget('topic-program-year', TopicProgramYearControl, TopicValuePreview);

// Decap's wording in the committee's words (admin/editorWords.ts), over its own English phrases.
registry.registerLocale('en', withEditorPhrases(structuredClone(registry.getLocale('en') ?? {}) as Phrases));

// Saving writes the file in the content's own style: only what was edited changes.
registry.registerCustomFormat(CONTENT_FORMATS.frontmatter, 'md', siteFrontmatter);
registry.registerCustomFormat(CONTENT_FORMATS.yaml, 'yaml', siteYaml);
registry.registerRemarkPlugin(keepMarkdownStyle);

const options = pageOptions();
for (const href of options.previewStyles ?? []) registry.registerPreviewStyle(href);
registry.registerPreviewTemplate('topics', TopicPreview);
registry.registerPreviewTemplate('program', ProgramSectionPreview);
registry.registerPreviewTemplate('settings', SettingsPreview);

registry.init({ config: buildCmsConfig(options) });
