/**
 * A program year as the workspace shows it: every application of both roles with the
 * committee's review and whether it is in a pair, the matches file, the introductions ledger.
 * Read in bulk (a few requests on GitHub whatever the number of applications), through the
 * same loaders the commands use.
 */
import { applicationChoices, applicationSchemas, type Role } from '../../../src/schemas/application.ts';
import type { Settings } from '../../../src/schemas/settings.ts';
import {
  introducedPairs,
  introductionKey,
  type IntroductionsLedger,
  introductionsLedgerPath,
  introductionsLedgerSchema,
  emptyIntroductionsLedger,
  readJsonRecord,
} from '../mailing/ledger.ts';
import { loadApplications, loadMatches } from '../matching/applications.ts';
import type { MatchesFile } from '../../../src/schemas/record.ts';
import type { RecordsStore } from '../records/ports.ts';
import { leftOutOfMatching, loadReviews, type ReviewDecision, type ReviewFile } from '../reviews/reviews.ts';

export type ApplicationStatus = ReviewDecision | 'new';

export interface ApplicationRow {
  id: string;
  role: Role;
  path: string;
  submittedAt: string;
  name: string;
  email: string;
  timeZone: string;
  /** Interests (mentees) or expertise (mentors), as area ids. */
  areas: string[];
  /** A mentee interested in one of the association's priority areas. */
  priority: boolean;
  status: ApplicationStatus;
  review: ReviewFile | undefined;
  /** False when the same person sent a later application in the same role. */
  latest: boolean;
  /** The pair this application is in: active, ended, or none. */
  paired: 'active' | 'ended' | null;
  answers: Record<string, unknown>;
}

export interface YearRecords {
  programYear: string;
  applications: ApplicationRow[];
  /** Application files that could not be read, by path. */
  skipped: Array<{ path: string; problem: string }>;
  matches: { file: MatchesFile; sha: string } | null;
  introductions: IntroductionsLedger;
  /** Keys (introductionKey) of the pairs already introduced. */
  introduced: Set<string>;
}

export async function loadYearRecords(store: RecordsStore, settings: Settings, programYear: string): Promise<YearRecords> {
  const [loaded, reviews, matches, ledger] = await Promise.all([
    loadApplications(store, programYear, applicationSchemas(settings)),
    loadReviews(store, programYear),
    loadMatches(store, programYear),
    readJsonRecord(store, introductionsLedgerPath(programYear), introductionsLedgerSchema, () => emptyIntroductionsLedger(programYear)),
  ]);
  const priorityAreas = new Set(applicationChoices(settings.application).priorityAreas);
  const pairState = new Map<string, 'active' | 'ended'>();
  for (const pair of matches?.matches.pairs ?? []) {
    for (const id of [pair.mentor, pair.mentee]) if (pairState.get(id) !== 'active') pairState.set(id, pair.status);
  }
  const row = (role: Role, application: (typeof loaded.mentors)[number] | (typeof loaded.mentees)[number]): ApplicationRow => {
    const answers = application.answers as Record<string, unknown> & { name: string; email: string; timeZone: string; interests: string[]; expertise?: string[] };
    const review = reviews.get(application.id);
    const areas = role === 'mentor' ? (answers.expertise ?? []) : answers.interests;
    return {
      id: application.id,
      role,
      path: application.path,
      submittedAt: application.submittedAt,
      name: answers.name,
      email: answers.email,
      timeZone: answers.timeZone,
      areas,
      priority: role === 'mentee' && answers.interests.some((area) => priorityAreas.has(area)),
      status: review?.decision ?? 'new',
      review,
      latest: application.latest,
      paired: pairState.get(application.id) ?? null,
      answers,
    };
  };
  return {
    programYear,
    applications: [...loaded.mentors.map((a) => row('mentor', a)), ...loaded.mentees.map((a) => row('mentee', a))],
    skipped: loaded.skipped,
    matches: matches ? { file: matches.matches, sha: matches.sha } : null,
    introductions: ledger.value,
    introduced: introducedPairs(ledger.value),
  };
}

/** The year at a glance, for the overview. */
export function yearSummary(year: YearRecords) {
  const count = (role: Role, status?: ApplicationStatus) => year.applications.filter((a) => a.role === role && a.latest && (!status || a.status === status)).length;
  const pairs = year.matches?.file.pairs ?? [];
  const active = pairs.filter((pair) => pair.status === 'active');
  const menteesInPairs = new Set(active.map((pair) => pair.mentee));
  const menteesToMatch = year.applications.filter((a) => a.role === 'mentee' && a.latest && !leftOutOfMatching(a.review));
  const notIntroduced = active.filter((pair) => !year.introduced.has(introductionKey(pair))).length;
  return {
    byRole: (['mentee', 'mentor'] as const).map((role) => ({
      role,
      total: count(role),
      new: count(role, 'new'),
      eligible: count(role, 'eligible'),
      notEligible: count(role, 'not-eligible'),
      withdrawn: count(role, 'withdrawn'),
    })),
    menteesMatched: menteesToMatch.filter((a) => menteesInPairs.has(a.id)).length,
    menteesUnmatched: menteesToMatch.filter((a) => !menteesInPairs.has(a.id)).length,
    pairsActive: active.length,
    pairsEnded: pairs.length - active.length,
    notIntroduced,
  };
}
