/**
 * The one panel every page uses (content pages, forms, function pages, the committee workspace):
 * a shaded box with a coloured edge around a short message. The kind says what the message is:
 * information, a notice that an action went through, a warning about what comes next, or the
 * confirmation that something was received (GOV.UK's confirmation panel, in our quieter style).
 */
import { escapeHtml } from '../../lib/escapeHtml.ts';

export type PanelKind = 'information' | 'notice' | 'warning' | 'confirmation';

export interface PanelOptions {
  /** Information unless said otherwise. */
  kind?: PanelKind;
  /** Announce it when it appears (role="status"): a notice after an action, a state that changed. */
  status?: boolean;
  /** Can take focus from a script, so a reader lands on it (tabindex="-1"). */
  focusable?: boolean;
  /** A class naming what it shows, for its own styles and for tests ("application-status"). */
  name?: string;
  id?: string;
  /** data-* attributes, without the prefix: { state: 'open' } becomes data-state="open". */
  data?: Readonly<Record<string, string>>;
}

/** The panel around `content`, which is markup the caller has already made safe. */
export function panel(content: string, options: PanelOptions = {}): string {
  const classes = ['panel', `panel-${options.kind ?? 'information'}`, options.name].filter(Boolean).join(' ');
  const attributes = [
    `class="${escapeHtml(classes)}"`,
    options.id ? `id="${escapeHtml(options.id)}"` : '',
    ...Object.entries(options.data ?? {}).map(([key, value]) => `data-${escapeHtml(key)}="${escapeHtml(value)}"`),
    options.status ? 'role="status"' : '',
    options.focusable ? 'tabindex="-1"' : '',
  ].filter(Boolean);
  return `<div ${attributes.join(' ')}>${content}</div>`;
}
