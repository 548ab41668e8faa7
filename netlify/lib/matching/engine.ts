import type { MatchingSettings } from '../../../src/schemas/settings.ts';
import {
  assessPair,
  isPriorityMentee,
  type MatchingVocabulary,
  menteeProfile,
  mentorProfile,
  type PairAssessment,
  type Profile,
  quickAssess,
  type RuleBreak,
} from './compatibility.ts';
import { type ConstraintsFile, EMPTY_CONSTRAINTS, MatchingConstraintError } from './constraints.ts';
import { type ExclusionKind, explainPair, explainUnmatched, type KeptBecause, type MenteeOutlook, unmatchedReason, type UnmatchedReason } from './explain.ts';
import { type MenteeCandidate, type MentorCandidate, pairKey } from './people.ts';
import { solveAssignment } from './solver.ts';

/**
 * The matching engine: a pure function from a program year's applications, the committee's
 * constraints and the pairs already made to a proposal the committee can read. The same input
 * always gives the same proposal.
 */

export interface MatchingInput {
  programYear: string;
  mentors: readonly MentorCandidate[];
  mentees: readonly MenteeCandidate[];
  /** matching/<programYear>/constraints.json (locked pairs, never-pair list). */
  constraints?: ConstraintsFile;
  /**
   * Pairs already in matches/<programYear>.json: active ones are kept as they are (a rematch
   * re-runs around them); ended ones are never proposed again.
   */
  existingPairs?: ReadonlyArray<{ mentor: string; mentee: string; status: 'active' | 'ended' }>;
  settings: MatchingSettings;
  /** The association's areas, priorities and words (matchingVocabulary(settings)). */
  vocabulary: MatchingVocabulary;
}

/** A proposed pair: who, why it was kept or chosen, and its assessment (fit under the committee's weights). */
export interface ProposedPair extends Pick<PairAssessment, 'fit' | 'parts' | 'sharedAreas' | 'sharedGoalWords' | 'sharedWays' | 'hoursApart'> {
  mentor: string;
  mentorName: string;
  mentee: string;
  menteeName: string;
  /** Why the pair was kept without being weighed again, or null for a new proposal. */
  kept: KeptBecause | null;
  /** The mentee is in the program's priority group. */
  priority: boolean;
  /** Plain-language reason. */
  reason: string;
}

export interface UnmatchedMentee {
  mentee: string;
  menteeName: string;
  priority: boolean;
  reason: UnmatchedReason;
  /** Mentors who fit and are allowed, all full. */
  fittingMentors: number;
  explanation: string;
}

export interface MentorPlaces {
  mentor: string;
  mentorName: string;
  capacity: number;
  /** Mentees in this proposal, kept pairs included. */
  assigned: number;
}

export interface MatchingResult {
  programYear: string;
  pairs: ProposedPair[];
  unmatched: UnmatchedMentee[];
  mentors: MentorPlaces[];
  /** Things the committee should look at (unknown ids in constraints, overridden exclusions…). */
  warnings: string[];
  summary: {
    mentors: number;
    mentees: number;
    places: number;
    matched: number;
    kept: number;
    unmatched: number;
    priorityMentees: number;
    priorityMatched: number;
  };
}

interface Lock {
  mentor: number;
  mentee: number;
  kept: KeptBecause;
  note?: string | undefined;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function proposeMatches(input: MatchingInput): MatchingResult {
  const { programYear, settings, vocabulary } = input;
  const constraints = input.constraints ?? EMPTY_CONSTRAINTS;
  const mentors = dedupeById([...input.mentors])
    .sort(byId)
    .map((mentor) => mentorProfile(mentor, programYear, vocabulary));
  const mentees = dedupeById([...input.mentees])
    .sort(byId)
    .map((mentee) => menteeProfile(mentee, programYear, vocabulary));
  const mentorIndex = new Map(mentors.map((mentor, index) => [mentor.id, index]));
  const menteeIndex = new Map(mentees.map((mentee, index) => [mentee.id, index]));
  const warnings: string[] = [];
  const nameOf = (id: string) => mentors[mentorIndex.get(id) ?? -1]?.name ?? mentees[menteeIndex.get(id) ?? -1]?.name ?? `application ${id}`;
  const pairWords = (pair: { mentor: string; mentee: string }) => `${nameOf(pair.mentor)} (mentor) and ${nameOf(pair.mentee)} (mentee)`;

  // The committee's never-pair list and the pairs that ended.
  const explicitExclusions = new Map<string, ExclusionKind>();
  for (const pair of input.existingPairs ?? []) if (pair.status === 'ended') explicitExclusions.set(pairKey(pair), 'ended');
  const committeeExcluded = new Set(constraints.exclude.map(pairKey));
  for (const key of committeeExcluded) explicitExclusions.set(key, 'committee');
  const exclusionOf = (mentor: Profile, mentee: Profile): ExclusionKind | null =>
    explicitExclusions.get(`${mentor.id}|${mentee.id}`) ??
    (mentor.email === mentee.email ? 'same-person' : null) ??
    (mentor.institutionKey !== '' && mentor.institutionKey === mentee.institutionKey ? 'same-institution' : null);

  // Locked pairs: the committee's, then the active pairs of a rematch.
  const locks: Lock[] = [];
  const lockedMentee = new Map<number, Lock>();
  const candidates: Array<{ mentor: string; mentee: string; kept: KeptBecause; note?: string | undefined }> = [
    ...constraints.locked.map((pair) => ({ ...pair, kept: 'committee' as const })),
    ...(input.existingPairs ?? []).filter((pair) => pair.status === 'active').map((pair) => ({ mentor: pair.mentor, mentee: pair.mentee, kept: 'active' as const })),
  ];
  for (const candidate of candidates) {
    const mentor = mentorIndex.get(candidate.mentor);
    const mentee = menteeIndex.get(candidate.mentee);
    const from = candidate.kept === 'committee' ? 'constraints.json' : 'the matches file';
    if (mentor === undefined || mentee === undefined) {
      const missing = [mentor === undefined ? `mentor application ${candidate.mentor}` : null, mentee === undefined ? `mentee application ${candidate.mentee}` : null].filter(
        Boolean,
      );
      warnings.push(`A pair in ${from} was skipped: no ${listOf(missing as string[])} for ${programYear}.`);
      continue;
    }
    const earlier = lockedMentee.get(mentee);
    if (earlier) {
      if (earlier.mentor === mentor) continue; // Locked and active: the same pair.
      throw new MatchingConstraintError(
        `Mentee application ${candidate.mentee} is locked to two mentors (${mentors[earlier.mentor]!.id} and ${candidate.mentor}). Keep one pair in constraints.json or the matches file.`,
      );
    }
    if (candidate.kept === 'committee' && committeeExcluded.has(pairKey(candidate))) {
      throw new MatchingConstraintError(`constraints.json both locks and excludes mentor ${candidate.mentor} with mentee ${candidate.mentee}. Remove one of the two entries.`);
    }
    const lock: Lock = { mentor, mentee, kept: candidate.kept, note: candidate.note };
    locks.push(lock);
    lockedMentee.set(mentee, lock);
  }
  const remaining = mentors.map((mentor) => mentor.capacity);
  for (const lock of locks) remaining[lock.mentor]!--;
  remaining.forEach((left, index) => {
    if (left < 0) {
      const mentor = mentors[index]!;
      throw new MatchingConstraintError(
        `Mentor application ${mentor.id} offered ${mentor.capacity} place${mentor.capacity === 1 ? '' : 's'} but is locked to ${mentor.capacity - left} mentees. Unlock a pair in constraints.json or end one in the matches file.`,
      );
    }
  });

  // Weigh every free mentee against every mentor.
  const priority = mentees.map(isPriorityMentee);
  const fit = new Int16Array(mentees.length * mentors.length).fill(-1);
  const outlooks: MenteeOutlook[] = mentees.map((mentee, index) => ({
    priority: priority[index]!,
    fittingMentors: 0,
    ruleBreaks: { 'no-shared-area': 0, 'no-shared-communication': 0, 'too-far-apart': 0 },
    excluded: { committee: 0, ended: 0, 'same-person': 0, 'same-institution': 0 },
    areas: [...mentee.areas],
    otherDetail: mentee.otherDetail,
  }));
  mentees.forEach((mentee, menteeRow) => {
    if (lockedMentee.has(menteeRow)) return;
    const outlook = outlooks[menteeRow]!;
    mentors.forEach((mentor, mentorColumn) => {
      const assessment = quickAssess(mentor, mentee, settings);
      if (typeof assessment === 'string') {
        outlook.ruleBreaks[assessment]++;
        return;
      }
      const exclusion = exclusionOf(mentor, mentee);
      if (exclusion) {
        outlook.excluded[exclusion]++;
        return;
      }
      outlook.fittingMentors++;
      fit[menteeRow * mentors.length + mentorColumn] = assessment;
    });
  });

  const chosen = solveAssignment({ mentees: mentees.length, capacities: remaining, priority, fit });

  // The proposal, with reasons.
  const pairs: ProposedPair[] = [];
  const assigned = new Array<number>(mentors.length).fill(0);
  for (const lock of locks) {
    const mentor = mentors[lock.mentor]!;
    const mentee = mentees[lock.mentee]!;
    const assessment = assessPair(mentor, mentee, settings);
    const overrides = [exclusionOf(mentor, mentee), assessment.ruleBreak].filter((why): why is ExclusionKind | RuleBreak => why !== null).map(overrideWords);
    if (overrides.length > 0) warnings.push(`${pairWords({ mentor: mentor.id, mentee: mentee.id })} are kept although ${listOf(overrides)}.`);
    pairs.push(proposedPair(mentor, mentee, priority[lock.mentee]!, assessment, lock.kept, lock.note, overrides, vocabulary));
    assigned[lock.mentor]!++;
  }
  const matchedMentees = new Set(locks.map((lock) => lock.mentee));
  for (const [menteeRow, mentorColumn] of chosen) {
    const mentor = mentors[mentorColumn]!;
    const mentee = mentees[menteeRow]!;
    pairs.push(proposedPair(mentor, mentee, priority[menteeRow]!, assessPair(mentor, mentee, settings), null, undefined, [], vocabulary));
    assigned[mentorColumn]!++;
    matchedMentees.add(menteeRow);
  }
  pairs.sort((a, b) => compareText(a.mentorName, b.mentorName) || compareText(a.mentor, b.mentor) || compareText(a.menteeName, b.menteeName) || compareText(a.mentee, b.mentee));

  const unmatched: UnmatchedMentee[] = mentees
    .map((mentee, row) => ({ mentee, row }))
    .filter(({ row }) => !matchedMentees.has(row))
    .map(({ mentee, row }) => {
      const outlook = outlooks[row]!;
      return {
        mentee: mentee.id,
        menteeName: mentee.name,
        priority: outlook.priority,
        reason: unmatchedReason(outlook),
        fittingMentors: outlook.fittingMentors,
        explanation: explainUnmatched(outlook, vocabulary),
      };
    })
    .sort((a, b) => Number(b.priority) - Number(a.priority) || compareText(a.menteeName, b.menteeName) || compareText(a.mentee, b.mentee));

  const mentorPlaces: MentorPlaces[] = mentors
    .map((mentor, index) => ({ mentor: mentor.id, mentorName: mentor.name, capacity: mentor.capacity, assigned: assigned[index]! }))
    .sort((a, b) => compareText(a.mentorName, b.mentorName) || compareText(a.mentor, b.mentor));

  return {
    programYear,
    pairs,
    unmatched,
    mentors: mentorPlaces,
    warnings,
    summary: {
      mentors: mentors.length,
      mentees: mentees.length,
      places: mentors.reduce((sum, mentor) => sum + mentor.capacity, 0),
      matched: pairs.length,
      kept: locks.length,
      unmatched: unmatched.length,
      priorityMentees: priority.filter(Boolean).length,
      priorityMatched: pairs.filter((pair) => pair.priority).length,
    },
  };
}

function proposedPair(
  mentor: Profile,
  mentee: Profile,
  priority: boolean,
  assessment: PairAssessment,
  kept: KeptBecause | null,
  note: string | undefined,
  overrides: string[],
  vocabulary: MatchingVocabulary,
): ProposedPair {
  return {
    mentor: mentor.id,
    mentorName: mentor.name,
    mentee: mentee.id,
    menteeName: mentee.name,
    kept,
    priority,
    fit: assessment.fit,
    parts: assessment.parts,
    sharedAreas: assessment.sharedAreas,
    sharedGoalWords: assessment.sharedGoalWords,
    sharedWays: assessment.sharedWays,
    hoursApart: assessment.hoursApart,
    reason: explainPair(
      {
        kept,
        note,
        fit: assessment.fit,
        sharedAreas: assessment.sharedAreas,
        menteeNotSure: mentee.notSure,
        mentorAreas: [...mentor.areas],
        sharedGoalWords: assessment.sharedGoalWords,
        sharedWays: assessment.sharedWays,
        hoursApart: assessment.hoursApart,
        mentorTimeZone: mentor.timeZone,
        menteeTimeZone: mentee.timeZone,
        sameLibraryType: assessment.parts.libraryType === 1 ? mentee.institutionType : null,
        overrides,
      },
      vocabulary,
    ),
  };
}

function overrideWords(why: ExclusionKind | RuleBreak): string {
  switch (why) {
    case 'committee':
      return "they are on the committee's never-pair list";
    case 'ended':
      return 'an earlier pair of theirs ended';
    case 'same-person':
      return 'they share an email address';
    case 'same-institution':
      return 'they are at the same institution';
    case 'no-shared-area':
      return 'they have no area in common';
    case 'no-shared-communication':
      return 'they have no way of keeping in touch in common';
    case 'too-far-apart':
      return 'they are more hours apart than the settings allow';
  }
}

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Stable, locale-independent order for names (the same on every machine). */
function compareText(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function dedupeById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}
