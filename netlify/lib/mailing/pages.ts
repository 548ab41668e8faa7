/**
 * The HTML of the check-in and email-preference pages, placed by the functions into the site's
 * built layout. GOV.UK conventions as in src/forms/renderForm.ts: a label or legend per field,
 * hints tied with aria-describedby, one primary button. The forms post with plain HTML (no
 * script needed) and carry the signed token in a hidden field. The pages show no personal data:
 * a token holds ids only.
 */
import { errorSummary } from '../../../src/components/patterns/errorSummary.ts';
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';
import { formatMonth } from '../../../src/lib/zonedTime.ts';
import { MAX_NOTE_LENGTH } from './checkIns.ts';
import { PREFERENCE_CHOICES, PREFERENCE_LABELS, type PreferenceChoice, type PreferenceStatus } from './preferences.ts';
import { CHECK_IN_LABELS, type CheckInClaims } from './signedLinks.ts';
import { choice, describedBy, fieldHint, fieldLabel, formGroup } from '../../../src/components/patterns/field.ts';
import { panel } from '../../../src/components/patterns/panel.ts';

const noteField = (label: string, hint: string) =>
  formGroup(`${fieldLabel('f-note', label)}
${fieldHint('f-note', hint)}
<textarea class="textarea" id="f-note" name="note" rows="4" maxlength="${MAX_NOTE_LENGTH}" aria-describedby="${describedBy('f-note', { hint: true })}"></textarea>`);

export function checkInConfirmPage(token: string, claims: CheckInClaims): { title: string; html: string } {
  const answer = CHECK_IN_LABELS[claims.answer];
  const month = formatMonth(claims.month);
  const hint =
    claims.answer === 'need-help'
      ? 'Only the committee reads this. Say what would help, and the committee will get in touch.'
      : 'Only the committee reads this. You can leave it empty.';
  return {
    title: 'Confirm your check-in',
    html: `<h1>Confirm your check-in</h1>
<p class="lede">You are telling the committee how your mentoring is going in ${escapeHtml(month)}, as the ${claims.role}.</p>
${panel(`<p>Your answer: <strong>${escapeHtml(answer)}</strong></p>`)}
<form class="form" method="post" action="/api/check-ins">
<input type="hidden" name="token" value="${escapeHtml(token)}">
${noteField('Anything the committee should know? (optional)', hint)}
<button class="button button-submit" type="submit">Confirm: ${escapeHtml(answer.toLowerCase())}</button>
</form>
<p>Not the answer you meant? Use another link in the email: the latest answer for the month is the one that counts.</p>`,
  };
}

export function checkInRecordedPage(claims: CheckInClaims, contactEmail: string): { title: string; html: string } {
  const answer = CHECK_IN_LABELS[claims.answer];
  const followUp =
    claims.answer === 'need-help'
      ? `<p>The committee has been told and will get in touch soon. If it is urgent, write to <a href="mailto:${escapeHtml(contactEmail)}">${escapeHtml(contactEmail)}</a>.</p>`
      : claims.answer === 'not-yet'
        ? '<p>No problem: a short message to your partner to suggest a time is often all it takes.</p>'
        : '<p>Thank you for letting us know.</p>';
  return {
    title: 'Check-in recorded',
    html: `<h1>Thank you</h1>
${panel(`<p>We have recorded “${escapeHtml(answer)}” for ${escapeHtml(formatMonth(claims.month))}.</p>`, { kind: 'confirmation' })}
${followUp}
<p><a href="/topics/">Browse the monthly topics</a></p>`,
  };
}

export function refusedLinkPage(sentence: string): { title: string; html: string } {
  return {
    title: 'This link cannot be used',
    html: `<h1>This link cannot be used</h1>
${panel(`<p>${escapeHtml(sentence)}</p>`)}
<p><a href="/">Go to the program page</a></p>`,
  };
}

export function problemPage(title: string, sentence: string): { title: string; html: string } {
  return { title, html: `<h1>${escapeHtml(title)}</h1>\n${panel(`<p>${escapeHtml(sentence)}</p>`)}` };
}

export function preferencesPage(token: string, options: { error?: string } = {}): { title: string; html: string } {
  const choices = PREFERENCE_CHOICES.map((preference, index) => {
    const id = index === 0 ? 'f-choice' : `f-choice-${index + 1}`;
    return choice({
      type: 'radio',
      id,
      name: 'choice',
      value: preference,
      label: PREFERENCE_LABELS[preference].label,
      checked: index === 0,
      hint: PREFERENCE_LABELS[preference].hint,
      hintId: `${id}-item-hint`,
    });
  }).join('\n');
  const error = options.error ? errorSummary({ text: options.error }) : '';
  return {
    title: options.error ? 'Error: Your email preferences' : 'Your email preferences',
    html: `<h1>Your email preferences</h1>
${error}
<form class="form" method="post" action="/api/email-preferences">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<div class="form-group">
<fieldset class="fieldset">
<legend class="legend">What would you like to do?</legend>
<div class="choices">
${choices}
</div>
</fieldset>
</div>
${noteField('A message for the committee (optional)', 'Only the committee reads this. If you are leaving, you may say why; you do not have to.')}
<button class="button button-submit" type="submit">Save my choice</button>
</form>`,
  };
}

export function preferenceSavedPage(choice: PreferenceChoice, status: PreferenceStatus, contactEmail: string): { title: string; html: string } {
  const sentence =
    status === 'paused'
      ? 'The monthly emails are paused. You are still in the program; you can start the emails again from the link in any earlier email.'
      : status === 'leaving'
        ? 'We have told the committee that you are leaving the program, and the monthly emails have stopped. The committee will get in touch about your partner.'
        : 'The monthly emails will come again from the next one.';
  return {
    title: 'Your choice is saved',
    html: `<h1>Your choice is saved</h1>
${panel(`<p>${escapeHtml(sentence)}</p>`, { kind: 'confirmation' })}
<p>Questions? Write to <a href="mailto:${escapeHtml(contactEmail)}">${escapeHtml(contactEmail)}</a>.</p>${choice === 'leave' ? '\n<p>Thank you for the time you gave to the program.</p>' : ''}`,
  };
}
