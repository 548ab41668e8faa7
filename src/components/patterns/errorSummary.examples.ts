import type { ErrorSummaryOptions } from './errorSummary.ts';

/**
 * Named examples of the error summary, one per way pages use it. They drive its render test
 * (errorSummary.test.ts) and its axe test in the browser (tests/browser/components.spec.ts).
 */
export const ERROR_SUMMARY_EXAMPLES = {
  'fields in error': {
    errors: [
      { fieldId: 'f-email', message: 'Enter your email address.' },
      { fieldId: 'f-areas', message: 'Select at least one area.' },
    ],
  },
  'a fault, with what happened as its heading': {
    title: 'Your answers were not sent',
    text: 'The records could not be reached. Your answers are below, so you can send them again.',
  },
  'a refusal in a sentence': { title: 'You are not signed in', text: 'Your session has ended. Sign in again to go on.' },
  'an empty placeholder a form’s script fills': { placeholder: true },
} satisfies Record<string, ErrorSummaryOptions>;
