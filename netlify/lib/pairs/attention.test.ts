/**
 * The attention rules on a year whose answers are known: which pairs need the committee and
 * why, in what order, and the months that count early, mid- and after the program.
 */
import { describe, expect, it } from 'vitest';
import { programMonths } from '../../../src/lib/programMonths.ts';
import { type AttentionInput, attentionSentence, byAttention, type CheckInAnswerOf, checkInGrid, checkInMonths, pairAttention } from './attention.ts';

const YEAR = '2026-2027';
const MONTHS = programMonths(YEAR, { startMonth: 9, endMonth: 5 });
const MENTOR = '11111111-1111-4111-8111-111111111111';
const MENTEE = '22222222-2222-4222-8222-222222222222';
const met = (month: string, role: 'mentor' | 'mentee' = 'mentee'): CheckInAnswerOf => ({ month, role, answer: 'met' });

function reasons(overrides: Partial<AttentionInput>) {
  return pairAttention({
    pair: { since: '2026-08-20', mentor: MENTOR, mentee: MENTEE, status: 'active' },
    window: ['2026-11', '2026-12'],
    checkIns: [],
    preferences: new Map(),
    unhandledMessages: new Map(),
    ...overrides,
  });
}

describe('the months that count', () => {
  it('are the latest two program months up to now', () => {
    expect(checkInMonths(MONTHS, '2026-12')).toEqual({ shown: ['2026-09', '2026-10', '2026-11', '2026-12'], window: ['2026-11', '2026-12'] });
  });
  it('are one month in the first month, and none before the program starts', () => {
    expect(checkInMonths(MONTHS, '2026-09').window).toEqual(['2026-09']);
    expect(checkInMonths(MONTHS, '2026-08')).toEqual({ shown: [], window: [] });
  });
  it('are the program’s last two months once it is over', () => {
    expect(checkInMonths(MONTHS, '2027-06')).toEqual({ shown: MONTHS, window: ['2027-04', '2027-05'] });
  });
});

describe('a pair needs attention', () => {
  it('when one of them has withdrawn, first of all, saying whether the applicant did it themselves', () => {
    const found = reasons({ checkIns: [met('2026-12')], withdrawn: new Map([[MENTEE, { byApplicant: true }]]) });
    expect(found).toEqual([{ kind: 'withdrawn', role: 'mentee', byApplicant: true }]);
    expect(attentionSentence(found[0]!)).toBe('The mentee withdrew their application: end the pair, and the mailings leave it out until then.');
    const byCommittee = reasons({ checkIns: [met('2026-12')], withdrawn: new Map([[MENTOR, { byApplicant: false }]]) });
    expect(byCommittee.map(attentionSentence)).toEqual(['The mentor’s application is marked withdrawn: end the pair, and the mailings leave it out until then.']);
  });

  it('not when one of them said “We met” in the last two months', () => {
    expect(reasons({ checkIns: [met('2026-11')] })).toEqual([]);
    expect(reasons({ checkIns: [met('2026-12', 'mentor')] })).toEqual([]);
  });

  it('when one of them needs help this month or last, even if they met', () => {
    const found = reasons({ checkIns: [met('2026-11'), { month: '2026-12', role: 'mentor', answer: 'need-help' }] });
    expect(found).toEqual([{ kind: 'need-help', role: 'mentor', month: '2026-12' }]);
    expect(attentionSentence(found[0]!)).toBe('The mentor answered “We need help” for December 2026.');
  });

  it('not for a call for help before the last two months', () => {
    expect(reasons({ checkIns: [{ month: '2026-10', role: 'mentee', answer: 'need-help' }, met('2026-12')] })).toEqual([]);
  });

  it('when there was no “We met” in the last two months (no answer and “Not yet” alike)', () => {
    expect(reasons({ checkIns: [met('2026-10'), { month: '2026-12', role: 'mentor', answer: 'not-yet' }] })).toEqual([{ kind: 'no-met', months: ['2026-11', '2026-12'] }]);
    expect(attentionSentence({ kind: 'no-met', months: ['2026-11', '2026-12'] })).toBe('No “We met” in November 2026 or December 2026.');
  });

  it('not for silence when the pair is newer than the two months, or the program has run one month', () => {
    expect(reasons({ pair: { since: '2026-11-10', mentor: MENTOR, mentee: MENTEE, status: 'active' } })).toEqual([]);
    expect(reasons({ window: ['2026-09'] })).toEqual([]);
  });

  it('when one of them paused their emails or said they are leaving', () => {
    const preferences = new Map([
      [MENTOR, 'paused' as const],
      [MENTEE, 'leaving' as const],
    ]);
    const found = reasons({ checkIns: [met('2026-12')], preferences });
    expect(found).toEqual([
      { kind: 'leaving', role: 'mentee' },
      { kind: 'paused', role: 'mentor' },
    ]);
    expect(found.map(attentionSentence)).toEqual(['The mentee said they are leaving the program.', 'The mentor paused their monthly emails.']);
    expect(reasons({ checkIns: [met('2026-12')], preferences: new Map([[MENTOR, 'receiving' as const]]) })).toEqual([]);
  });

  it('when a message from one of them is not yet handled', () => {
    const found = reasons({ checkIns: [met('2026-12')], unhandledMessages: new Map([[MENTOR, ['m-1']]]) });
    expect(found).toEqual([{ kind: 'message', role: 'mentor', messageId: 'm-1' }]);
    expect(attentionSentence(found[0]!)).toBe('A message from the mentor is not yet handled.');
  });

  it('never once it has ended', () => {
    expect(
      reasons({ pair: { since: '2026-08-20', mentor: MENTOR, mentee: MENTEE, status: 'ended' }, checkIns: [{ month: '2026-12', role: 'mentee', answer: 'need-help' }] }),
    ).toEqual([]);
  });
});

describe('a fixture year', () => {
  // Five pairs, December 2026: what the committee should see, and in what order.
  const window = ['2026-11', '2026-12'];
  const pairs = [
    { id: 'fine', checkIns: [met('2026-11'), met('2026-12', 'mentor')], prefs: [], messages: [] },
    { id: 'quiet', checkIns: [met('2026-09'), { month: '2026-11', role: 'mentor', answer: 'not-yet' } as const], prefs: [], messages: [] },
    {
      id: 'help-and-quiet',
      checkIns: [{ month: '2026-12', role: 'mentee', answer: 'need-help' } as const, { month: '2026-11', role: 'mentor', answer: 'not-yet' } as const],
      prefs: [[MENTOR, 'paused']] as const,
      messages: [],
    },
    { id: 'ended', checkIns: [], prefs: [], messages: [], ended: true },
    { id: 'message', checkIns: [met('2026-12')], prefs: [], messages: [[MENTEE, ['m-9']]] as const },
  ];
  const rows = pairs.map((pair) => {
    const status = pair.ended ? ('ended' as const) : ('active' as const);
    return {
      id: pair.id,
      status,
      reasons: pairAttention({
        pair: { since: '2026-08-20', mentor: MENTOR, mentee: MENTEE, status },
        window,
        checkIns: pair.checkIns,
        preferences: new Map(pair.prefs),
        unhandledMessages: new Map(pair.messages.map(([id, list]) => [id, [...list]])),
      }),
    };
  });

  it('puts the pairs needing attention first, most reasons first, with every reason', () => {
    const ordered = byAttention(rows);
    expect(ordered.map((row) => row.id)).toEqual(['help-and-quiet', 'quiet', 'message', 'fine', 'ended']);
    expect(ordered[0]!.reasons.map((reason) => reason.kind)).toEqual(['need-help', 'no-met', 'paused']);
    expect(ordered[1]!.reasons.map((reason) => reason.kind)).toEqual(['no-met']);
    expect(ordered[2]!.reasons.map((reason) => reason.kind)).toEqual(['message']);
    expect(ordered[3]!.reasons).toEqual([]);
  });

  it('shows each month’s two answers, and no answer where there is none', () => {
    const grid = checkInGrid(['2026-11', '2026-12'], pairs[2]!.checkIns);
    expect(grid.map((row) => [row.month, row.mentor?.answer ?? null, row.mentee?.answer ?? null])).toEqual([
      ['2026-11', 'not-yet', null],
      ['2026-12', null, 'need-help'],
    ]);
  });
});
