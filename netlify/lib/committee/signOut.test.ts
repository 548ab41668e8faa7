/**
 * Signing out ends the session itself, not only this browser's cookie: a copy of the cookie
 * taken before is refused afterwards. Through the session endpoint and the workspace handler,
 * with the ended sessions in Netlify's own local Blobs server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LocalBlobs, startLocalBlobs } from '../../../tests/servers/blobs/startLocalBlobs.ts';
import { testPorts } from '../../../tests/servers/harness/mailingTestPorts.ts';
import { WORKSPACE_SECRET, WORKSPACE_SITE, workspaceTestPorts } from '../../../tests/servers/harness/workspaceHarness.ts';
import { createBlobsEndedSessions } from '../queue/blobsEndedSessions.ts';
import type { WorkspacePorts } from './ports.ts';
import { newSession, SESSION_COOKIE, sealSession } from './session.ts';
import { handleSession } from './sessionEndpoint.ts';
import { handleWorkspace } from './workspace.ts';

const NOW = new Date('2026-10-02T14:00:00Z');
let blobs: LocalBlobs;
let ports: WorkspacePorts;
let lines: string[];

beforeEach(async () => {
  blobs = await startLocalBlobs();
  const mailing = testPorts();
  lines = [];
  ports = {
    ...workspaceTestPorts({ records: mailing.records, mailing, now: () => NOW }),
    endedSessions: createBlobsEndedSessions({ connection: blobs.connection }),
    log: (line) => lines.push(line),
  };
});
afterEach(() => blobs.stop());

const cookieFor = (issuedAt: Date) => `${SESSION_COOKIE}=${sealSession(newSession('jdoe', 'github', issuedAt), WORKSPACE_SECRET)}`;
const open = (cookie: string, path = '/committee/matching/') => handleWorkspace(new Request(`${WORKSPACE_SITE}${path}`, { headers: { cookie } }), ports);
const signOut = (cookie: string) =>
  handleSession(
    new Request(`${WORKSPACE_SITE}/api/committee/session`, {
      method: 'POST',
      headers: { cookie, origin: WORKSPACE_SITE, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'intent=sign-out',
    }),
    ports,
  );

describe('signing out of the committee workspace', () => {
  it('ends the session: a copy of its cookie shows only the sign-in page afterwards, and other sessions go on', async () => {
    const copied = cookieFor(new Date(NOW.getTime() - 3_600_000));
    const other = cookieFor(new Date(NOW.getTime() - 600_000));
    expect((await open(copied)).status).toBe(200);

    const out = await signOut(copied);
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-committee=; Max-Age=0/);
    expect(lines).toContain('committee: a member signed out');

    const again = await open(copied);
    expect(again.status).toBe(401);
    const page = await again.text();
    expect(page).toContain('You have signed out.');
    expect(page).not.toContain('Matching');
    expect((await open(copied, '/committee/')).status).toBe(200); // the sign-in page, not the overview
    expect(await (await open(copied, '/committee/')).text()).not.toContain('Signed in as');
    expect((await open(other)).status).toBe(200);
  });

  it('still signs out in the browser when Netlify Blobs does not answer, and says so in the log', async () => {
    const cookie = cookieFor(new Date(NOW.getTime() - 3_600_000));
    await blobs.stop();
    const out = await signOut(cookie);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-committee=; Max-Age=0/);
    expect(lines.some((line) => line.startsWith('committee: a sign-out could not be recorded ('))).toBe(true);
    // Checking cannot be done either: the signed, unexpired cookie is let through, and logged.
    expect((await open(cookie)).status).toBe(200);
    expect(lines.some((line) => line.startsWith('committee: could not check whether the session was signed out ('))).toBe(true);
    blobs = await startLocalBlobs();
  });
});
