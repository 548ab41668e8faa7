/**
 * The committee workspace's ports and a signed-in client for handler tests: a records store and
 * the mailing test ports in, the workspace's ports out (memory queues for the submission side),
 * and get/post through handleWorkspace with a session cookie issued an hour before `now`.
 * (Test support, imported only by tests.)
 */
import type { EndedSessions, WorkspacePorts } from '../../../netlify/lib/committee/ports.ts';
import { newSession, SESSION_COOKIE, sealSession } from '../../../netlify/lib/committee/session.ts';
import { handleWorkspace } from '../../../netlify/lib/committee/workspace.ts';
import type { DurableQueue } from '../../../netlify/lib/queue/durableQueue.ts';
import type { RecordsStore } from '../../../netlify/lib/records/ports.ts';
import type { HeldForReview } from '../../../netlify/lib/submissions/heldForReview.ts';
import type { TestPorts } from './mailingTestPorts.ts';
import { createMemoryQueue } from './memoryQueue.ts';

export const WORKSPACE_SITE = 'https://mentoring.example.org';
export const WORKSPACE_SECRET = 'unit-test-session-secret';

export interface WorkspaceTestOptions {
  records: RecordsStore;
  mailing: TestPorts;
  now: () => Date;
  /** Default: an empty memory queue. */
  reviewQueue?: DurableQueue<HeldForReview>;
}

export function workspaceTestPorts({ records, mailing, now, reviewQueue = createMemoryQueue<HeldForReview>() }: WorkspaceTestOptions): WorkspacePorts {
  return {
    records,
    mailing: { ...mailing, records },
    submissions: {
      records,
      reviewQueue,
      heldRecords: createMemoryQueue(),
      mailer: mailing.mailer,
      heldEmails: createMemoryQueue(),
      applicantIndex: { remember: async () => null },
      settings: mailing.settings,
      sender: mailing.sender,
      committeeEmail: mailing.committeeEmail,
      siteUrl: mailing.siteUrl,
      signingSecret: mailing.signingSecret,
      now,
      log: () => {},
      afterResponse: () => {},
    },
    settings: mailing.settings,
    now,
    log: () => {},
    sessionSecret: WORKSPACE_SECRET,
    localSignIn: false,
    identity: null,
    authUrl: 'https://api.netlify.com/auth',
    siteId: undefined,
    siteUrl: WORKSPACE_SITE,
    endedSessions: memoryEndedSessions(),
  };
}

/** Signed-out sessions in memory, as the Blobs store keeps them. */
export function memoryEndedSessions(): EndedSessions & { ended: Map<string, number> } {
  const ended = new Map<string, number>();
  return {
    ended,
    async end(sid, expiresAt) {
      ended.set(sid, expiresAt);
    },
    async isEnded(sid) {
      return ended.has(sid);
    },
  };
}

/** GET and POST as the signed-in member "jdoe"; `ports` is read at each call (tests replace it). */
export function workspaceClient(ports: () => WorkspacePorts) {
  const cookie = () => `${SESSION_COOKIE}=${sealSession(newSession('jdoe', 'github', new Date(ports().now().getTime() - 3_600_000)), WORKSPACE_SECRET)}`;
  return {
    get: (path: string) => handleWorkspace(new Request(`${WORKSPACE_SITE}${path}`, { headers: { cookie: cookie() } }), ports()),
    post: (path: string, fields: Record<string, string>, origin = WORKSPACE_SITE) =>
      handleWorkspace(
        new Request(`${WORKSPACE_SITE}${path}`, {
          method: 'POST',
          headers: { cookie: cookie(), origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields),
        }),
        ports(),
      ),
  };
}

/**
 * The store with every read noted ("readFile <path>", "readFolder <folder>", "listFiles
 * <folder>"), so a test can say how often a page reads a record.
 */
export function countingReads(store: RecordsStore): { store: RecordsStore; reads: string[]; timesRead: (what: string) => number } {
  const reads: string[] = [];
  const noted = <T>(read: string, then: () => T): T => {
    reads.push(read);
    return then();
  };
  const counted: RecordsStore = {
    description: store.description,
    createFile: (...args) => store.createFile(...args),
    createFiles: (...args) => store.createFiles(...args),
    writeFile: (...args) => store.writeFile(...args),
    commit: (...args) => store.commit(...args),
    readFile: (path) => noted(`readFile ${path}`, () => store.readFile(path)),
    readFolder: (folder) => noted(`readFolder ${folder}`, () => store.readFolder(folder)),
    listFiles: (folder) => noted(`listFiles ${folder}`, () => store.listFiles(folder)),
  };
  return { store: counted, reads, timesRead: (what) => reads.filter((read) => read === what).length };
}
