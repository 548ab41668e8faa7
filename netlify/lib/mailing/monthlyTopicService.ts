/**
 * The monthly topic mailing: every person in an active pair gets the month's published topic
 * once (a mentor with several mentees one email naming each), in Resend batches of at most 100,
 * each batch recorded in the month's ledger as soon as the mailer accepts it.
 *
 * Exactly once, step by step:
 * - the ledger lists who has their email; a run sends only to the others, so a second run sends
 *   nothing and a run after a crash sends only the rest;
 * - a batch's idempotency key is derived from the month and that batch's recipients, and its
 *   emails are a pure function of the month, topic and people: if a crash falls between the
 *   mailer's answer and the ledger write, the re-run's first batch is the same request, which the
 *   provider answers from its idempotency store instead of sending again;
 * - a lease in the ledger (taken by compare-and-swap) keeps two runs from sending at once.
 */
import { randomUUID } from 'node:crypto';
import { programMonths, programYearOfMonth } from '../../../src/lib/programMonths.ts';
import { formatMonth, zonedMonth } from '../../../src/lib/zonedTime.ts';
import { MailerError, type OutgoingEmail } from '../mailer/ports.ts';
import { emptyMonthlyLedger, type MonthlyLedger, monthlyLedgerPath, monthlyLedgerSchema, readJsonRecord, sentPeople, UpdateRefused, updateJsonRecord } from './ledger.ts';
import { type MonthlyEmailContext, type MonthlyRecipient, monthlyTopicEmail } from './monthlyTopicEmail.ts';
import { loadPairs, matchesPath, PairsError, type ResolvedPair } from './pairs.ts';
import { loadPreferences } from './preferences.ts';
import { type MailingPorts, notifyCommittee, sha256 } from './ports.ts';
import { chooseTopic } from './topics.ts';

/** Resend's batch limit. */
export const BATCH_SIZE = 100;
/** A run's lease: longer than a background function may live (15 minutes). */
const DEFAULT_LEASE_MS = 16 * 60 * 1000;

export interface MonthlyMailingOptions {
  /** YYYY-MM. */
  month: string;
  /** Answer who would get what, send nothing, write nothing. */
  dryRun?: boolean;
  /** Local demo only: the shipped sample topics are examples, never sent otherwise. */
  allowExampleTopics?: boolean;
  /** Start no new batch after this many milliseconds; the rest waits for the next run. */
  budgetMs?: number;
  leaseMs?: number;
  /** Dry run: preview the email of this person (application id) instead of the next one due. */
  previewPerson?: string | undefined;
}

export interface MailingCounts {
  /** Active pairs. */
  pairs: number;
  /** People in active pairs (one email each). */
  people: number;
  /** Already sent this month (in the ledger). */
  alreadySent: number;
  /** Paused or leaving: no email. */
  paused: number;
  leaving: number;
  /** Left to send, and in how many batches. */
  toSend: number;
  batches: number;
}

export interface EmailPreview {
  role: 'mentor' | 'mentee';
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export type MonthlyMailingResult =
  | { status: 'outside-program'; month: string; message: string }
  | { status: 'not-yet'; month: string; programYear: string; message: string }
  | { status: 'no-topic'; month: string; programYear: string; message: string; committeeNotified: boolean }
  | { status: 'already-running'; month: string; programYear: string; message: string }
  | { status: 'dry-run'; month: string; programYear: string; topic: string; counts: MailingCounts; preview: EmailPreview | null }
  | { status: 'complete'; month: string; programYear: string; topic: string | null; sent: number; batches: number; counts: MailingCounts }
  | { status: 'stopped'; month: string; programYear: string; topic: string; sent: number; batches: number; remaining: number; message: string; retryable: boolean };

/** Everyone in the active pairs, one entry per person with each of their partners, in id order. */
export function monthlyRecipients(pairs: ResolvedPair[]): MonthlyRecipient[] {
  const byPerson = new Map<string, MonthlyRecipient>();
  for (const pair of pairs) {
    for (const [person, partner] of [
      [pair.mentor, pair.mentee],
      [pair.mentee, pair.mentor],
    ] as const) {
      const entry = byPerson.get(person.personId) ?? { person, pairs: [] };
      entry.pairs.push({ pairId: pair.id, partner });
      byPerson.set(person.personId, entry);
    }
  }
  return [...byPerson.values()].sort((a, b) => (a.person.personId < b.person.personId ? -1 : a.person.personId > b.person.personId ? 1 : 0));
}

/** A batch's idempotency key: the month and a hash of exactly who is in it. */
export function batchKey(month: string, personIds: string[]): string {
  return `monthly-topic/${month}/${sha256(personIds.join(','))}`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

function preview(email: OutgoingEmail, role: 'mentor' | 'mentee'): EmailPreview {
  return { role, to: email.to, subject: email.subject, text: email.text, html: email.html, headers: email.headers ?? {} };
}

/** True when the month's ledger says it is done for the current matches (the scheduler skips it). */
export async function monthlyMailingDone(ports: Pick<MailingPorts, 'records' | 'settings'>, month: string): Promise<boolean> {
  const year = programYearOfMonth(month, ports.settings.program);
  if (!year) return true;
  const ledger = await readJsonRecord(ports.records, monthlyLedgerPath(year, month), monthlyLedgerSchema, () => emptyMonthlyLedger(year, month));
  if (!ledger.value.completedAt) return false;
  const matches = await ports.records.readFile(matchesPath(year));
  return (matches?.sha ?? null) === ledger.value.matchesSha;
}

export async function runMonthlyMailing(ports: MailingPorts, options: MonthlyMailingOptions): Promise<MonthlyMailingResult> {
  const { month } = options;
  const dryRun = options.dryRun ?? false;
  const startedAt = Date.now();
  const { settings, records, log } = ports;
  const programYear = programYearOfMonth(month, settings.program);
  if (!programYear) {
    const months = programMonths(settings.programYears.running, settings.program);
    return {
      status: 'outside-program',
      month,
      message: `${formatMonth(month)} is not one of the program’s months (${formatMonth(months[0]!)} to ${formatMonth(months.at(-1)!)}).`,
    };
  }
  const currentMonth = zonedMonth(ports.now(), settings.timeZone);
  if (!dryRun && month > currentMonth) {
    return {
      status: 'not-yet',
      month,
      programYear,
      message: `${formatMonth(month)} has not begun yet, and its topic page is not on the site before then; a dry run can preview it.`,
    };
  }
  const ledgerPath = monthlyLedgerPath(programYear, month);
  const fallback = () => emptyMonthlyLedger(programYear, month);
  const stored = await readJsonRecord(records, ledgerPath, monthlyLedgerSchema, fallback);

  // Done already for these pairs: nothing to read or send.
  const matchesFile = await records.readFile(matchesPath(programYear));
  if (!dryRun && stored.value.completedAt && stored.value.matchesSha === (matchesFile?.sha ?? null)) {
    log(`mailing: ${month} is already complete (${ledgerPath}); nothing to send.`);
    const sent = sentPeople(stored.value).size;
    return {
      status: 'complete',
      month,
      programYear,
      topic: stored.value.batches.at(-1)?.topic ?? null,
      sent: 0,
      batches: 0,
      counts: { pairs: 0, people: sent, alreadySent: sent, paused: 0, leaving: 0, toSend: 0, batches: 0 },
    };
  }

  const choice = chooseTopic(await ports.topics.list(), month, { allowExampleTopics: options.allowExampleTopics ?? false });
  if (choice.kind === 'none') {
    log(`mailing: no topic can be sent for ${month}; nothing sent.`);
    const committeeNotified =
      !dryRun &&
      (await notifyCommittee(ports, `No monthly topic to send for ${formatMonth(month)}`, [
        `The ${formatMonth(month)} topic email was not sent: ${choice.reason}`,
        'Publish the topic in the content editor (/admin/) and the mailing will go out on its next daily run in the first week of the month; after that, start it by hand (docs/mailing.md).',
      ]));
    return { status: 'no-topic', month, programYear, message: choice.reason, committeeNotified };
  }
  const topic = choice.topic;

  let pairs: Awaited<ReturnType<typeof loadPairs>>;
  try {
    pairs = await loadPairs(records, programYear);
  } catch (error) {
    if (error instanceof PairsError && !dryRun) {
      await notifyCommittee(ports, `The ${formatMonth(month)} topic email was not sent`, [
        error.message,
        '',
        `Fix matches/${programYear}.json in the records repository, then start the mailing again (docs/mailing.md).`,
      ]);
    }
    throw error;
  }
  const preferences = await loadPreferences(records, programYear);
  const everyone = monthlyRecipients(pairs.active);
  const paused = everyone.filter((recipient) => preferences.get(recipient.person.personId) === 'paused').length;
  const leaving = everyone.filter((recipient) => preferences.get(recipient.person.personId) === 'leaving').length;
  const receiving = everyone.filter((recipient) => (preferences.get(recipient.person.personId) ?? 'receiving') === 'receiving');

  const months = programMonths(programYear, settings.program);
  const context: MonthlyEmailContext = {
    programYear,
    month,
    topic,
    lastMonth: month === months.at(-1),
    settings,
    siteUrl: ports.siteUrl,
    sender: ports.sender,
    committeeEmail: ports.committeeEmail,
    signingSecret: ports.signingSecret,
  };
  const countsFor = (ledger: MonthlyLedger) => {
    const sent = sentPeople(ledger);
    const remaining = receiving.filter((recipient) => !sent.has(recipient.person.personId));
    const counts: MailingCounts = {
      pairs: pairs.active.length,
      people: everyone.length,
      alreadySent: everyone.filter((recipient) => sent.has(recipient.person.personId)).length,
      paused,
      leaving,
      toSend: remaining.length,
      batches: Math.ceil(remaining.length / BATCH_SIZE),
    };
    return { remaining, counts };
  };

  if (dryRun) {
    const { remaining, counts } = countsFor(stored.value);
    const chosen = options.previewPerson ? everyone.find((recipient) => recipient.person.personId === options.previewPerson) : undefined;
    const sample = chosen ?? remaining[0] ?? receiving[0];
    return { status: 'dry-run', month, programYear, topic: topic.id, counts, preview: sample ? preview(monthlyTopicEmail(sample, context), sample.person.role) : null };
  }

  const markComplete = (ledger: MonthlyLedger, at: string): MonthlyLedger => ({ ...ledger, completedAt: at, matchesSha: pairs.matchesSha, lease: null });
  const initial = countsFor(stored.value);
  if (initial.remaining.length === 0) {
    await updateJsonRecord(records, ledgerPath, monthlyLedgerSchema, fallback, `Monthly topic ${month}: complete`, (current) =>
      current.completedAt && current.matchesSha === pairs.matchesSha ? null : markComplete(current, ports.now().toISOString()),
    );
    log(`mailing: ${month}: everyone has this month's email (${initial.counts.alreadySent} sent earlier, ${paused + leaving} paused or leaving).`);
    return { status: 'complete', month, programYear, topic: topic.id, sent: 0, batches: 0, counts: initial.counts };
  }

  // Take the lease: only one run sends at a time.
  const runId = randomUUID();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  let ledger: MonthlyLedger;
  try {
    ledger = (
      await updateJsonRecord(records, ledgerPath, monthlyLedgerSchema, fallback, `Monthly topic ${month}: sending`, (current) => {
        const now = ports.now();
        if (current.lease && Date.parse(current.lease.until) > now.getTime()) throw new UpdateRefused(current.lease.until);
        return { ...current, completedAt: null, lease: { runId, until: new Date(now.getTime() + leaseMs).toISOString() } };
      })
    ).value;
  } catch (error) {
    if (!(error instanceof UpdateRefused)) throw error;
    log(`mailing: ${month} is being sent by another run (lease until ${error.message}); this run sends nothing.`);
    return {
      status: 'already-running',
      month,
      programYear,
      message: `Another run is sending ${formatMonth(month)} (until ${error.message} at the latest); nothing was sent by this one.`,
    };
  }

  const { remaining, counts } = countsFor(ledger);
  const batches = chunk(remaining, BATCH_SIZE);
  let sent = 0;
  let batchesSent = 0;
  let finished = false;
  const stop = (message: string, retryable: boolean): MonthlyMailingResult => ({
    status: 'stopped',
    month,
    programYear,
    topic: topic.id,
    sent,
    batches: batchesSent,
    remaining: remaining.length - sent,
    message,
    retryable,
  });

  /** At most once a day for the same words (notifyCommittee's key): ids and counts only. */
  const tellCommitteeOfStop = (why: string, retryable: boolean) =>
    notifyCommittee(ports, `The ${formatMonth(month)} topic email stopped part way`, [
      why,
      `${sent} email(s) went out in this run; ${remaining.length - sent} did not yet. Nobody gets a second copy when the mailing goes on.`,
      retryable
        ? 'It resumes by itself on the next daily run in the first week of the month; after that, start it by hand (docs/mailing.md).'
        : 'Fix the problem, then start the mailing again by hand (docs/mailing.md).',
    ]);

  try {
    for (const [index, batch] of batches.entries()) {
      if (options.budgetMs !== undefined && Date.now() - startedAt > options.budgetMs) {
        log(`mailing: ${month}: time budget used after ${batchesSent} batch(es); ${remaining.length - sent} email(s) left for the next run.`);
        await tellCommitteeOfStop('The run used the time a background function has.', true);
        return stop('The run used its time budget; the next run sends the rest.', true);
      }
      const ids = batch.map((recipient) => recipient.person.personId);
      const idempotencyKey = batchKey(month, ids);
      const emails = batch.map((recipient) => monthlyTopicEmail(recipient, context));
      let accepted: { ids: string[] };
      try {
        accepted = await ports.mailer.sendBatch(emails, { idempotencyKey });
      } catch (error) {
        if (!(error instanceof MailerError)) throw error;
        log(
          `mailing: ${month}: batch ${index + 1} of ${batches.length} not sent (${error.retryable ? 'retry later' : 'refused'}: ${error.message}); ${remaining.length - sent} email(s) left.`,
        );
        await tellCommitteeOfStop(`The mail provider did not take a batch: ${error.message}`, error.retryable);
        return stop(error.message, error.retryable);
      }
      const at = ports.now().toISOString();
      const last = index === batches.length - 1;
      const entry = {
        idempotencyKey,
        sentAt: at,
        topic: topic.id,
        recipients: batch.map((recipient, position) => ({ person: recipient.person.personId, role: recipient.person.role, emailId: accepted.ids[position] ?? '' })),
      };
      ledger = (
        await updateJsonRecord(records, ledgerPath, monthlyLedgerSchema, fallback, `Monthly topic ${month}: batch of ${batch.length}`, (current) => {
          const already = current.batches.some((existing) => existing.idempotencyKey === idempotencyKey);
          const merged = already ? current : { ...current, batches: [...current.batches, entry] };
          return last ? markComplete(merged, at) : merged;
        })
      ).value;
      sent += batch.length;
      batchesSent += 1;
      if (last) finished = true;
      log(`mailing: ${month}: batch ${index + 1} of ${batches.length} sent (${batch.length} email(s)), recorded in ${ledgerPath}.`);
    }
  } finally {
    if (!finished) {
      await updateJsonRecord(records, ledgerPath, monthlyLedgerSchema, fallback, `Monthly topic ${month}: run ended`, (current) =>
        current.lease?.runId === runId ? { ...current, lease: null } : null,
      ).catch((error: unknown) => log(`mailing: ${month}: the lease could not be released (${error instanceof Error ? error.name : 'error'}); it lapses by itself.`));
    }
  }
  log(`mailing: ${month} complete: ${sent} email(s) in ${batchesSent} batch(es); ${counts.alreadySent} sent earlier; ${paused + leaving} paused or leaving.`);
  return { status: 'complete', month, programYear, topic: topic.id, sent, batches: batchesSent, counts };
}
