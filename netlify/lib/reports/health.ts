/**
 * The program's health for one year, as figures for the committee's annual report: applications
 * by role and the committee's decisions, mentees matched and not (and why not), pairs active and
 * ended, per program month the check-in response rate and the "We met" rate, and the evaluation
 * response rate (with the same small-group rule as the evaluations page). The figures
 * (healthFigures) are pure and tested on a fixture year; loadHealth reads the store through the
 * loaders the workspace and the commands already use; healthCsv gives the same figures as CSV.
 */
import type { Role } from '../../../src/schemas/application.ts';
import type { Pair } from '../../../src/schemas/record.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import { programMonths } from '../../../src/lib/programMonths.ts';
import { formatMonth, zonedMonth } from '../../../src/lib/zonedTime.ts';
import { loadYearRecords, type ApplicationStatus } from '../committee/yearRecords.ts';
import type { CheckInRecord } from '../mailing/checkIns.ts';
import { toCsv, UTF8_BOM } from '../matching/csv.ts';
import type { RecordsStore } from '../records/ports.ts';
import { loadCheckIns } from './checkInRecords.ts';
import { loadEvaluations, latestPerPerson, percent, peopleInPairs, ROLES, SMALL_GROUP, type StoredEvaluation } from './evaluations.ts';

export interface HealthApplication {
  id: string;
  role: Role;
  status: ApplicationStatus;
  /** False when the same person sent a later application in the same role (not counted). */
  latest: boolean;
}

export interface HealthInput {
  programYear: string;
  applications: readonly HealthApplication[];
  pairs: readonly Pair[];
  checkIns: readonly Pick<CheckInRecord, 'month' | 'pairId' | 'role' | 'answer'>[];
  evaluations: readonly StoredEvaluation[];
  /** The program months so far (YYYY-MM), oldest first. */
  months: readonly string[];
}

export interface MonthFigures {
  month: string;
  /** Pairs that were together that month. */
  pairs: number;
  /** People of those pairs who answered the month's check-in, out of two per pair. */
  answered: number;
  expected: number;
  responseRate: number | null;
  /** Pairs in which someone answered "We met". */
  met: number;
  metRate: number | null;
  needHelp: number;
}

export interface HealthFigures {
  programYear: string;
  applications: Array<{ role: Role; total: number; eligible: number; notEligible: number; withdrawn: number; notReviewed: number }>;
  mentees: { matched: number; unmatched: number; notEligible: number; withdrawn: number; pairEnded: number; noMatch: number };
  pairs: { active: number; ended: number };
  months: MonthFigures[];
  checkIns: { answered: number; expected: number; responseRate: number | null; met: number; pairMonths: number; metRate: number | null };
  evaluations: Array<{ role: Role; inPairs: number } & ({ suppressed: true } | { suppressed: false; answered: number; responseRate: number | null })>;
}

/** The day a pair ended, when the matches file says (older files may not). */
export function endedOn(pair: Pair): string | null {
  const ended = (pair as Pair & { ended?: { on?: unknown } }).ended;
  return typeof ended?.on === 'string' ? ended.on : null;
}

/** Was the pair together during the month? Matched by its end; not yet ended at its start. */
export function pairInMonth(pair: Pair, month: string, checkInMonths: ReadonlySet<string>): boolean {
  if (pair.since > `${month}-31`) return false;
  if (pair.status === 'active') return true;
  const on = endedOn(pair);
  // An ended pair with no end date counts in the months it answered in.
  return on === null ? checkInMonths.has(month) : on >= `${month}-01`;
}

export function healthFigures(input: HealthInput): HealthFigures {
  const latest = input.applications.filter((application) => application.latest);
  const count = (role: Role, status?: ApplicationStatus) => latest.filter((a) => a.role === role && (!status || a.status === status)).length;
  const applications = ROLES.map((role) => ({
    role,
    total: count(role),
    eligible: count(role, 'eligible'),
    notEligible: count(role, 'not-eligible'),
    withdrawn: count(role, 'withdrawn'),
    notReviewed: count(role, 'new'),
  }));

  const activeMentees = new Set(input.pairs.filter((pair) => pair.status === 'active').map((pair) => pair.mentee));
  const endedMentees = new Set(input.pairs.filter((pair) => pair.status === 'ended').map((pair) => pair.mentee));
  const mentees = { matched: 0, unmatched: 0, notEligible: 0, withdrawn: 0, pairEnded: 0, noMatch: 0 };
  for (const mentee of latest.filter((a) => a.role === 'mentee')) {
    if (activeMentees.has(mentee.id)) {
      mentees.matched++;
      continue;
    }
    mentees.unmatched++;
    if (mentee.status === 'not-eligible') mentees.notEligible++;
    else if (mentee.status === 'withdrawn') mentees.withdrawn++;
    else if (endedMentees.has(mentee.id)) mentees.pairEnded++;
    else mentees.noMatch++;
  }

  const checkInMonthsOf = new Map<string, Set<string>>();
  for (const entry of input.checkIns) checkInMonthsOf.set(entry.pairId, (checkInMonthsOf.get(entry.pairId) ?? new Set()).add(entry.month));
  const months = input.months.map((month): MonthFigures => {
    const pairs = input.pairs.filter((pair) => pairInMonth(pair, month, checkInMonthsOf.get(pair.id) ?? new Set()));
    const ids = new Set(pairs.map((pair) => pair.id));
    const ofMonth = input.checkIns.filter((entry) => entry.month === month && ids.has(entry.pairId));
    const answered = new Set(ofMonth.map((entry) => `${entry.pairId}/${entry.role}`)).size;
    const met = new Set(ofMonth.filter((entry) => entry.answer === 'met').map((entry) => entry.pairId)).size;
    const needHelp = new Set(ofMonth.filter((entry) => entry.answer === 'need-help').map((entry) => entry.pairId)).size;
    const expected = pairs.length * 2;
    return { month, pairs: pairs.length, answered, expected, responseRate: percent(answered, expected), met, metRate: percent(met, pairs.length), needHelp };
  });
  const sum = (key: 'answered' | 'expected' | 'met' | 'pairs') => months.reduce((total, month) => total + month[key], 0);

  const evaluations = ROLES.map((role) => {
    const inPairs = peopleInPairs(input.pairs, role).size;
    const answered = latestPerPerson(input.evaluations.filter((evaluation) => evaluation.role === role)).length;
    return answered < SMALL_GROUP
      ? { role, inPairs, suppressed: true as const }
      : { role, inPairs, suppressed: false as const, answered, responseRate: percent(answered, inPairs) };
  });

  return {
    programYear: input.programYear,
    applications,
    mentees,
    pairs: { active: input.pairs.filter((pair) => pair.status === 'active').length, ended: input.pairs.filter((pair) => pair.status === 'ended').length },
    months,
    checkIns: {
      answered: sum('answered'),
      expected: sum('expected'),
      responseRate: percent(sum('answered'), sum('expected')),
      met: sum('met'),
      pairMonths: sum('pairs'),
      metRate: percent(sum('met'), sum('pairs')),
    },
    evaluations,
  };
}

/** The program months up to and including this one (in the association's time zone). */
export function monthsSoFar(programYear: string, settings: Pick<Settings, 'program' | 'timeZone'>, now: Date): string[] {
  const current = zonedMonth(now, settings.timeZone);
  return programMonths(programYear, settings.program).filter((month) => month <= current);
}

/** The year's figures from the store: applications with reviews and pairs, check-ins, evaluations. */
export async function loadHealth(store: RecordsStore, settings: Settings, programYear: string, now: Date): Promise<{ figures: HealthFigures; skipped: number }> {
  const [year, checkIns, evaluations] = await Promise.all([loadYearRecords(store, settings, programYear), loadCheckIns(store, programYear), loadEvaluations(store, programYear)]);
  const figures = healthFigures({
    programYear,
    applications: year.applications,
    pairs: year.matches?.file.pairs ?? [],
    checkIns: checkIns.checkIns,
    evaluations: evaluations.evaluations,
    months: monthsSoFar(programYear, settings, now),
  });
  return { figures, skipped: year.skipped.length + checkIns.skipped.length + evaluations.skipped.length };
}

const ROLE_PLURAL: Record<Role, string> = { mentee: 'Mentees', mentor: 'Mentors' };

export const HEALTH_CSV_COLUMNS = ['section', 'figure', 'count', 'out_of', 'percent'] as const;

/**
 * The same figures as the health page, one row each (a group under five shows "fewer than 5");
 * the count of pairs needing attention comes from the pairs' attention rules, when given.
 */
export function healthCsv(figures: HealthFigures, extra: { pairsNeedingAttention?: number } = {}): string {
  const rows: Array<Array<string | number | null>> = [];
  for (const role of figures.applications) {
    rows.push(
      ['Applications', `${ROLE_PLURAL[role.role]}: applications`, role.total, null, null],
      ['Applications', `${ROLE_PLURAL[role.role]}: eligible`, role.eligible, role.total, percent(role.eligible, role.total)],
      ['Applications', `${ROLE_PLURAL[role.role]}: not eligible`, role.notEligible, role.total, percent(role.notEligible, role.total)],
      ['Applications', `${ROLE_PLURAL[role.role]}: withdrawn`, role.withdrawn, role.total, percent(role.withdrawn, role.total)],
      ['Applications', `${ROLE_PLURAL[role.role]}: not reviewed yet`, role.notReviewed, role.total, percent(role.notReviewed, role.total)],
    );
  }
  const { mentees } = figures;
  const allMentees = mentees.matched + mentees.unmatched;
  rows.push(
    ['Matching', 'Mentees matched', mentees.matched, allMentees, percent(mentees.matched, allMentees)],
    ['Matching', 'Mentees not matched', mentees.unmatched, allMentees, percent(mentees.unmatched, allMentees)],
    ['Matching', 'Not matched: not eligible', mentees.notEligible, mentees.unmatched, null],
    ['Matching', 'Not matched: withdrawn', mentees.withdrawn, mentees.unmatched, null],
    ['Matching', 'Not matched: pair ended', mentees.pairEnded, mentees.unmatched, null],
    ['Matching', 'Not matched: no match found', mentees.noMatch, mentees.unmatched, null],
    ['Pairs', 'Pairs active', figures.pairs.active, null, null],
    ['Pairs', 'Pairs ended', figures.pairs.ended, null, null],
    ...(extra.pairsNeedingAttention === undefined
      ? []
      : [['Pairs', 'Pairs needing attention', extra.pairsNeedingAttention, figures.pairs.active, percent(extra.pairsNeedingAttention, figures.pairs.active)]]),
  );
  for (const month of figures.months) {
    rows.push(
      ['Check-ins', `${formatMonth(month.month)}: people who answered`, month.answered, month.expected, month.responseRate],
      ['Check-ins', `${formatMonth(month.month)}: pairs who met`, month.met, month.pairs, month.metRate],
      ['Check-ins', `${formatMonth(month.month)}: pairs who asked for help`, month.needHelp, month.pairs, percent(month.needHelp, month.pairs)],
    );
  }
  rows.push(
    ['Check-ins', 'All months: people who answered', figures.checkIns.answered, figures.checkIns.expected, figures.checkIns.responseRate],
    ['Check-ins', 'All months: pairs who met', figures.checkIns.met, figures.checkIns.pairMonths, figures.checkIns.metRate],
  );
  for (const role of figures.evaluations) {
    rows.push(
      role.suppressed
        ? ['Evaluations', `${ROLE_PLURAL[role.role]}: answered`, 'fewer than 5', role.inPairs, null]
        : ['Evaluations', `${ROLE_PLURAL[role.role]}: answered`, role.answered, role.inPairs, role.responseRate],
    );
  }
  return UTF8_BOM + toCsv(HEALTH_CSV_COLUMNS, rows);
}
