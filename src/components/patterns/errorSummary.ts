import { escapeHtml } from '../../lib/escapeHtml.ts';

/** One problem in the summary: its message, linking to the field it is about. */
export interface SummaryError {
  /** The id of the field (or group) the link moves focus to, without '#'. */
  fieldId: string;
  message: string;
}

export interface ErrorSummaryOptions {
  /** The heading; "There is a problem" unless the page says what happened ("Your answers were not sent"). */
  title?: string;
  /** Problems with fields, each a link to its field. */
  errors?: readonly SummaryError[];
  /** A sentence when the problem is not one field's (a fault, a refused link). */
  text?: string;
  /**
   * Rendered even with nothing to say, hidden, for the form's script to fill (a form page); an
   * empty summary is otherwise left out.
   */
  placeholder?: boolean;
}

/**
 * GOV.UK's error summary, the one markup every page uses (forms, function pages, the committee
 * workspace): a red-bordered box under the page's heading, "There is a problem" (or what went
 * wrong), a link to each field in error. It takes focus when the page loads (enhanceForm.ts and
 * the workspace's script focus [data-error-summary]) and is announced as an alert without them.
 */
export function errorSummary(options: ErrorSummaryOptions): string {
  const errors = options.errors ?? [];
  const empty = errors.length === 0 && !options.text;
  if (empty && !options.placeholder) return '';
  const title = options.title ?? 'There is a problem';
  // Named after the heading, so two summaries on one page (different headings) never share an id.
  const titleId =
    title === 'There is a problem'
      ? 'error-summary-title'
      : `error-summary-${title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}`;
  const list =
    errors.length > 0 || options.placeholder
      ? `\n<ul class="error-summary-list">${errors.map((error) => `<li><a href="#${escapeHtml(error.fieldId)}">${escapeHtml(error.message)}</a></li>`).join('')}</ul>`
      : '';
  const text = options.text ? `\n<p>${escapeHtml(options.text)}</p>` : '';
  return `<div class="error-summary" data-error-summary role="alert" tabindex="-1" aria-labelledby="${titleId}"${empty ? ' hidden' : ''}>
<h2 class="error-summary-title" id="${titleId}">${escapeHtml(title)}</h2>${text}${list}
</div>`;
}
