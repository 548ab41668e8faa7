/**
 * How the content editor (Decap CMS at /admin) presents a content field. Kept on the field's
 * schema as zod metadata (`.meta(cms({...}))`), so the CMS configuration in admin/ is generated
 * from the same schemas as the content collections; a test fails when a field has none.
 */
export interface CmsFieldMeta {
  /** The field's name in the editor, in plain words. */
  label: string;
  /** Help under the field for committee members: what it is for, how to write it. */
  hint: string;
  /** Long text: a multi-line box instead of a one-line input. */
  multiline?: boolean;
  /** A file from the media library instead of typed text. */
  widget?: 'image';
  /** What editors read for each choice of a fixed list (one entry per allowed value). */
  choiceLabels?: Record<string, string>;
  /** For a list of groups: how each item is summarised when collapsed, e.g. '{{fields.title}}'. */
  itemSummary?: string;
  /** For a list of groups: what one item is called on the "Add" button, e.g. "phase". */
  itemLabel?: string;
  /** Where a check on the whole list (not one item) is reported: this field of each item. */
  reportsListIssues?: boolean;
}

/** Wraps CMS presentation for `.meta()`: `z.string().meta(cms({ label, hint }))`. */
export function cms(meta: CmsFieldMeta): { cms: CmsFieldMeta } {
  return { cms: meta };
}
