// Decap's modules that the tests in admin/ drive directly (they ship no types).
declare module 'decap-cms-widget-datetime/dist/esm/DateTimeControl.js';
declare module 'decap-cms-widget-number/dist/esm/NumberControl.js';
declare module 'decap-cms-widget-select/dist/esm/SelectControl.js';
declare module 'decap-cms-widget-colorstring/dist/esm/ColorControl.js';
declare module 'decap-cms-widget-text/dist/esm/TextControl.js';
declare module 'decap-cms-widget-string/dist/esm/StringControl.js';
declare module 'decap-cms-widget-relation/dist/esm/RelationControl.js';
declare module 'decap-cms-core/dist/esm/lib/urlHelper.js';
declare module 'decap-cms-lib-widgets/dist/esm/stringTemplate.js';
declare module 'decap-cms-widget-markdown/dist/esm/serializers/index.js' {
  export function markdownToSlate(markdown: string, options?: { remarkPlugins?: unknown[] }): unknown;
  export function slateToMarkdown(raw: unknown, options?: { remarkPlugins?: unknown[] }): string;
}
declare module 'decap-cms-locales/dist/esm/en/index.js' {
  const english: Record<string, unknown>;
  export default english;
}
