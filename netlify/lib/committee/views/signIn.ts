/**
 * The sign-in page of the workspace: "Sign in with GitHub" through the OAuth provider (the
 * popup Decap uses; public/committee-sign-in.js), a GitHub token form that works without
 * JavaScript, and, locally only, "Continue as the local committee".
 */
import type { CommitteeSignIn } from '../ports.ts';
import { panel, problemSummary } from './components.ts';
import { formGroup, fieldLabel } from '../../../../src/components/patterns/field.ts';
import { html, trusted } from './html.ts';
import type { WorkspacePage } from './layout.ts';

export type SignInProblem = 'expired' | 'forged' | 'no-write' | 'bad-token' | 'unavailable' | 'origin' | 'no-local' | 'signed-out' | 'missing-token';

const PROBLEMS: Record<SignInProblem, string> = {
  expired: 'Your session has ended (sessions last at most 8 hours). Sign in again to go on.',
  forged: 'Your sign-in could not be checked, so it was refused. Sign in again.',
  'no-write':
    'Your GitHub account cannot write to the program’s records repository, so it cannot open the committee workspace. If you are on the committee, ask the chair to give your account write access to the records repository.',
  'bad-token': 'GitHub did not accept that sign-in. Sign in again.',
  unavailable: 'GitHub did not answer, so we could not check who you are. Nothing was changed. Try again in a few minutes.',
  origin: 'That request did not come from the committee’s own pages, so it was refused.',
  'no-local': 'This site has no local committee sign-in. Sign in with GitHub.',
  'signed-out': 'You have signed out.',
  'missing-token': 'Enter a GitHub token.',
};

export const SIGN_IN_STATUS: Record<SignInProblem, number> = {
  expired: 401,
  forged: 401,
  'no-write': 403,
  'bad-token': 401,
  unavailable: 503,
  origin: 403,
  'no-local': 404,
  'signed-out': 200,
  'missing-token': 400,
};

export function signInMessage(problem: SignInProblem): string {
  return PROBLEMS[problem];
}

export function signInPage(signIn: Pick<CommitteeSignIn, 'localSignIn' | 'authUrl' | 'siteId'>, problem?: SignInProblem): WorkspacePage {
  const message = problem ? PROBLEMS[problem] : undefined;
  const body = html`<h1>Committee workspace</h1>
${message ? (problem === 'signed-out' ? panel(html`<p>${message}</p>`, { kind: 'notice', status: true }) : problemSummary({ title: 'You are not signed in', text: message })) : ''}
<p class="lede">The committee’s pages for reviewing applications, matching and introducing pairs. Only members who can write to the program’s records repository on GitHub can open them.</p>
${
  signIn.localSignIn
    ? html`<form class="form" method="post" action="/api/committee/session">
<input type="hidden" name="intent" value="local">
<p>This copy of the site keeps its records on this computer, so no GitHub account is needed.</p>
<button class="button" type="submit">Continue as the local committee</button>
</form>`
    : html`<div class="sign-in-github" data-auth-url="${signIn.authUrl}" data-site-id="${signIn.siteId ?? ''}" hidden>
<button class="button" type="button" data-github-sign-in>Sign in with GitHub</button>
<p class="form-status" data-sign-in-status role="status"></p>
</div>
<form class="form" method="post" action="/api/committee/session" data-token-form>
<h2>Sign in with a GitHub token</h2>
<p>Without the sign-in window, paste a GitHub personal access token that can read the records repository. It is used once to ask GitHub who you are, and is not kept.</p>
${trusted(formGroup(`${fieldLabel('token', 'GitHub token')}\n<input class="input" type="password" id="token" name="token" autocomplete="off" spellcheck="false">`))}
<button class="button" type="submit">Sign in</button>
</form>
<script src="/committee-sign-in.js" defer></script>`
}`;
  // The OAuth popup must be able to talk back to this page, so the page lets its popups keep their opener.
  return { title: 'Sign in', body, status: problem ? SIGN_IN_STATUS[problem] : 200, headers: { 'Cross-Origin-Opener-Policy': 'same-origin-allow-popups' } };
}
