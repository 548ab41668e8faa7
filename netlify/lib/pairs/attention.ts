/**
 * Which pairs of the running year need the committee, and why: pure rules over the pair, its
 * check-ins, both people's email preferences and the messages not yet handled, so they are
 * tested on a year whose answers are known. A pair needs attention when
 *   - either of them has withdrawn their application (the mailings hold the pair back meanwhile);
 *   - either of them answered "We need help" this month or last (the two latest program months);
 *   - neither answered "We met" in the last two program months (a pair matched before them);
 *   - either of them paused their emails or said they are leaving;
 *   - a message from either of them is not yet handled.
 */
import { formatMonth } from '../../../src/lib/zonedTime.ts';
import type { CheckInAnswer } from '../mailing/signedLinks.ts';

export type Role = 'mentor' | 'mentee';

export type AttentionReason =
  | { kind: 'withdrawn'; role: Role; byApplicant: boolean }
  | { kind: 'need-help'; role: Role; month: string }
  | { kind: 'no-met'; months: string[] }
  | { kind: 'paused'; role: Role }
  | { kind: 'leaving'; role: Role }
  | { kind: 'message'; role: Role; messageId: string };

export interface CheckInAnswerOf {
  month: string;
  role: Role;
  answer: CheckInAnswer;
  note?: string | undefined;
}

export interface AttentionInput {
  pair: { since: string; mentor: string; mentee: string; status: 'active' | 'ended' };
  /** The months looked at: the latest two program months up to now (fewer early in the year). */
  window: readonly string[];
  checkIns: readonly CheckInAnswerOf[];
  /** Email preference of each person who has one (others receive the emails). */
  preferences: ReadonlyMap<string, 'receiving' | 'paused' | 'leaving'>;
  /** Ids of messages not yet handled, by the sender's application id. */
  unhandledMessages: ReadonlyMap<string, readonly string[]>;
  /** Withdrawn applications (reviews with the decision withdrawn): by the applicant or not. */
  withdrawn?: ReadonlyMap<string, { byApplicant: boolean }>;
}

/** The program months shown (up to the current month) and the two that count for attention. */
export function checkInMonths(months: readonly string[], currentMonth: string): { shown: string[]; window: string[] } {
  const shown = months.filter((month) => month <= currentMonth);
  return { shown, window: shown.slice(-2) };
}

/** Why the pair needs attention, most pressing first; empty when it does not (an ended pair never does). */
export function pairAttention(input: AttentionInput): AttentionReason[] {
  const { pair, window } = input;
  if (pair.status !== 'active') return [];
  const reasons: AttentionReason[] = [];
  const people: Array<[Role, string]> = [
    ['mentee', pair.mentee],
    ['mentor', pair.mentor],
  ];
  for (const [role, id] of people) {
    const withdrawal = input.withdrawn?.get(id);
    if (withdrawal) reasons.push({ kind: 'withdrawn', role, byApplicant: withdrawal.byApplicant });
  }
  const inWindow = input.checkIns.filter((entry) => window.includes(entry.month));
  for (const entry of [...inWindow].sort((a, b) => b.month.localeCompare(a.month) || a.role.localeCompare(b.role))) {
    if (entry.answer === 'need-help') reasons.push({ kind: 'need-help', role: entry.role, month: entry.month });
  }
  const matchedBefore = window.length === 2 && pair.since < `${window[0]}-01`;
  if (matchedBefore && !inWindow.some((entry) => entry.answer === 'met')) reasons.push({ kind: 'no-met', months: [...window] });
  for (const [role, id] of people) {
    const status = input.preferences.get(id);
    if (status === 'leaving') reasons.push({ kind: 'leaving', role });
    else if (status === 'paused') reasons.push({ kind: 'paused', role });
  }
  for (const [role, id] of people) for (const messageId of input.unhandledMessages.get(id) ?? []) reasons.push({ kind: 'message', role, messageId });
  return reasons;
}

const monthName = formatMonth;

/** The reason as the committee reads it. */
export function attentionSentence(reason: AttentionReason): string {
  switch (reason.kind) {
    case 'withdrawn':
      return reason.byApplicant
        ? `The ${reason.role} withdrew their application: end the pair, and the mailings leave it out until then.`
        : `The ${reason.role}’s application is marked withdrawn: end the pair, and the mailings leave it out until then.`;
    case 'need-help':
      return `The ${reason.role} answered “We need help” for ${monthName(reason.month)}.`;
    case 'no-met':
      return `No “We met” in ${reason.months.map(monthName).join(' or ')}.`;
    case 'paused':
      return `The ${reason.role} paused their monthly emails.`;
    case 'leaving':
      return `The ${reason.role} said they are leaving the program.`;
    case 'message':
      return `A message from the ${reason.role} is not yet handled.`;
  }
}

/** Pairs needing attention first (most reasons first), then the rest; each group in its given order. */
export function byAttention<Row extends { reasons: readonly AttentionReason[]; status: 'active' | 'ended' }>(rows: readonly Row[]): Row[] {
  const rank = (row: Row) => (row.reasons.length > 0 ? 0 : row.status === 'active' ? 1 : 2);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => rank(a.row) - rank(b.row) || b.row.reasons.length - a.row.reasons.length || a.index - b.index)
    .map(({ row }) => row);
}

/** Each shown month's answers: the mentor's and the mentee's (null: no answer). */
export function checkInGrid(
  months: readonly string[],
  checkIns: readonly CheckInAnswerOf[],
): Array<{ month: string; mentor: CheckInAnswerOf | null; mentee: CheckInAnswerOf | null }> {
  return months.map((month) => ({
    month,
    mentor: checkIns.find((entry) => entry.month === month && entry.role === 'mentor') ?? null,
    mentee: checkIns.find((entry) => entry.month === month && entry.role === 'mentee') ?? null,
  }));
}
