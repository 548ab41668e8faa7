/**
 * Ending a pair (the program's promise: "we will inform both parties and rematch"): the
 * committee gives a reason, reads both emails, and confirms. Both people are emailed in one
 * batch (one idempotency key per pair, so a retry sends nothing twice), then the matches file
 * records the end in one commit: `status: ended` and `ended: {on, reason, emails}`. The pair is
 * never deleted, and the matching engine never proposes it again. A form opened before the
 * matches file changed changes nothing and sends nothing. Someone who has withdrawn their
 * application (reviews.ts) is written to no more: only their partner is told.
 */
import { z } from 'zod';
import { zonedDate } from '../../../src/lib/zonedTime.ts';
import { type MatchesFile, matchesFileSchema } from '../../../src/schemas/record.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { type Mailer, MailerError, type OutgoingEmail } from '../mailer/ports.ts';
import { introductionKey } from '../mailing/ledger.ts';
import { pairEndedEmail } from '../mailing/pairEndedEmails.ts';
import { matchesPath, type Person } from '../mailing/pairs.ts';
import { sha256 } from '../mailing/ports.ts';
import { loadMatches } from '../matching/applications.ts';
import { RecordsConflictError, type RecordsStore } from '../records/ports.ts';
import { loadReviews, withdrawnIds } from '../reviews/reviews.ts';

export const END_REASONS = [
  { value: 'leaving', label: 'One of them is leaving the program' },
  { value: 'not-working', label: 'The pairing is not working out' },
  { value: 'no-contact', label: 'They have not been able to meet' },
  { value: 'other', label: 'Another reason' },
] as const;

export const endPairInputSchema = z
  .object({
    reason: z.enum(END_REASONS.map((choice) => choice.value) as [string, ...string[]], { error: 'Choose why the pair is ending.' }),
    details: z.string().trim().max(400, 'Keep the details under 400 characters.').default(''),
  })
  .superRefine((value, context) => {
    if (value.reason === 'other' && value.details === '') context.addIssue({ code: 'custom', path: ['details'], message: 'Say why the pair is ending.' });
  });
export type EndPairInput = z.infer<typeof endPairInputSchema>;

/** The reason as the matches file keeps it: the chosen words, and what was typed. */
export function reasonText(input: EndPairInput): string {
  const label = END_REASONS.find((choice) => choice.value === input.reason)?.label ?? input.reason;
  if (input.reason === 'other') return input.details;
  return input.details ? `${label}: ${input.details}` : label;
}

/** The matches file with the pair ended: pure, so its rules are tested on their own. */
export function endedMatches(file: MatchesFile, pairId: string, ended: { on: string; reason: string; emails: Array<{ role: 'mentor' | 'mentee'; emailId: string }> }): MatchesFile {
  const pair = file.pairs.find((each) => each.id === pairId);
  if (pair?.status !== 'active') throw new Error(`Pair ${pairId} is not active.`);
  return matchesFileSchema.parse({ ...file, pairs: file.pairs.map((each) => (each.id === pairId ? { ...each, status: 'ended', ended } : each)) });
}

export interface EndPairPorts {
  store: RecordsStore;
  mailer: Mailer;
  settings: Settings;
  siteUrl: string;
  sender: string;
  now: () => Date;
  log: (line: string) => void;
}

export type EndPairOutcome =
  | { kind: 'ended'; emails: number }
  | { kind: 'invalid'; errors: Array<{ field: string; message: string }> }
  | { kind: 'stale' }
  | { kind: 'not-active' }
  | { kind: 'not-found' }
  | { kind: 'not-sent'; message: string };

/** Who is told a pair has ended, mentee first: not someone who has withdrawn their application. */
export function rolesToTell(pair: { mentor: string; mentee: string }, withdrawn: ReadonlySet<string>): Array<'mentee' | 'mentor'> {
  return (['mentee', 'mentor'] as const).filter((role) => !withdrawn.has(pair[role]));
}

/** The emails of ending a pair, one per role told (mentee first). */
export function pairEndedEmails(
  people: { mentor: Person; mentee: Person },
  ports: Pick<EndPairPorts, 'settings' | 'siteUrl' | 'sender'>,
  roles: ReadonlyArray<'mentee' | 'mentor'> = ['mentee', 'mentor'],
): Array<OutgoingEmail & { role: 'mentee' | 'mentor' }> {
  return roles.map((role) => ({ ...pairEndedEmail(people, role, ports), role }));
}

export async function endPair(
  ports: EndPairPorts,
  request: { pairId: string; people: { mentor: Person; mentee: Person } | null; fields: { reason?: unknown; details?: unknown; matchesSha?: unknown } },
): Promise<EndPairOutcome> {
  const year = ports.settings.programYears.running;
  const parsed = endPairInputSchema.safeParse({ reason: request.fields.reason || undefined, details: typeof request.fields.details === 'string' ? request.fields.details : '' });
  if (!parsed.success) return { kind: 'invalid', errors: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'reason'), message: issue.message })) };
  const matches = await loadMatches(ports.store, year);
  if ((matches?.sha ?? '') !== request.fields.matchesSha) return { kind: 'stale' };
  const pair = matches?.matches.pairs.find((each) => each.id === request.pairId);
  if (!matches || !pair || !request.people) return { kind: 'not-found' };
  if (pair.status !== 'active') return { kind: 'not-active' };

  const withdrawn = withdrawnIds(await loadReviews(ports.store, year));
  const told = rolesToTell(pair, withdrawn);
  const emails = pairEndedEmails(request.people, ports, told).map(({ role: _role, ...email }) => email);
  let ids: string[];
  try {
    ids = emails.length === 0 ? [] : (await ports.mailer.sendBatch(emails, { idempotencyKey: `pair-ended/${year}/${sha256(introductionKey(pair))}` })).ids;
  } catch (error) {
    if (error instanceof MailerError) {
      ports.log(`pairs: the emails ending pair ${pair.id} were not sent (${error.message}); nothing changed.`);
      return { kind: 'not-sent', message: error.message };
    }
    throw error;
  }
  const next = endedMatches(matches.matches, pair.id, {
    on: zonedDate(ports.now(), ports.settings.timeZone),
    reason: reasonText(parsed.data),
    emails: told.map((role, index) => ({ role, emailId: ids[index] ?? '' })),
  });
  const whoWasTold = told.length === 2 ? 'both told by email' : told.length === 1 ? `the ${told[0]} told by email; the other had withdrawn` : 'both had withdrawn';
  try {
    await ports.store.writeFile(matchesPath(year), `${JSON.stringify(next, null, 2)}\n`, `End pair ${pair.id} for ${year} (${whoWasTold})`, matches.sha);
  } catch (error) {
    // The emails went with a key that makes a repeat within a day send nothing again.
    if (error instanceof RecordsConflictError) return { kind: 'stale' };
    throw error;
  }
  ports.log(`pairs: pair ${pair.id} of ${year} ended; ${ids.length} email(s) sent.`);
  return { kind: 'ended', emails: ids.length };
}
