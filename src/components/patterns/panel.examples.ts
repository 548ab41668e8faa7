import type { PanelOptions } from './panel.ts';

/**
 * Named examples of the panel, one per way pages use it, with the markup inside. They drive its
 * render test (panel.test.ts) and its axe test in the browser (tests/browser/components.spec.ts).
 */
export const PANEL_EXAMPLES = {
  'information in a sentence': { options: {}, content: '<p>Applications for 2027-2028 open on June 1, 2027.</p>' },
  'a notice after an action': { options: { kind: 'notice', status: true }, content: '<p>Review saved.</p>' },
  'a warning with a link': {
    options: { kind: 'warning', status: true },
    content: '<p><strong>Next month has no topic yet.</strong> <a href="/admin/">Add one in the editor</a>.</p>',
  },
  'a confirmation with its reference': {
    options: { kind: 'confirmation', status: true, focusable: true },
    content: '<h2>Thank you: we have received it</h2><p>Your reference is 4F2A-91C3.</p>',
  },
  'a state shown on a content page': {
    options: { name: 'application-status', data: { state: 'open' } },
    content: '<p><strong>Applications are open until May 31.</strong></p><p><a class="button" href="/apply/mentee/">Apply as a mentee</a></p>',
  },
} satisfies Record<string, { options: PanelOptions; content: string }>;
