import { applicationChoices } from '../../../src/schemas/application.ts';
import type { ApplicationContent } from '../../../src/schemas/applicationContent.ts';
import { COMMUNICATION_WAYS, NOT_SURE_AREA, OTHER_AREA, OTHER_INSTITUTION_TYPE, TIME_ZONES } from '../../../src/schemas/choices.ts';
import type { MatchingSettings } from '../../../src/schemas/settings.ts';
import type { MenteeCandidate, MentorCandidate } from './people.ts';

/**
 * How well one mentor fits one mentee: the committee's rules (may they be paired at all?) and
 * the fit score (how good a pair they would make). Pure functions over precomputed profiles, so
 * scoring 2,000 × 1,200 pairs stays cheap.
 */

/**
 * What the matching tool knows of the association's field, from its settings
 * (content/settings.yaml → application): the areas and which are priorities, the kinds of
 * institution, and the words that say nothing about a pair. Built by matchingVocabulary().
 */
export interface MatchingVocabulary {
  /** Every area an application can name ("not sure yet" and "something else" included), with its label. */
  areaLabels: ReadonlyMap<string, string>;
  /** One bit per area, so shared areas are counted from two numbers. */
  areaBits: ReadonlyMap<string, number>;
  /** The areas the program gives priority to. */
  priorityAreas: ReadonlySet<string>;
  /** Every kind of institution an application can name, with its label. */
  institutionTypeLabels: ReadonlyMap<string, string>;
  /** The field's own words that say nothing about a pair when both use them (everyday English words are always left out). */
  commonWords: ReadonlySet<string>;
  /** The field's words left out of institution names before comparing them ("the", "inc"… always are). */
  institutionWords: ReadonlySet<string>;
}

// "Something else" and "not sure yet" have fixed bits; the association's areas follow.
const OTHER_BIT = 1 << 0;
const NOT_SURE_BIT = 1 << 1;

const vocabularies = new WeakMap<ApplicationContent, MatchingVocabulary>();

/** The matching vocabulary of one association's settings; built once per settings object. */
export function matchingVocabulary(settings: { application: ApplicationContent }): MatchingVocabulary {
  const content = settings.application;
  let vocabulary = vocabularies.get(content);
  if (!vocabulary) {
    const choices = applicationChoices(content);
    const areaBits = new Map<string, number>([
      [OTHER_AREA.value, OTHER_BIT],
      [NOT_SURE_AREA.value, NOT_SURE_BIT],
    ]);
    for (const [index, area] of content.areas.choices.entries()) areaBits.set(area.id, 1 << (index + 2));
    vocabulary = {
      areaLabels: new Map(choices.interests.map((choice) => [choice.value, choice.label])),
      areaBits,
      priorityAreas: new Set(choices.priorityAreas),
      institutionTypeLabels: new Map(choices.institutionTypes.map((choice) => [choice.value, choice.label])),
      commonWords: new Set(content.commonWords),
      institutionWords: new Set(content.institutionWords),
    };
    vocabularies.set(content, vocabulary);
  }
  return vocabulary;
}

/** What one person brings to a pair, computed once per application. */
export interface Profile {
  id: string;
  name: string;
  email: string;
  /** Areas of interest (mentee) or of expertise (mentor), without "not sure yet". */
  areas: ReadonlySet<string>;
  /** The mentee ticked "Not sure yet". */
  notSure: boolean;
  /** A mentee in the program's priority group: interested in a priority area, or not sure yet. */
  priority: boolean;
  /** The "Something else" detail, and its words for matching "other" with "other". */
  otherDetail: string | undefined;
  otherWords: ReadonlySet<string>;
  goalWords: ReadonlyMap<string, string>;
  communication: ReadonlySet<string>;
  /** The same areas and ways as bit masks, for fast comparison of millions of pairs. */
  areaMask: number;
  wayMask: number;
  timeZone: string;
  /** UTC offsets in minutes in November and April of the program year; null when unknown. */
  offsets: readonly [number, number] | null;
  institutionType: string;
  institutionKey: string;
  /** Mentors only: how many mentees they offered to take. */
  capacity: number;
}

export function mentorProfile(mentor: MentorCandidate, programYear: string, vocabulary: MatchingVocabulary): Profile {
  const { answers } = mentor;
  return profile(mentor.id, answers, answers.expertise, false, false, answers.capacity, programYear, vocabulary);
}

export function menteeProfile(mentee: MenteeCandidate, programYear: string, vocabulary: MatchingVocabulary): Profile {
  const { answers } = mentee;
  const areas = answers.interests.filter((area) => area !== NOT_SURE_AREA.value);
  const notSure = answers.interests.includes(NOT_SURE_AREA.value);
  const priority = notSure || areas.some((area) => vocabulary.priorityAreas.has(area));
  return profile(mentee.id, answers, areas, notSure, priority, 0, programYear, vocabulary);
}

function profile(
  id: string,
  answers: MenteeCandidate['answers'],
  areaList: readonly string[],
  notSure: boolean,
  priority: boolean,
  capacity: number,
  programYear: string,
  vocabulary: MatchingVocabulary,
): Profile {
  const areas = new Set(areaList);
  const communication = new Set<string>(answers.communication);
  return {
    id,
    name: answers.name,
    email: answers.email.trim().toLowerCase(),
    areas,
    notSure,
    priority,
    otherDetail: answers.interestsOther,
    otherWords: new Set(keywords(answers.interestsOther ?? '', vocabulary.commonWords).keys()),
    goalWords: keywords(answers.goals, vocabulary.commonWords),
    communication,
    areaMask: maskOf(areas, vocabulary.areaBits),
    wayMask: maskOf(communication, WAY_BITS),
    timeZone: answers.timeZone,
    offsets: programYearOffsets(answers.timeZone, programYear),
    institutionType: answers.institutionType,
    institutionKey: normaliseInstitution(answers.institution, vocabulary.institutionWords),
    capacity,
  };
}

const WAY_BITS = new Map<string, number>(COMMUNICATION_WAYS.map((way, index) => [way.value, 1 << index]));

function maskOf(values: ReadonlySet<string>, bits: ReadonlyMap<string, number>): number {
  let mask = 0;
  for (const value of values) mask |= bits.get(value) ?? 0;
  return mask;
}

function bitCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** Priority as the program states it: interested in one of its priority areas (settings), or not sure yet. */
export function isPriorityMentee(mentee: Profile): boolean {
  return mentee.priority;
}

/**
 * An institution's name reduced so that spelling variants compare equal: with "libraries"
 * among the field's institution words, "The University of Example Libraries" and
 * "university of example" give the same key.
 */
export function normaliseInstitution(name: string, institutionWords: ReadonlySet<string> = NO_WORDS): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((word) => word && !INSTITUTION_FILLER.has(word) && !institutionWords.has(word))
    .join(' ');
}
const NO_WORDS: ReadonlySet<string> = new Set();

/** Words of any institution's name that do not tell institutions apart; the field's own are in settings. */
const INSTITUTION_FILLER: ReadonlySet<string> = new Set(['the', 'inc', 'ltd', 'llc']);

// Words too common in goals to say anything about a pair, in any field; the field's own words
// (its name, the association's) are in settings (application.commonWords).
const EVERYDAY_WORDS: ReadonlySet<string> = new Set(
  (
    'about above after again against also although among another anything around because been before being below between both ' +
    'could does doing down during each either else enough even ever every from further have having here hers herself himself ' +
    'into itself just least less more most much must myself need needs next once only other others ought ours ourselves over ' +
    'own past same shall should since some something such than that their theirs them themselves then there these they this ' +
    'those though through together under until upon very want wants wanted well were what when where whether which while who ' +
    'whom whose why will with within without would your yours yourself yourselves able like really things thing many make ' +
    'making made take taking good great best better year years time hope hoping help helping learn learning know knowing ' +
    'mentor mentors mentee mentees mentoring program programme ' +
    'work working field profession professional career careers interested interest interests getting someone person people ' +
    'especially currently also maybe always would still first find finding explore exploring different area areas start starting'
  ).split(' '),
);

/** Meaningful words of a free-text answer, by stem, each with the first spelling met (for explanations). */
export function keywords(text: string, commonWords: ReadonlySet<string> = NO_WORDS): Map<string, string> {
  const found = new Map<string, string>();
  const words =
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[a-z][a-z-]*[a-z]/g) ?? [];
  for (const word of words) {
    if (word.length < 4 || EVERYDAY_WORDS.has(word) || commonWords.has(word)) continue;
    const stem = stemOf(word);
    if (stem.length < 4 || EVERYDAY_WORDS.has(stem) || commonWords.has(stem)) continue;
    if (!found.has(stem)) found.set(stem, word);
  }
  return found;
}

/** A crude English stem: enough for "cataloging"/"catalog" and "skills"/"skill" to meet. */
function stemOf(word: string): string {
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 4) return word.slice(0, -1);
  return word;
}

/** Time zones the forms offer that mean "somewhere else": no hour difference can be computed. */
const UNKNOWN_TIME_ZONES = new Set(['Etc/UTC']);

/**
 * Hours between two time zones during the program year: the larger difference of a date in
 * standard time (November) and one in daylight saving time (April). Null when either is unknown.
 */
export function hoursApart(zoneA: string, zoneB: string, programYear: string): number | null {
  return hoursBetween(programYearOffsets(zoneA, programYear), programYearOffsets(zoneB, programYear));
}

function hoursBetween(a: readonly [number, number] | null, b: readonly [number, number] | null): number | null {
  if (a === null || b === null) return null;
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1])) / 60;
}

const offsetsCache = new Map<string, [number, number] | null>();
function programYearOffsets(timeZone: string, programYear: string): [number, number] | null {
  const key = `${timeZone}|${programYear}`;
  if (offsetsCache.has(key)) return offsetsCache.get(key)!;
  const [firstYear, secondYear] = programYear.split('-');
  const offsets: [number, number] | null = UNKNOWN_TIME_ZONES.has(timeZone)
    ? null
    : [utcOffsetMinutes(timeZone, new Date(`${firstYear}-11-15T12:00:00Z`)), utcOffsetMinutes(timeZone, new Date(`${secondYear}-04-15T12:00:00Z`))];
  offsetsCache.set(key, offsets);
  return offsets;
}

function utcOffsetMinutes(timeZone: string, instant: Date): number {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? '');
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Why the committee's rules keep a mentor from a mentee (before any exclusion list). */
export type RuleBreak = 'no-shared-area' | 'no-shared-communication' | 'too-far-apart';

/** The parts of a pair's fit, each from 0 (none) to 1 (full). */
export interface FitParts {
  sharedAreas: number;
  goals: number;
  communication: number;
  timeZone: number;
  libraryType: number;
}

/** Everything the engine and the explanations need to know about one possible pair. */
export interface PairAssessment {
  /** The first rule the pair breaks, or null when the rules allow it. */
  ruleBreak: RuleBreak | null;
  /** Overall fit from 0 to 100 (whole number), the weights applied. */
  fit: number;
  parts: FitParts;
  sharedAreas: string[];
  sharedGoalWords: string[];
  sharedWays: string[];
  hoursApart: number | null;
}

/** Assesses one mentor for one mentee under the committee's matching settings, with the details the explanations need. */
export function assessPair(mentor: Profile, mentee: Profile, settings: MatchingSettings): PairAssessment {
  const sharedAreas = [...mentee.areas].filter((area) => mentor.areas.has(area) && (area !== OTHER_AREA.value || otherAreasMeet(mentor, mentee)));
  const sharedGoalWords = [...mentee.goalWords.keys()].filter((stem) => mentor.goalWords.has(stem)).map((stem) => mentee.goalWords.get(stem)!);
  const sharedWays = [...mentee.communication].filter((way) => mentor.communication.has(way));
  const hours = hoursBetween(mentor.offsets, mentee.offsets);
  const ruleBreak = ruleBroken(mentee.notSure, sharedAreas.length, sharedWays.length, hours, settings);
  const parts = fitParts(mentor, mentee, sharedAreas.length, sharedGoalWords.length, sharedWays.length, hours);
  return { ruleBreak, fit: fitScore(parts, settings), parts, sharedAreas, sharedGoalWords, sharedWays, hoursApart: hours };
}

/**
 * The same judgement as assessPair, without the details: the fit (0–100), or the rule the pair
 * breaks. Allocates nothing, for scoring every mentor against every mentee.
 */
export function quickAssess(mentor: Profile, mentee: Profile, settings: MatchingSettings): number | RuleBreak {
  let sharedAreaMask = mentor.areaMask & mentee.areaMask;
  if (sharedAreaMask & OTHER_BIT && !otherAreasMeet(mentor, mentee)) sharedAreaMask &= ~OTHER_BIT;
  const sharedAreas = bitCount(sharedAreaMask);
  const sharedWays = bitCount(mentor.wayMask & mentee.wayMask);
  const hours = hoursBetween(mentor.offsets, mentee.offsets);
  const ruleBreak = ruleBroken(mentee.notSure, sharedAreas, sharedWays, hours, settings);
  if (ruleBreak) return ruleBreak;
  let sharedGoals = 0;
  for (const stem of mentee.goalWords.keys()) if (mentor.goalWords.has(stem) && ++sharedGoals === 3) break;
  return fitScore(fitParts(mentor, mentee, sharedAreas, sharedGoals, sharedWays, hours), settings);
}

function ruleBroken(menteeNotSure: boolean, sharedAreas: number, sharedWays: number, hours: number | null, settings: MatchingSettings): RuleBreak | null {
  if (settings.requireSharedArea && sharedAreas === 0 && !menteeNotSure) return 'no-shared-area';
  if (settings.requireSharedCommunication && sharedWays === 0) return 'no-shared-communication';
  if (hours !== null && settings.maxHoursApart < 24 && hours > settings.maxHoursApart) return 'too-far-apart';
  return null;
}

function fitParts(mentor: Profile, mentee: Profile, sharedAreas: number, sharedGoals: number, sharedWays: number, hours: number | null): FitParts {
  return {
    // A mentee still exploring is served by any mentor; a shared named area still counts more.
    sharedAreas: mentee.areas.size === 0 ? 0.5 : Math.max(sharedAreas / mentee.areas.size, mentee.notSure ? 0.25 : 0),
    goals: Math.min(1, sharedGoals / 3),
    communication: sharedWays / Math.max(1, Math.min(mentor.communication.size, mentee.communication.size)),
    timeZone: hours === null ? 0.5 : Math.max(0, 1 - hours / 12),
    libraryType: mentor.institutionType === mentee.institutionType && mentee.institutionType !== OTHER_INSTITUTION_TYPE.value ? 1 : 0,
  };
}

/** "Something else" meets "something else" only when the two details share a word. */
function otherAreasMeet(mentor: Profile, mentee: Profile): boolean {
  for (const word of mentee.otherWords) if (mentor.otherWords.has(word)) return true;
  return false;
}

/** The weighted fit, scaled so a perfect pair scores 100 whatever the weights add up to. */
export function fitScore(parts: FitParts, settings: MatchingSettings): number {
  const { weights } = settings;
  const total = weights.sharedAreas + weights.goals + weights.communication + weights.timeZone + weights.libraryType;
  if (total === 0) return 0;
  const weighted =
    weights.sharedAreas * parts.sharedAreas +
    weights.goals * parts.goals +
    weights.communication * parts.communication +
    weights.timeZone * parts.timeZone +
    weights.libraryType * parts.libraryType;
  return Math.round((100 * weighted) / total);
}

const wayLabels = new Map<string, string>(COMMUNICATION_WAYS.map((choice) => [choice.value, choice.label]));
const timeZoneLabels = new Map<string, string>(TIME_ZONES.map((zone) => [zone.value, zone.label]));

/** Labels people read for stored choice values, e.g. "video" → "Video or online meeting"; the field's own from its vocabulary. */
export const areaLabel = (value: string, vocabulary: MatchingVocabulary): string => vocabulary.areaLabels.get(value) ?? value;
export const wayLabel = (value: string): string => wayLabels.get(value) ?? value;
export const libraryTypeLabel = (value: string, vocabulary: MatchingVocabulary): string => vocabulary.institutionTypeLabels.get(value) ?? value;
export const timeZoneLabel = (value: string): string => timeZoneLabels.get(value) ?? value;
