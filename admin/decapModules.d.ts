// Decap's widget and format modules that admin/cmsConfig.test.ts drives directly (they ship no types).
declare module 'decap-cms-widget-datetime/dist/esm/DateTimeControl.js';
declare module 'decap-cms-widget-number/dist/esm/NumberControl.js';
declare module 'decap-cms-widget-select/dist/esm/SelectControl.js';
declare module 'decap-cms-widget-colorstring/dist/esm/ColorControl.js';
declare module 'decap-cms-widget-text/dist/esm/TextControl.js';
declare module 'decap-cms-widget-string/dist/esm/StringControl.js';
declare module 'decap-cms-widget-relation/dist/esm/RelationControl.js';
declare module 'decap-cms-core/dist/esm/formats/frontmatter.js';
declare module 'decap-cms-core/dist/esm/formats/yaml.js';
declare module 'decap-cms-core/dist/esm/lib/urlHelper.js';
declare module 'decap-cms-lib-widgets/dist/esm/stringTemplate.js';
