/**
 * Introductions: each active pair not yet in mailings/<year>/introductions.json gets one email
 * to the mentor and one to the mentee, both in the same batch (50 pairs, 100 emails a batch), the
 * ledger updated after each batch. A rematch (a pair ended, another started) introduces only the
 * new pair. On the chair's command (`unmatched`), mentees in no pair get a kind note, once.
 * The same exactly-once design as the monthly topic (monthlyTopicService.ts).
 */
import { randomUUID } from 'node:crypto';
import { MailerError, type OutgoingEmail } from '../mailer/ports.ts';
import { firstStepsFor } from './guidance.ts';
import { introduction, type IntroductionContext, unmatchedNote } from './introductionEmails.ts';
import {
  emptyIntroductionsLedger,
  introducedPairs,
  introductionKey,
  type IntroductionsLedger,
  introductionsLedgerPath,
  introductionsLedgerSchema,
  notifiedUnmatched,
  readJsonRecord,
  UpdateRefused,
  updateJsonRecord,
} from './ledger.ts';
import type { EmailPreview } from './monthlyTopicService.ts';
import { loadMenteeApplications, loadPairs, type Person, type ResolvedPair, type YearPairs } from './pairs.ts';
import { type MailingPorts, sha256 } from './ports.ts';

const PAIRS_PER_BATCH = 50;
const NOTES_PER_BATCH = 100;
const LEASE_MS = 10 * 60 * 1000;

export interface IntroductionsOptions {
  programYear: string;
  dryRun?: boolean;
  /** Also send the note to mentees left unmatched (the chair's command). */
  unmatched?: boolean;
  /** Start no new batch after this many milliseconds; the rest waits for the next run. */
  budgetMs?: number;
  /**
   * A dry run only: the year's pairs and ledger as the caller has just read them (the
   * workspace's page shows both), so they are not read twice. A real run always reads its own.
   */
  loaded?: { pairs: YearPairs; ledger: IntroductionsLedger };
}

export interface IntroductionsResult {
  status: 'dry-run' | 'complete' | 'stopped' | 'already-running';
  programYear: string;
  pairs: { active: number; alreadyIntroduced: number; toIntroduce: number; introduced: number };
  unmatched: { mentees: number; alreadyNotified: number; toNotify: number; notified: number } | null;
  /** Emails sent by this run. */
  emails: number;
  /** Dry run: the first pair's two emails, and the first unmatched note. */
  preview: { mentor: EmailPreview; mentee: EmailPreview } | null;
  unmatchedPreview: EmailPreview | null;
  message: string | null;
}

function asPreview(email: OutgoingEmail, role: 'mentor' | 'mentee'): EmailPreview {
  return { role, to: email.to, subject: email.subject, text: email.text, html: email.html, headers: email.headers ?? {} };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/** Mentees in no pair of the year (active or ended), one per email address (their latest application). */
function unmatchedMentees(mentees: Array<Person & { submittedAt: string }>, pairs: Array<{ mentee: string }>, paired: Person[]): Person[] {
  const pairedIds = new Set(pairs.map((pair) => pair.mentee));
  const pairedEmails = new Set(paired.map((person) => person.email.trim().toLowerCase()));
  for (const mentee of mentees) if (pairedIds.has(mentee.personId)) pairedEmails.add(mentee.email.trim().toLowerCase());
  const latest = new Map<string, Person & { submittedAt: string }>();
  for (const mentee of mentees) {
    const email = mentee.email.trim().toLowerCase();
    if (pairedEmails.has(email)) continue;
    const earlier = latest.get(email);
    if (!earlier || mentee.submittedAt > earlier.submittedAt || (mentee.submittedAt === earlier.submittedAt && mentee.personId > earlier.personId)) latest.set(email, mentee);
  }
  return [...latest.values()].sort((a, b) => (a.personId < b.personId ? -1 : 1));
}

/** What an introduction email is written from: the settings, the site, the sender and each role's first steps. */
export async function introductionContext(ports: Pick<MailingPorts, 'settings' | 'siteUrl' | 'sender'>): Promise<IntroductionContext> {
  return {
    settings: ports.settings,
    siteUrl: ports.siteUrl,
    sender: ports.sender,
    firstSteps: {
      mentor: firstStepsFor(ports.settings, 'mentor'),
      mentee: firstStepsFor(ports.settings, 'mentee'),
    },
  };
}

export async function runIntroductions(ports: MailingPorts, options: IntroductionsOptions): Promise<IntroductionsResult> {
  const { programYear } = options;
  const dryRun = options.dryRun ?? false;
  const startedAt = Date.now();
  const { records, log } = ports;
  const ledgerPath = introductionsLedgerPath(programYear);
  const fallback = () => emptyIntroductionsLedger(programYear);

  const loaded = dryRun ? options.loaded : undefined;
  const pairs = loaded?.pairs ?? (await loadPairs(records, programYear));
  const context = await introductionContext(ports);
  let unmatched: Person[] = [];
  if (options.unmatched) {
    const { mentees, skipped } = await loadMenteeApplications(records, programYear);
    for (const problem of skipped) log(`introductions: skipped ${problem}.`);
    unmatched = unmatchedMentees(
      mentees,
      pairs.all,
      pairs.active.map((pair) => pair.mentee),
    );
  }

  const plan = (ledger: IntroductionsLedger) => {
    const introduced = introducedPairs(ledger);
    const newPairs = pairs.active.filter((pair) => !introduced.has(introductionKey({ id: pair.id, mentor: pair.mentor.personId, mentee: pair.mentee.personId })));
    const notified = notifiedUnmatched(ledger);
    const notes = unmatched.filter((mentee) => !notified.has(mentee.personId));
    return { newPairs, notes, alreadyIntroduced: pairs.active.length - newPairs.length, alreadyNotified: unmatched.length - notes.length };
  };
  const stored = loaded ? { value: loaded.ledger } : await readJsonRecord(records, ledgerPath, introductionsLedgerSchema, fallback);
  const result = (status: IntroductionsResult['status'], ledger: IntroductionsLedger, introducedNow: number, notifiedNow: number, message: string | null): IntroductionsResult => {
    const planned = plan(ledger);
    return {
      status,
      programYear,
      pairs: {
        active: pairs.active.length,
        alreadyIntroduced: planned.alreadyIntroduced - introducedNow,
        toIntroduce: planned.newPairs.length + introducedNow,
        introduced: introducedNow,
      },
      unmatched: options.unmatched
        ? { mentees: unmatched.length, alreadyNotified: planned.alreadyNotified - notifiedNow, toNotify: planned.notes.length + notifiedNow, notified: notifiedNow }
        : null,
      emails: introducedNow * 2 + notifiedNow,
      preview: null,
      unmatchedPreview: null,
      message,
    };
  };

  if (dryRun) {
    const planned = plan(stored.value);
    const first = planned.newPairs[0];
    const firstNote = planned.notes[0];
    return {
      ...result('dry-run', stored.value, 0, 0, null),
      preview: first ? { mentor: asPreview(introduction(first, 'mentor', context), 'mentor'), mentee: asPreview(introduction(first, 'mentee', context), 'mentee') } : null,
      unmatchedPreview: firstNote ? asPreview(unmatchedNote(firstNote, programYear, context), 'mentee') : null,
    };
  }
  const initial = plan(stored.value);
  if (initial.newPairs.length === 0 && initial.notes.length === 0) {
    log(`introductions: ${programYear}: nothing new to send (${initial.alreadyIntroduced} pair(s) introduced earlier).`);
    return result('complete', stored.value, 0, 0, null);
  }

  const runId = randomUUID();
  let ledger: IntroductionsLedger;
  try {
    ledger = (
      await updateJsonRecord(records, ledgerPath, introductionsLedgerSchema, fallback, `Introductions ${programYear}: sending`, (current) => {
        const now = ports.now();
        if (current.lease && Date.parse(current.lease.until) > now.getTime()) throw new UpdateRefused(current.lease.until);
        return { ...current, lease: { runId, until: new Date(now.getTime() + LEASE_MS).toISOString() } };
      })
    ).value;
  } catch (error) {
    if (!(error instanceof UpdateRefused)) throw error;
    return result('already-running', stored.value, 0, 0, `Another run is sending introductions (until ${error.message} at the latest); nothing was sent by this one.`);
  }

  const { newPairs, notes } = plan(ledger);
  let introducedNow = 0;
  let notifiedNow = 0;
  const outOfTime = () => options.budgetMs !== undefined && Date.now() - startedAt > options.budgetMs;
  const send = async (emails: OutgoingEmail[], idempotencyKey: string): Promise<string[] | MailerError> => {
    try {
      return (await ports.mailer.sendBatch(emails, { idempotencyKey })).ids;
    } catch (error) {
      if (error instanceof MailerError) return error;
      throw error;
    }
  };
  const write = async (message: string, change: (current: IntroductionsLedger) => IntroductionsLedger) => {
    ledger = (await updateJsonRecord(records, ledgerPath, introductionsLedgerSchema, fallback, message, change)).value;
  };

  try {
    for (const batch of chunk<ResolvedPair>(newPairs, PAIRS_PER_BATCH)) {
      if (outOfTime()) return result('stopped', ledger, introducedNow, notifiedNow, 'The run used its time budget; run it again to send the rest.');
      const keys = batch.map((pair) => introductionKey({ id: pair.id, mentor: pair.mentor.personId, mentee: pair.mentee.personId }));
      const idempotencyKey = `introductions/${programYear}/${sha256(keys.join(','))}`;
      const ids = await send(
        batch.flatMap((pair) => [introduction(pair, 'mentor', context), introduction(pair, 'mentee', context)]),
        idempotencyKey,
      );
      if (ids instanceof MailerError) {
        log(`introductions: ${programYear}: a batch was not sent (${ids.message}).`);
        return result('stopped', ledger, introducedNow, notifiedNow, ids.message);
      }
      const sentAt = ports.now().toISOString();
      await write(`Introductions ${programYear}: ${batch.length} pair(s)`, (current) =>
        current.batches.some((existing) => existing.idempotencyKey === idempotencyKey)
          ? current
          : {
              ...current,
              batches: [
                ...current.batches,
                {
                  idempotencyKey,
                  sentAt,
                  pairs: batch.map((pair, index) => ({ pair: pair.id, mentor: pair.mentor.personId, mentee: pair.mentee.personId, emailIds: ids.slice(index * 2, index * 2 + 2) })),
                },
              ],
            },
      );
      introducedNow += batch.length;
      log(`introductions: ${programYear}: ${batch.length} pair(s) introduced, recorded in ${ledgerPath}.`);
    }
    for (const batch of chunk(notes, NOTES_PER_BATCH)) {
      if (outOfTime()) return result('stopped', ledger, introducedNow, notifiedNow, 'The run used its time budget; run it again to send the rest.');
      const idempotencyKey = `unmatched/${programYear}/${sha256(batch.map((mentee) => mentee.personId).join(','))}`;
      const ids = await send(
        batch.map((mentee) => unmatchedNote(mentee, programYear, context)),
        idempotencyKey,
      );
      if (ids instanceof MailerError) {
        log(`introductions: ${programYear}: a batch of notes was not sent (${ids.message}).`);
        return result('stopped', ledger, introducedNow, notifiedNow, ids.message);
      }
      const sentAt = ports.now().toISOString();
      await write(`Notes to unmatched mentees ${programYear}: ${batch.length}`, (current) =>
        current.unmatched.some((existing) => existing.idempotencyKey === idempotencyKey)
          ? current
          : {
              ...current,
              unmatched: [...current.unmatched, { idempotencyKey, sentAt, mentees: batch.map((mentee, index) => ({ person: mentee.personId, emailId: ids[index] ?? '' })) }],
            },
      );
      notifiedNow += batch.length;
      log(`introductions: ${programYear}: ${batch.length} note(s) to unmatched mentees sent, recorded in ${ledgerPath}.`);
    }
  } finally {
    await updateJsonRecord(records, ledgerPath, introductionsLedgerSchema, fallback, `Introductions ${programYear}: run ended`, (current) =>
      current.lease?.runId === runId ? { ...current, lease: null } : null,
    )
      .then((written) => {
        ledger = written.value;
      })
      .catch((error: unknown) => log(`introductions: the lease could not be released (${error instanceof Error ? error.name : 'error'}); it lapses by itself.`));
  }
  return result('complete', ledger, introducedNow, notifiedNow, null);
}
