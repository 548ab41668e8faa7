/**
 * What taking a submission needs from the world, passed in by the composition root
 * (netlify/lib/composition.ts): the records store, the mailer, the durable queues that hold what
 * could not be stored or sent, the applicant index, the settings and the clock.
 */
import type { Settings } from '../../../src/schemas/settings.ts';
import type { Mailer, OutgoingEmail } from '../mailer/ports.ts';
import type { ApplicantIndex } from '../queue/blobsIndex.ts';
import type { DurableQueue } from '../queue/durableQueue.ts';
import type { RecordsStore } from '../records/ports.ts';
import type { HeldForReview } from './heldForReview.ts';

/** A record the store would not take, held for the drain. */
export interface HeldRecord {
  path: string;
  content: string;
  message: string;
  heldAt: string;
}

/** An email the mailer would not send, held for the drain. */
export interface HeldEmail {
  email: OutgoingEmail;
  idempotencyKey: string;
  /** For logs: which record it belongs to (never an address). */
  recordId: string;
}

export interface SubmissionPorts {
  records: RecordsStore;
  /** Submissions that looked automated, held for the committee's review (heldForReview.ts). */
  reviewQueue: DurableQueue<HeldForReview>;
  heldRecords: DurableQueue<HeldRecord>;
  mailer: Mailer;
  heldEmails: DurableQueue<HeldEmail>;
  applicantIndex: ApplicantIndex;
  settings: Settings;
  /** Sender of every email, e.g. "NASIG Mentoring <mentoring@nasig.org>". */
  sender: string;
  /** Where committee notices go. */
  committeeEmail: string;
  /** Public origin for the applicant's own link in the confirmation, without a trailing slash. */
  siteUrl: string;
  /** Key that signs that link (LINK_SIGNING_SECRET, as for the check-in links). */
  signingSecret: string;
  now: () => Date;
  log: (line: string) => void;
  /** Runs work after the response is sent (Netlify's context.waitUntil); awaited in tests. */
  afterResponse: (work: Promise<unknown>) => void;
}
