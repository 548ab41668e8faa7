/**
 * Every pair of the running year as the committee's pairs pages show it: both people, the
 * check-ins month by month, the attention reasons (attention.ts), the messages and the
 * introductions. A few bulk reads, whatever the number of pairs.
 */
import { programMonths } from '../../../src/lib/programMonths.ts';
import { zonedMonth } from '../../../src/lib/zonedTime.ts';
import type { Pair } from '../../../src/schemas/record.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { checkInRecordSchema } from '../mailing/checkIns.ts';
import { emptyIntroductionsLedger, introductionKey, introductionsLedgerPath, introductionsLedgerSchema, readJsonRecord } from '../mailing/ledger.ts';
import { parsePerson, type Person } from '../mailing/pairs.ts';
import { loadPreferences } from '../mailing/preferences.ts';
import { loadMatches } from '../matching/applications.ts';
import type { RecordsStore } from '../records/ports.ts';
import { sharedReads } from '../records/sharedReads.ts';
import { APPLICANT, loadReviews } from '../reviews/reviews.ts';
import { type AttentionReason, byAttention, type CheckInAnswerOf, checkInMonths, pairAttention } from './attention.ts';
import { type InboxItem, loadInbox, unhandledByPerson } from './inbox.ts';

export interface PairView {
  pair: Pair;
  mentor: Person | null;
  mentee: Person | null;
  checkIns: CheckInAnswerOf[];
  reasons: AttentionReason[];
  status: Pair['status'];
  /** When the pair was introduced (the ledger's batch), or null. */
  introducedAt: string | null;
  introductionEmails: number;
  messages: InboxItem[];
}

export interface PairsOfYear {
  programYear: string;
  /** The matches file's sha ('' when there is none): an end-pair form carries it. */
  matchesSha: string;
  months: string[];
  window: string[];
  pairs: PairView[];
  preferences: Map<string, 'receiving' | 'paused' | 'leaving'>;
  skippedCheckIns: number;
}

export async function loadPairsOfYear(records: RecordsStore, settings: Settings, now: Date): Promise<PairsOfYear> {
  // The preferences are wanted by loadPreferences and loadInbox both: read once.
  const store = sharedReads(records);
  const year = settings.programYears.running;
  const applicationFiles = store.readFolder(`applications/${year}`);
  const [matches, checkInFiles, preferences, inbox, applications, ledger, reviews] = await Promise.all([
    loadMatches(store, year),
    store.readFolder(`check-ins/${year}`),
    loadPreferences(store, year),
    loadInbox(store, year, applicationFiles),
    applicationFiles,
    readJsonRecord(store, introductionsLedgerPath(year), introductionsLedgerSchema, () => emptyIntroductionsLedger(year)),
    loadReviews(store, year),
  ]);
  const withdrawn = new Map(
    [...reviews.values()].filter((review) => review.decision === 'withdrawn').map((review) => [review.applicationId, { byApplicant: review.decidedBy === APPLICANT }]),
  );
  const { shown, window } = checkInMonths(programMonths(year, settings.program), zonedMonth(now, settings.timeZone));
  const checkIns = new Map<string, CheckInAnswerOf[]>();
  let skippedCheckIns = 0;
  for (const file of checkInFiles.values()) {
    try {
      const record = checkInRecordSchema.parse(JSON.parse(file.content));
      checkIns.set(record.pairId, [...(checkIns.get(record.pairId) ?? []), { month: record.month, role: record.role, answer: record.answer, note: record.note }]);
    } catch {
      skippedCheckIns += 1;
    }
  }
  const person = (role: 'mentor' | 'mentee', id: string): Person | null => {
    const path = `applications/${year}/${role}/${id}.json`;
    const file = applications.get(path);
    const parsed = file ? parsePerson(year, role, id, path, file.content) : null;
    return parsed && typeof parsed !== 'string' ? parsed : null;
  };
  const introduced = new Map<string, { at: string; emails: number }>();
  for (const batch of ledger.value.batches)
    for (const entry of batch.pairs)
      introduced.set(introductionKey({ id: entry.pair, mentor: entry.mentor, mentee: entry.mentee }), { at: batch.sentAt, emails: entry.emailIds.length });
  const unhandled = unhandledByPerson(inbox.items);
  const pairs = (matches?.matches.pairs ?? []).map((pair): PairView => {
    const ofPair = checkIns.get(pair.id) ?? [];
    const intro = introduced.get(introductionKey(pair));
    return {
      pair,
      mentor: person('mentor', pair.mentor),
      mentee: person('mentee', pair.mentee),
      checkIns: ofPair,
      reasons: pairAttention({ pair, window, checkIns: ofPair, preferences, unhandledMessages: unhandled, withdrawn }),
      status: pair.status,
      introducedAt: intro?.at ?? null,
      introductionEmails: intro?.emails ?? 0,
      messages: inbox.items.filter((item) => item.personId === pair.mentor || item.personId === pair.mentee),
    };
  });
  return { programYear: year, matchesSha: matches?.sha ?? '', months: shown, window, pairs: byAttention(pairs), preferences, skippedCheckIns };
}
