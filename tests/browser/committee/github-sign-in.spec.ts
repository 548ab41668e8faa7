/**
 * "Sign in with GitHub" as on a Netlify deploy: the workspace's functions (the real handlers)
 * on a small server of this test, with RECORDS_REPO pointing at the GitHub stand-in, whose
 * OAuth hand-over page plays Netlify's provider (the popup and its messages, as Decap's). The
 * stand-in knows who holds each token and their permission on the records repository.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { sessionHandler, workspaceHandler } from '../../../netlify/lib/committee/functionHandlers.ts';
import { newSession, sealSession } from '../../../netlify/lib/committee/session.ts';
import { localContext } from '../../../scripts/dev/localFunctions.ts';
import { sendWebResponse, webRequest } from '../../../scripts/dev/nodeBridge.ts';
import { type LocalBlobs, startLocalBlobs } from '../../servers/blobs/startLocalBlobs.ts';
import { type FakeGitHub, startFakeGitHub } from '../../servers/github/fakeGitHub.ts';
import { axeViolations, axeViolationsWithoutScripts } from '../support/site.ts';

const TYPES: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.html': 'text/html' };
let github: FakeGitHub;
let blobs: LocalBlobs;
let server: Server;
let origin: string;
const saved = { ...process.env };

test.beforeAll(async () => {
  // Netlify Blobs, as a deploy has it (the overview lists the submissions held for review).
  blobs = await startLocalBlobs();
  github = await startFakeGitHub({
    owner: 'nasig',
    repo: 'records',
    token: 'service-token',
    people: { 'token-chair': { login: 'chair', permission: 'admin' }, 'token-reader': { login: 'reader', permission: 'read' } },
  });
  server = createServer((incoming, outgoing) => {
    const request = webRequest(incoming, origin);
    const path = new URL(request.url).pathname;
    // A branch deploy: production strictness off, but nothing local is offered.
    const context = localContext(request, {}, { deployContext: 'branch-deploy', waitUntil: () => {} });
    const answer =
      path === '/api/committee/session'
        ? sessionHandler(request, context)
        : path === '/committee' || path.startsWith('/committee/')
          ? workspaceHandler(request, context)
          : Promise.resolve(staticFile(path));
    answer.then((response) => sendWebResponse(response, outgoing)).catch(() => outgoing.end());
  });
  await new Promise<void>((listening) => server.listen(0, 'localhost', () => listening()));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    SITE_URL: origin,
    RECORDS_REPO: 'nasig/records',
    GITHUB_TOKEN: 'service-token',
    GITHUB_API_URL: github.url,
    COMMITTEE_AUTH_URL: `${github.url}/auth`,
    COMMITTEE_SESSION_SECRET: 'browser-test-session-secret',
    NETLIFY_BLOBS_CONTEXT: blobs.environmentContext,
  });
});

test.afterAll(async () => {
  process.env = saved;
  await new Promise<void>((closed) => server.close(() => closed()));
  await github.stop();
  await blobs.stop();
});

/** The built site's files (the layout's CSS, the sign-in script), as Netlify's CDN would serve them. */
function staticFile(path: string): Response {
  const clean = normalize(path).replace(/^(\.\.[/\\])+/, '');
  for (const root of ['dist', 'public']) {
    for (const candidate of [join(root, clean), join(root, clean, 'index.html')]) {
      try {
        return new Response(readFileSync(candidate), { headers: { 'content-type': TYPES[extname(candidate)] ?? 'application/octet-stream' } });
      } catch {}
    }
  }
  return new Response('Not found', { status: 404 });
}

test('a member with write access signs in through the GitHub popup; the token is not kept', async ({ page }) => {
  github.oauth.token = 'token-chair';
  await page.goto(`${origin}/committee/`);
  await expect(page.getByRole('button', { name: 'Continue as the local committee' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
  await expect(page.getByText('Signed in as chair')).toBeVisible();
  const cookies = await page.context().cookies(origin);
  expect(cookies.map((cookie) => cookie.name)).toEqual(['__Host-committee']);
  expect(cookies[0]!.value).not.toContain('token-chair');
  expect(Buffer.from(cookies[0]!.value.split('.')[0]!, 'base64url').toString('utf8')).not.toContain('token-chair');
});

test('a GitHub user who can only read the records is refused, sees why, and gets no session', async ({ page }) => {
  github.oauth.token = 'token-reader';
  await page.goto(`${origin}/committee/`);
  await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
  await expect(page.locator('[data-sign-in-status]')).toContainText('cannot write to the program’s records repository');
  expect(await page.context().cookies(origin)).toEqual([]);
});

test('without JavaScript, a token pasted in the form signs in; the local committee cannot be forced', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${origin}/committee/`);
  const forced = await page.request.post(`${origin}/api/committee/session`, { headers: { origin }, form: { intent: 'local' }, maxRedirects: 0 });
  expect(forced.status()).toBe(404);
  await page.getByLabel('GitHub token').fill('token-reader');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('cannot write');
  expect(await axeViolationsWithoutScripts(browser, page.url(), await page.content())).toEqual([]);
  await page.getByLabel('GitHub token').fill('token-chair');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('Signed in as chair')).toBeVisible();
  await context.close();
});

test('an expired or forged session cookie shows the sign-in page and nothing else', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { hostname } = new URL(origin);
  await context.addCookies([{ name: '__Host-committee', value: 'eyJ2IjoxfQ.forged', domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Strict' }]);
  const response = await page.goto(`${origin}/committee/applications/`);
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('alert')).toContainText('could not be checked');
  await expect(page.locator('table')).toHaveCount(0);

  const expired = sealSession(newSession('chair', 'github', new Date(Date.now() - 9 * 3600_000)), 'browser-test-session-secret');
  await context.clearCookies();
  await context.addCookies([{ name: '__Host-committee', value: expired, domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Strict' }]);
  const again = await page.goto(`${origin}/committee/`);
  expect(again?.status()).toBe(401);
  await expect(page.getByRole('alert')).toContainText('Your session has ended');
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});
