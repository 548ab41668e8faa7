/**
 * The HTML of /my-application/, placed by the function into the site's built layout. GOV.UK
 * patterns: a summary list of what was sent, one primary action per page, the form's own
 * questions for a correction (src/forms/renderForm.ts, with its error summary), a warning
 * button for withdrawing. Plain HTML forms that post the signed token: no script is needed.
 */
import type { FormValues } from '../../../src/forms/renderForm.ts';
import { renderForm } from '../../../src/forms/renderForm.ts';
import { formatCalendarDate } from '../../../src/lib/zonedTime.ts';
import { errorSummary, hidden, panel, summaryList, textField } from '../committee/views/components.ts';
import { type Html, html } from '../committee/views/html.ts';
import type { RawValue } from '../http/readSubmission.ts';
import { readableAnswers } from '../submissions/submissionEmails.ts';
import { MAX_WITHDRAW_REASON, MY_APPLICATION_PATH, type OpenApplication } from './myApplication.ts';

export interface Page {
  title: string;
  html: string;
}

const day = (instant: string) => formatCalendarDate(instant.slice(0, 10));
const pageLink = (token: string, step?: 'correct' | 'withdraw') => `${MY_APPLICATION_PATH}?token=${encodeURIComponent(token)}${step ? `&step=${step}` : ''}`;

/** The stored answers as the form's controls expect them (strings; lists for tick boxes; "yes" for an agreement). */
export function answersAsValues(answers: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(answers)) {
    if (Array.isArray(value)) values[name] = value.map(String);
    else if (value === true) values[name] = 'yes';
    else if (value !== undefined && value !== null && value !== false) values[name] = String(value);
  }
  return values;
}

/** The page the link opens: what was sent, its state, and what can be done with it. */
export function applicationPage(opened: OpenApplication, contactEmail: string, options: { saved?: boolean } = {}): Page {
  const { record, form, correction, withdrawn, token } = opened;
  const rows = readableAnswers(form, record.answers).map(({ question, answer }) => ({ label: question, value: answer }));
  const role = opened.claims.role;
  const notice: Html | string = options.saved
    ? panel(html`<p>Your corrections are saved. We have emailed you a confirmation with a new link; links in earlier emails no longer work.</p>`, { kind: 'notice', status: true })
    : '';
  const state: Html = withdrawn
    ? panel(html`<p>You withdrew this application on ${day(withdrawn.on)}. The committee will not match you, and you will get no more program emails about it.</p>`)
    : html``;
  const correct: Html = withdrawn
    ? html``
    : correction.allowed
      ? html`<h2>Correct your answers</h2>
<p>You can change your answers until applications close on ${correction.until}, as long as the committee has not matched you yet.</p>
<p><a class="button button-secondary" href="${pageLink(token, 'correct')}">Correct my answers</a></p>`
      : html`<h2>Correct your answers</h2>
<p>${correction.why}</p>`;
  const withdraw: Html = withdrawn
    ? html``
    : html`<h2>Withdraw your application</h2>
<p>If you no longer want to take part, you can withdraw at any time. The committee will leave you out of matching and the program’s emails.</p>
<p><a class="button button-secondary" href="${pageLink(token, 'withdraw')}">Withdraw my application</a></p>`;
  const corrected = record.correctedAt ? html` You last corrected it on ${day(record.correctedAt)}.` : '';
  return {
    title: `Your ${role} application`,
    html: html`<h1>Your ${role} application</h1>
${notice}${state}
<p class="lede">You sent it on ${day(record.submittedAt)} (reference ${record.id}).${corrected}</p>
<h2>What you sent</h2>
${summaryList(rows)}
${correct}
${withdraw}
<p>Questions? Write to <a href="mailto:${contactEmail}">${contactEmail}</a>.</p>`.value,
  };
}

/** The correction form: the application's own questions, filled with what was sent (or typed). */
export function correctionPage(
  opened: OpenApplication,
  state: { errors?: Array<{ field: string; message: string }>; typed?: Record<string, RawValue>; problem?: string } = {},
): Page {
  const errors = state.errors ?? [];
  const values = state.typed ?? answersAsValues(opened.record.answers);
  const role = opened.claims.role;
  const problem = state.problem ? panel(html`<p>${state.problem}</p>`) : '';
  const form = renderForm(opened.form, {
    values,
    errors,
    elsewhere: { action: MY_APPLICATION_PATH, hidden: { token: opened.token, intent: 'correct' }, submitLabel: 'Save my corrections' },
  });
  return {
    title: `${errors.length > 0 ? 'Error: ' : ''}Correct your ${role} application`,
    html: `${
      html`<h1>Correct your ${role} application</h1>
${problem}
<p class="lede">Change what you need to and save. Your application is replaced by the corrected one; we email you a confirmation with a new link.</p>`.value
    }
${form}
${html`<p><a href="${pageLink(opened.token)}">Go back without changing anything</a></p>`.value}`,
  };
}

/** The withdrawal page: what it means, an optional reason, one warning button. */
export function withdrawPage(opened: OpenApplication, state: { error?: string; reason?: string } = {}): Page {
  const role = opened.claims.role;
  const errors = state.error ? [{ field: 'f-reason', message: state.error }] : [];
  const pair = opened.activePair ? html`<p>You are already matched: the committee will be told, will end the match and will get in touch with your partner.</p>` : '';
  return {
    title: `${state.error ? 'Error: ' : ''}Withdraw your ${role} application`,
    html: html`<h1>Withdraw your ${role} application</h1>
${errorSummary(errors)}
<p>The committee will leave you out of matching, and you will get no more program emails. This cannot be undone here; to apply again, send a new application while applications are open.</p>
${pair}
<form class="form" method="post" action="${MY_APPLICATION_PATH}" novalidate>
${hidden('token', opened.token)}
${hidden('intent', 'withdraw')}
${textField({ id: 'f-reason', name: 'reason', label: 'Why are you withdrawing? (optional)', hint: 'Only the committee reads this. You do not have to give a reason.', value: state.reason, errors, maxLength: MAX_WITHDRAW_REASON })}
<button class="button button-warning" type="submit">Withdraw my application</button>
</form>
<p><a href="${pageLink(opened.token)}">Go back without withdrawing</a></p>`.value,
  };
}

/** After a withdrawal. */
export function withdrawnPage(activePair: string | null, contactEmail: string): Page {
  return {
    title: 'Your application is withdrawn',
    html: html`<h1>Your application is withdrawn</h1>
${panel(html`<p>The committee will leave you out of matching and the program’s emails.${activePair ? ' They will end your match and get in touch with your partner.' : ''}</p>`, { kind: 'notice', status: true })}
<p>Thank you for your interest in the program. If you change your mind, write to <a href="mailto:${contactEmail}">${contactEmail}</a>.</p>`.value,
  };
}

/** A refused link, or a request that changed nothing, in one sentence. */
export function sentencePage(title: string, sentence: string): Page {
  return { title, html: html`<h1>${title}</h1>\n${panel(html`<p>${sentence}</p>`)}\n<p><a href="/">Go to the program page</a></p>`.value };
}
