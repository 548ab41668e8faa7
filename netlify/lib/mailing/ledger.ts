/**
 * The mailing ledgers in the records repository: who got which email, when. The ledger, not
 * Resend's 24-hour idempotency keys, is what makes a re-run send only what is missing: it is
 * updated after every batch that the mailer accepted (compare-and-swap on the file's sha, re-read
 * and merged on a conflict), so a crash part way loses at most the record of the batch in flight,
 * and that batch, re-sent with the same recipients, carries the same idempotency key.
 *
 *   mailings/<year>/<YYYY-MM>-monthly-topic.json   one per month
 *   mailings/<year>/introductions.json            introduced pairs, notes to unmatched mentees
 *
 * Entries hold ids (application ids, pair ids, provider email ids), never names or addresses.
 */
import { z } from 'zod';
import { programYear, yearMonth } from '../../../src/schemas/primitives.ts';
import { RecordsConflictError, type RecordsStore } from '../records/ports.ts';

const role = z.enum(['mentor', 'mentee']);

/** A run that is sending now; another run waits until it ends or its lease runs out. */
const leaseSchema = z.object({ runId: z.string(), until: z.iso.datetime() });
export type Lease = z.infer<typeof leaseSchema>;

export const monthlyLedgerSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('monthly-topic'),
  programYear,
  month: yearMonth,
  /** Batches the mailer accepted, in order. */
  batches: z.array(
    z.object({
      idempotencyKey: z.string(),
      sentAt: z.iso.datetime(),
      /** The topic file id sent in this batch. */
      topic: z.string(),
      recipients: z.array(z.object({ person: z.uuid(), role, emailId: z.string() })),
    }),
  ),
  /** Set when a run found nobody left to send to; with the matches file it served. */
  completedAt: z.iso.datetime().nullable(),
  matchesSha: z.string().nullable(),
  lease: leaseSchema.nullable(),
});
export type MonthlyLedger = z.infer<typeof monthlyLedgerSchema>;

export const introductionsLedgerSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('introductions'),
  programYear,
  batches: z.array(
    z.object({
      idempotencyKey: z.string(),
      sentAt: z.iso.datetime(),
      pairs: z.array(z.object({ pair: z.string(), mentor: z.uuid(), mentee: z.uuid(), emailIds: z.array(z.string()) })),
    }),
  ),
  /** Notes sent to mentees left unmatched. */
  unmatched: z.array(
    z.object({
      idempotencyKey: z.string(),
      sentAt: z.iso.datetime(),
      mentees: z.array(z.object({ person: z.uuid(), emailId: z.string() })),
    }),
  ),
  lease: leaseSchema.nullable(),
});
export type IntroductionsLedger = z.infer<typeof introductionsLedgerSchema>;

export const monthlyLedgerPath = (year: string, month: string) => `mailings/${year}/${month}-monthly-topic.json`;
export const introductionsLedgerPath = (year: string) => `mailings/${year}/introductions.json`;

export function emptyMonthlyLedger(year: string, month: string): MonthlyLedger {
  return { schemaVersion: 1, kind: 'monthly-topic', programYear: year, month, batches: [], completedAt: null, matchesSha: null, lease: null };
}

export function emptyIntroductionsLedger(year: string): IntroductionsLedger {
  return { schemaVersion: 1, kind: 'introductions', programYear: year, batches: [], unmatched: [], lease: null };
}

/** People (application ids) a month's ledger says have their email. */
export function sentPeople(ledger: MonthlyLedger): Set<string> {
  return new Set(ledger.batches.flatMap((batch) => batch.recipients.map((recipient) => recipient.person)));
}

/** "pair/mentor/mentee" of every introduced pair: a pair id reused for other people is a new pair. */
export const introductionKey = (pair: { id: string; mentor: string; mentee: string }) => `${pair.id}/${pair.mentor}/${pair.mentee}`;

export function introducedPairs(ledger: IntroductionsLedger): Set<string> {
  return new Set(ledger.batches.flatMap((batch) => batch.pairs.map((entry) => introductionKey({ id: entry.pair, mentor: entry.mentor, mentee: entry.mentee }))));
}

export function notifiedUnmatched(ledger: IntroductionsLedger): Set<string> {
  return new Set(ledger.unmatched.flatMap((batch) => batch.mentees.map((entry) => entry.person)));
}

export class LedgerError extends Error {
  override name = 'LedgerError';
}

export interface JsonRecord<T> {
  value: T;
  /** null when the file does not exist yet. */
  sha: string | null;
}

/** Reads a JSON record checked by a schema; `fallback` when there is none. */
export async function readJsonRecord<T>(records: RecordsStore, path: string, schema: z.ZodType<T>, fallback: () => T): Promise<JsonRecord<T>> {
  const file = await records.readFile(path);
  if (!file) return { value: fallback(), sha: null };
  let json: unknown;
  try {
    json = JSON.parse(file.content);
  } catch {
    throw new LedgerError(`${path} is not valid JSON; fix or remove it before mailing again.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LedgerError(`${path} is not in the expected shape (${issue.path.map(String).join('.') || 'top level'}: ${issue.message}).`);
  }
  return { value: parsed.data, sha: file.sha };
}

/** A change that cannot be made (the lease is someone else's): the update stops without writing. */
export class UpdateRefused extends Error {
  override name = 'UpdateRefused';
}

const MAX_ATTEMPTS = 6;

/**
 * Read-modify-write of a JSON record with compare-and-swap: `change` gets the current value and
 * returns the new one (or null to write nothing); on RecordsConflictError the file is re-read and
 * `change` applied again, so concurrent writers merge instead of overwriting each other.
 */
export async function updateJsonRecord<T>(
  records: RecordsStore,
  path: string,
  schema: z.ZodType<T>,
  fallback: () => T,
  message: string,
  change: (current: T) => T | null,
): Promise<JsonRecord<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await readJsonRecord(records, path, schema, fallback);
    const next = change(current.value);
    if (next === null) return current;
    try {
      const written = await records.writeFile(path, `${JSON.stringify(next, null, 2)}\n`, message, current.sha);
      return { value: next, sha: written.sha };
    } catch (error) {
      if (!(error instanceof RecordsConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
