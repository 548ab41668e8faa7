/**
 * What the committee workspace needs from the world, chosen by the composition root
 * (composition.ts): the records store, the mailing ports for introductions, the settings, a
 * clock, who may sign in and how.
 */
import type { Settings } from '../../../src/schemas/settings.ts';
import type { OutboxReader } from '../mailer/outboxReader.ts';
import type { MailingPorts } from '../mailing/ports.ts';
import type { StartBackground } from '../mailing/startMailing.ts';
import type { RecordsStore } from '../records/ports.ts';
import type { SubmissionPorts } from '../submissions/ports.ts';
import type { CommitteeIdentity } from './identity.ts';

/**
 * Sessions signed out before they expire. The session cookie is signed, not stored, so without
 * this a copy of a cookie taken before signing out would work until it expired.
 */
export interface EndedSessions {
  /** Remembers that session `sid` was signed out, until `expiresAt` (ms since the epoch); `now` likewise. */
  end(sid: string, expiresAt: number, now: number): Promise<void>;
  /** True when session `sid` was signed out. */
  isEnded(sid: string): Promise<boolean>;
}

export interface CommitteeSignIn {
  /** Signs the session cookie (COMMITTEE_SESSION_SECRET; a fixed local key outside production). */
  sessionSecret: string;
  /** The "Continue as the local committee" stand-in: only locally, with the local records store. */
  localSignIn: boolean;
  /** GitHub, asked at sign-in; null when the records are local (nobody signs in with GitHub then). */
  identity: CommitteeIdentity | null;
  /** The OAuth provider's base (COMMITTEE_AUTH_URL, default Netlify's), and the site id it needs. */
  authUrl: string;
  siteId: string | undefined;
  /** The site's public origin: the only origin state-changing requests may come from. */
  siteUrl: string;
  /** Sessions signed out early (Netlify Blobs). */
  endedSessions: EndedSessions;
}

export interface WorkspacePorts extends CommitteeSignIn {
  records: RecordsStore;
  /** The mailing services' ports (introductions); their records store is replaced per member by an attributed one. */
  mailing: MailingPorts;
  /** The form submission service's ports (the held-for-review queue and what a release needs). */
  submissions: SubmissionPorts;
  /** Starts the background monthly mailing (undefined without MAILER_SECRET; locally it then runs in the request). */
  startMonthlyMailing?: StartBackground | undefined;
  /** The local outbox, read back (only when emails are kept on this computer, never on a deploy). */
  localOutbox?: OutboxReader | undefined;
  settings: Settings;
  now: () => Date;
  /** Ids, paths and counts only. */
  log: (line: string) => void;
}
