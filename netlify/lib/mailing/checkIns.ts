/**
 * Check-ins: a person's answer for a month ("we met", "not yet", "we need help"), sent from a
 * signed link in the monthly email and confirmed by a POST (a GET records nothing). One file per
 * person of a pair and month, check-ins/<year>/<YYYY-MM>/<pairId>-<role>.json; a later answer
 * for the same month replaces the earlier one. "We need help" sends the committee a notice that
 * names the record (never the person).
 *
 * The committee summary lists pairs with no "we met" in this month or the one before (the most
 * common way mentoring fails is quietly), and every "we need help".
 */
import { z } from 'zod';
import { programMonths } from '../../../src/lib/programMonths.ts';
import { formatMonth, zonedMonth } from '../../../src/lib/zonedTime.ts';
import { programYear as programYearSchema, yearMonth } from '../../../src/schemas/primitives.ts';
import { updateJsonRecord } from './ledger.ts';
import { loadPairs } from './pairs.ts';
import { type MailingPorts, notifyCommittee } from './ports.ts';
import { CHECK_IN_ANSWERS, CHECK_IN_LABELS, type CheckInAnswer, type CheckInClaims, type LinkRefusal, verifyCheckInLink } from './signedLinks.ts';

export const MAX_NOTE_LENGTH = 2000;

export const checkInRecordSchema = z.object({
  schemaVersion: z.literal(1),
  programYear: programYearSchema,
  month: yearMonth,
  pairId: z.string(),
  personId: z.uuid(),
  role: z.enum(['mentor', 'mentee']),
  answer: z.enum(CHECK_IN_ANSWERS),
  /** Optional words for the committee. */
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
  recordedAt: z.iso.datetime(),
});
export type CheckInRecord = z.infer<typeof checkInRecordSchema>;

/** Built from a verified link's claims only (the pair id pattern keeps it inside the folder). */
export function checkInPath(claims: Pick<CheckInClaims, 'programYear' | 'month' | 'pairId' | 'role'>): string {
  return `check-ins/${claims.programYear}/${claims.month}/${claims.pairId}-${claims.role}.json`;
}

export type CheckInOutcome =
  | { kind: 'recorded'; claims: CheckInClaims; path: string; changed: boolean }
  | { kind: 'refused'; reason: LinkRefusal }
  | { kind: 'invalid'; message: string };

/** Verifies the token and records the answer. Nothing is written for a refused token. */
export async function recordCheckIn(
  ports: Pick<MailingPorts, 'records' | 'mailer' | 'sender' | 'committeeEmail' | 'settings' | 'now' | 'log' | 'signingSecret'>,
  token: string | null | undefined,
  noteInput: string | null | undefined,
): Promise<CheckInOutcome> {
  const verified = verifyCheckInLink(token, ports.signingSecret, ports.now());
  if (!verified.ok) {
    ports.log(`check-in: link refused (${verified.reason}); nothing recorded.`);
    return { kind: 'refused', reason: verified.reason };
  }
  const note = noteInput?.replace(/\r\n?/g, '\n').trim() || undefined;
  if (note !== undefined && note.length > MAX_NOTE_LENGTH) return { kind: 'invalid', message: `Keep the note under ${MAX_NOTE_LENGTH} characters.` };
  const { claims } = verified;
  const path = checkInPath(claims);
  const recordedAt = ports.now().toISOString();
  let changed = false;
  await updateJsonRecord(
    ports.records,
    path,
    checkInRecordSchema,
    () => null as unknown as CheckInRecord,
    `Check-in ${claims.month}: ${claims.pairId} (${claims.role})`,
    (current) => {
      if (current && current.answer === claims.answer && current.personId === claims.personId && (note === undefined || note === current.note)) {
        changed = false;
        return null;
      }
      changed = true;
      return {
        schemaVersion: 1 as const,
        programYear: claims.programYear,
        month: claims.month,
        pairId: claims.pairId,
        personId: claims.personId,
        role: claims.role,
        answer: claims.answer,
        ...(note === undefined ? {} : { note }),
        recordedAt,
      };
    },
  );
  ports.log(`check-in: ${path} ${changed ? 'recorded' : 'already recorded'}.`);
  if (changed && claims.answer === 'need-help') {
    await notifyCommittee(ports, `A pair asked for help (${formatMonth(claims.month)})`, [
      `The ${claims.role} of pair ${claims.pairId} answered "${CHECK_IN_LABELS['need-help']}" for ${formatMonth(claims.month)}.`,
      `Record: ${path}`,
      `In: ${ports.records.description}`,
      'The committee summary lists every request for help: npm run check-in-summary (docs/mailing.md).',
    ]);
  }
  return { kind: 'recorded', claims, path, changed };
}

export interface SummaryPerson {
  personId: string;
  name: string;
  email: string;
}

export interface CheckInSummary {
  programYear: string;
  /** The months looked at for "we met": this month and the one before. */
  window: string[];
  /** Active pairs matched before the window began with no "we met" in it. */
  stalled: Array<{
    pairId: string;
    since: string;
    mentor: SummaryPerson;
    mentee: SummaryPerson;
    lastMet: string | null;
    answers: Array<{ month: string; role: string; answer: CheckInAnswer }>;
  }>;
  /** Every "we need help" of the year, oldest first. */
  needHelp: Array<{
    month: string;
    pairId: string;
    role: 'mentor' | 'mentee';
    recordedAt: string;
    note: string | null;
    mentor: SummaryPerson | null;
    mentee: SummaryPerson | null;
    path: string;
  }>;
  /** Check-in files that could not be read, and pair problems (ids and paths only). */
  problems: string[];
  activePairs: number;
  checkIns: number;
}

export async function checkInSummary(ports: Pick<MailingPorts, 'records' | 'settings' | 'now'>, programYear: string): Promise<CheckInSummary> {
  const { records, settings } = ports;
  const currentMonth = zonedMonth(ports.now(), settings.timeZone);
  const months = programMonths(programYear, settings.program).filter((month) => month <= currentMonth);
  const window = months.slice(-2);
  const pairs = await loadPairs(records, programYear, { strict: false });
  const problems = [...pairs.problems];

  // One bulk read of the year's check-ins (a couple of requests on GitHub, however many).
  const folderFiles = await records.readFolder(`check-ins/${programYear}`);
  const paths = [...folderFiles.keys()].filter((path) => path.endsWith('.json')).sort();
  const files = paths.map((path) => folderFiles.get(path) ?? null);
  const checkIns: Array<CheckInRecord & { path: string }> = [];
  files.forEach((file, index) => {
    const path = paths[index]!;
    if (!file) return;
    try {
      checkIns.push({ ...checkInRecordSchema.parse(JSON.parse(file.content)), path });
    } catch {
      problems.push(`${path} is not a check-in record`);
    }
  });

  const person = (p: { personId: string; name: string; email: string }): SummaryPerson => ({ personId: p.personId, name: p.name, email: p.email });
  const pairById = new Map(pairs.active.map((pair) => [pair.id, pair]));
  const stalled: CheckInSummary['stalled'] = [];
  if (window.length === 2) {
    for (const pair of pairs.active) {
      if (pair.since >= `${window[0]}-01`) continue; // too new to have missed two months
      const ofPair = checkIns.filter((entry) => entry.pairId === pair.id).sort((a, b) => a.month.localeCompare(b.month));
      if (ofPair.some((entry) => entry.answer === 'met' && window.includes(entry.month))) continue;
      const lastMet = ofPair.filter((entry) => entry.answer === 'met').at(-1)?.month ?? null;
      stalled.push({
        pairId: pair.id,
        since: pair.since,
        mentor: person(pair.mentor),
        mentee: person(pair.mentee),
        lastMet,
        answers: ofPair.filter((entry) => window.includes(entry.month)).map((entry) => ({ month: entry.month, role: entry.role, answer: entry.answer })),
      });
    }
  }
  const needHelp = checkIns
    .filter((entry) => entry.answer === 'need-help')
    .sort((a, b) => a.month.localeCompare(b.month) || a.recordedAt.localeCompare(b.recordedAt))
    .map((entry) => {
      const pair = pairById.get(entry.pairId);
      return {
        month: entry.month,
        pairId: entry.pairId,
        role: entry.role,
        recordedAt: entry.recordedAt,
        note: entry.note ?? null,
        mentor: pair ? person(pair.mentor) : null,
        mentee: pair ? person(pair.mentee) : null,
        path: entry.path,
      };
    });
  return { programYear, window, stalled, needHelp, problems, activePairs: pairs.active.length, checkIns: checkIns.length };
}

/** The summary as plain text, for the committee's terminal (names, because that is its purpose). */
export function formatSummary(summary: CheckInSummary): string {
  const lines: string[] = [`Check-ins for ${summary.programYear}: ${summary.checkIns} answer(s) from ${summary.activePairs} active pair(s).`, ''];
  const named = (p: SummaryPerson | null) => (p ? `${p.name} <${p.email}>` : '(pair no longer active)');
  if (summary.window.length < 2) {
    lines.push('Stalled pairs: the program has not run for two months yet.');
  } else {
    lines.push(`Pairs with no "we met" in ${formatMonth(summary.window[0]!)} or ${formatMonth(summary.window[1]!)}: ${summary.stalled.length}`);
    for (const pair of summary.stalled) {
      lines.push(`- ${pair.pairId}: mentor ${named(pair.mentor)}, mentee ${named(pair.mentee)}; last "we met": ${pair.lastMet ? formatMonth(pair.lastMet) : 'never'}`);
      for (const answer of pair.answers) lines.push(`    ${formatMonth(answer.month)}, ${answer.role}: ${CHECK_IN_LABELS[answer.answer]}`);
    }
  }
  lines.push('', `"We need help" answers: ${summary.needHelp.length}`);
  for (const entry of summary.needHelp) {
    lines.push(`- ${formatMonth(entry.month)}, pair ${entry.pairId}, from the ${entry.role}: mentor ${named(entry.mentor)}, mentee ${named(entry.mentee)}`);
    if (entry.note) lines.push(`    "${entry.note.replace(/\n/g, ' ')}"`);
  }
  if (summary.problems.length > 0) lines.push('', 'Problems found:', ...summary.problems.map((problem) => `- ${problem}`));
  return lines.join('\n');
}
