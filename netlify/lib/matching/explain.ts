import { OTHER_AREA } from '../../../src/schemas/choices.ts';
import { areaLabel, libraryTypeLabel, type MatchingVocabulary, type RuleBreak, timeZoneLabel, wayLabel } from './compatibility.ts';

/**
 * Plain-language reasons for the committee: one short paragraph per proposed pair and per
 * mentee left without a mentor. Names are not repeated here; the report puts them beside it.
 */

/** Joins a list the way people write it: "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** Why a pair is kept without being weighed again. */
export type KeptBecause = 'committee' | 'active';

export interface PairFacts {
  kept: KeptBecause | null;
  /** The committee's note on a locked pair, if any. */
  note?: string | undefined;
  fit: number;
  sharedAreas: readonly string[];
  menteeNotSure: boolean;
  mentorAreas: readonly string[];
  sharedGoalWords: readonly string[];
  sharedWays: readonly string[];
  hoursApart: number | null;
  mentorTimeZone: string;
  menteeTimeZone: string;
  sameLibraryType: string | null;
  /** Automatic exclusions or rules a locked pair overrides, in words. */
  overrides: readonly string[];
}

/** One short paragraph saying why this pair is proposed. */
export function explainPair(facts: PairFacts, vocabulary: MatchingVocabulary): string {
  const sentences: string[] = [];
  if (facts.kept === 'committee') sentences.push(`Locked by the committee${facts.note ? ` (${facts.note})` : ''}.`);
  if (facts.kept === 'active') sentences.push('Already an active pair, kept as it is.');
  if (facts.overrides.length > 0) sentences.push(`Kept although ${listInWords(facts.overrides)}.`);

  if (facts.sharedAreas.length > 0) {
    sentences.push(`Both in ${listInWords(facts.sharedAreas.map((area) => lower(areaLabel(area, vocabulary))))}.`);
  } else if (facts.menteeNotSure) {
    const known = facts.mentorAreas.filter((area) => area !== OTHER_AREA.value).map((area) => lower(areaLabel(area, vocabulary)));
    const shown = known.length > 3 ? [...known.slice(0, 3), `${known.length - 3} more`] : known;
    sentences.push(`The mentee is still finding their area${shown.length ? `; the mentor knows ${listInWords(shown)}` : ''}.`);
  } else {
    sentences.push('No area in common.');
  }
  if (facts.sharedGoalWords.length > 0) {
    sentences.push(`Their goals both mention ${listInWords(facts.sharedGoalWords.slice(0, 3).map((word) => `“${word}”`))}.`);
  }
  sentences.push(facts.sharedWays.length > 0 ? `Both happy to use ${listInWords(facts.sharedWays.map((way) => lower(wayLabel(way))))}.` : 'No way of keeping in touch in common.');
  sentences.push(timeZoneSentence(facts));
  if (facts.sameLibraryType) sentences.push(`Both from the same kind of institution (${lower(libraryTypeLabel(facts.sameLibraryType, vocabulary))}).`);
  sentences.push(`Fit ${facts.fit}/100.`);
  return sentences.join(' ');
}

function timeZoneSentence(facts: PairFacts): string {
  if (facts.hoursApart === null) return 'One of them did not give a usual time zone.';
  if (facts.hoursApart === 0) return `Same time zone (${timeZoneLabel(facts.menteeTimeZone)}).`;
  const hours = facts.hoursApart === 1 ? '1 hour' : `${formatHours(facts.hoursApart)} hours`;
  return `${hours} apart (mentor: ${timeZoneLabel(facts.mentorTimeZone)}; mentee: ${timeZoneLabel(facts.menteeTimeZone)}).`;
}

function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}

/** Why a mentee has no proposed mentor. */
export type UnmatchedReason = 'no-capacity' | 'no-compatible-mentor' | 'excluded';

/** How the mentors looked from one mentee's side. */
export interface MenteeOutlook {
  priority: boolean;
  /** Mentors who fit and are allowed (their places may all be taken). */
  fittingMentors: number;
  /** Mentors the rules keep away, by rule. */
  ruleBreaks: Record<RuleBreak, number>;
  /** Mentors who would fit but are excluded, by kind of exclusion. */
  excluded: Record<ExclusionKind, number>;
  /** The mentee's areas (without "not sure yet"), for the committee's recruiting. */
  areas: readonly string[];
  /** What the mentee wrote for "Something else". */
  otherDetail?: string | undefined;
}

export type ExclusionKind = 'committee' | 'ended' | 'same-person' | 'same-institution';

const exclusionWords: Record<ExclusionKind, string> = {
  committee: "the committee's never-pair list",
  ended: 'an earlier pair that ended',
  'same-person': 'the same person applying in both roles',
  'same-institution': 'the same institution',
};

const ruleWords: Record<RuleBreak, string> = {
  'no-shared-area': 'no area in common',
  'no-shared-communication': 'no way of keeping in touch in common',
  'too-far-apart': 'too many hours apart',
};

/** The reason code for an unmatched mentee. */
export function unmatchedReason(outlook: MenteeOutlook): UnmatchedReason {
  if (outlook.fittingMentors > 0) return 'no-capacity';
  const excluded = Object.values(outlook.excluded).reduce((sum, count) => sum + count, 0);
  return excluded > 0 ? 'excluded' : 'no-compatible-mentor';
}

/** One short paragraph saying why a mentee has no proposed mentor and what would help. */
export function explainUnmatched(outlook: MenteeOutlook, vocabulary: MatchingVocabulary): string {
  const areaWords = outlook.areas.map((area) => (area === OTHER_AREA.value && outlook.otherDetail ? outlook.otherDetail : lower(areaLabel(area, vocabulary))));
  const areas = areaWords.length > 0 ? listInWords(areaWords) : 'any area';
  switch (unmatchedReason(outlook)) {
    case 'no-capacity': {
      const who = outlook.fittingMentors === 1 ? 'The one mentor who fits has' : `All ${outlook.fittingMentors} mentors who fit have`;
      const order = outlook.priority ? '' : ' Mentees interested in the priority areas, or not sure yet, came first.';
      return `No capacity left: ${who.charAt(0).toLowerCase()}${who.slice(1)} no place left.${order} Ask one of them to take one more mentee, or recruit a mentor in ${areas}.`;
    }
    case 'excluded': {
      const counts = (Object.keys(outlook.excluded) as ExclusionKind[])
        .filter((kind) => outlook.excluded[kind] > 0)
        .map((kind) => `${exclusionWords[kind]} (${outlook.excluded[kind]})`);
      return `Excluded: every mentor who would fit is excluded, by ${listInWords(counts)}. Recruit a mentor in ${areas}, or lock a pair by hand.`;
    }
    case 'no-compatible-mentor': {
      const counts = (Object.keys(outlook.ruleBreaks) as RuleBreak[])
        .filter((rule) => outlook.ruleBreaks[rule] > 0)
        .map((rule) => `${ruleWords[rule]} (${outlook.ruleBreaks[rule]})`);
      const detail = counts.length > 0 ? ` Of the mentors: ${listInWords(counts)}.` : ' There are no mentor applications.';
      return `No compatible mentor: no mentor fits this mentee.${detail} Recruit a mentor in ${areas}.`;
    }
  }
}
