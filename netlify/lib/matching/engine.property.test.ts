import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPair, menteeProfile, mentorProfile, normaliseInstitution } from './compatibility.ts';
import type { ConstraintsFile } from './constraints.ts';
import { type MatchingInput, proposeMatches } from './engine.ts';
import { mentee, mentor, settings, testId, vocabulary } from '../../../tests/support/matchingFixtures.ts';

/**
 * Properties that hold for any applications and constraints: capacities, exclusions, locks, one
 * mentor per mentee, and that the engine really matches as many (priority) mentees as possible.
 */
const YEAR = '2026-2027';
const AREAS = ['cataloging', 'metadata', 'acquisitions', 'e-resources', 'scholarly-communication', 'digital-preservation'] as const;
const WAYS = ['email', 'video', 'phone', 'chat'] as const;
const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Etc/UTC'] as const;
const INSTITUTIONS = ['Example University', 'the example university libraries', 'Sample College', 'Northwind Public Library', 'Demo Institute'];

const common = {
  communication: fc.subarray([...WAYS], { minLength: 1 }),
  timeZone: fc.constantFrom(...ZONES),
  institution: fc.constantFrom(...INSTITUTIONS),
  institutionType: fc.constantFrom('academic', 'public', 'special'),
  goalWord: fc.constantFrom('leadership', 'budgets', 'licensing', 'interviews', 'publishing'),
};
const mentorArbitrary = fc.record({
  expertise: fc.subarray([...AREAS], { minLength: 1, maxLength: 3 }),
  capacity: fc.integer({ min: 1, max: 3 }),
  ...common,
});
const menteeArbitrary = fc.record({
  interests: fc.oneof(fc.subarray([...AREAS], { minLength: 1, maxLength: 2 }), fc.constant(['not-sure']), fc.constant(['other'])),
  ...common,
});

const instanceArbitrary = fc
  .record({
    mentors: fc.array(mentorArbitrary, { maxLength: 7 }),
    mentees: fc.array(menteeArbitrary, { maxLength: 14 }),
    lockSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    excludeSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
    endedSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    maxHoursApart: fc.constantFrom(24, 8),
  })
  .map(({ mentors, mentees, lockSeeds, excludeSeeds, endedSeeds, maxHoursApart }) => {
    const mentorCandidates = mentors.map((m, i) =>
      mentor(i, {
        expertise: m.expertise,
        interests: m.expertise,
        capacity: m.capacity,
        communication: m.communication,
        timeZone: m.timeZone,
        institution: m.institution,
        institutionType: m.institutionType,
        goals: `I can help with ${m.goalWord} and much more besides.`,
      }),
    );
    const menteeCandidates = mentees.map((e, i) =>
      mentee(i, {
        interests: e.interests as never,
        ...((e.interests as readonly string[]).includes('other') ? { interestsOther: 'music librarianship' } : {}),
        communication: e.communication,
        timeZone: e.timeZone,
        institution: e.institution,
        institutionType: e.institutionType,
        goals: `I would like to learn about ${e.goalWord} this year.`,
      }),
    );
    const pick = ([a, b]: [number, number]) =>
      mentors.length && mentees.length ? { mentor: testId('mentor', a % mentors.length), mentee: testId('mentee', b % mentees.length) } : null;
    const exclude = excludeSeeds.map(pick).filter((pair) => pair !== null);
    const excluded = new Set(exclude.map((pair) => `${pair.mentor}|${pair.mentee}`));
    // Locks the committee could really write: one per mentee, within capacity, not also excluded.
    const locked: ConstraintsFile['locked'] = [];
    const used = new Map<string, number>();
    for (const pair of lockSeeds.map(pick)) {
      if (!pair || excluded.has(`${pair.mentor}|${pair.mentee}`) || locked.some((lock) => lock.mentee === pair.mentee)) continue;
      const capacity = mentorCandidates.find((candidate) => candidate.id === pair.mentor)!.answers.capacity;
      if ((used.get(pair.mentor) ?? 0) >= capacity) continue;
      used.set(pair.mentor, (used.get(pair.mentor) ?? 0) + 1);
      locked.push(pair);
    }
    const lockedKeys = new Set(locked.map((pair) => `${pair.mentor}|${pair.mentee}`));
    const ended = endedSeeds
      .map(pick)
      .filter((pair) => pair !== null && !lockedKeys.has(`${pair.mentor}|${pair.mentee}`))
      .map((pair) => ({ ...pair!, status: 'ended' as const }));
    const input: MatchingInput = {
      programYear: YEAR,
      mentors: mentorCandidates,
      mentees: menteeCandidates,
      constraints: { locked, exclude },
      existingPairs: ended,
      settings: settings({ maxHoursApart }),
      vocabulary: vocabulary(),
    };
    return input;
  });

/** Whether the engine may propose this pair (independent re-statement of the rules). */
function allowed(input: MatchingInput, mentorIndex: number, menteeIndex: number): boolean {
  const m = input.mentors[mentorIndex]!;
  const e = input.mentees[menteeIndex]!;
  const key = `${m.id}|${e.id}`;
  if (input.constraints!.exclude.some((pair) => `${pair.mentor}|${pair.mentee}` === key)) return false;
  if (input.existingPairs!.some((pair) => `${pair.mentor}|${pair.mentee}` === key)) return false;
  if (normaliseInstitution(m.answers.institution, vocabulary().institutionWords) === normaliseInstitution(e.answers.institution, vocabulary().institutionWords)) return false;
  if (m.answers.email.toLowerCase() === e.answers.email.toLowerCase()) return false;
  return assessPair(mentorProfile(m, YEAR, input.vocabulary), menteeProfile(e, YEAR, input.vocabulary), input.settings).ruleBreak === null;
}

/** Size of a maximum matching of the given mentees into the mentors' free places (augmenting paths). */
function maximumMatching(input: MatchingInput, menteeIndexes: number[], freePlaces: number[]): number {
  const holders: number[][] = freePlaces.map(() => []);
  const tryAssign = (menteeIndex: number, seen: Set<number>): boolean => {
    for (let mentorIndex = 0; mentorIndex < freePlaces.length; mentorIndex++) {
      if (seen.has(mentorIndex) || !allowed(input, mentorIndex, menteeIndex)) continue;
      seen.add(mentorIndex);
      if (holders[mentorIndex]!.length < freePlaces[mentorIndex]!) {
        holders[mentorIndex]!.push(menteeIndex);
        return true;
      }
      for (const [slot, holder] of holders[mentorIndex]!.entries()) {
        if (tryAssign(holder, seen)) {
          holders[mentorIndex]![slot] = menteeIndex;
          return true;
        }
      }
    }
    return false;
  };
  return menteeIndexes.filter((menteeIndex) => tryAssign(menteeIndex, new Set())).length;
}

describe('proposeMatches: properties', () => {
  it('never exceeds a capacity, never proposes an excluded pair, keeps every lock, and places each mentee once', () => {
    fc.assert(
      fc.property(instanceArbitrary, (input) => {
        const result = proposeMatches(input);
        const capacity = new Map(input.mentors.map((m) => [m.id, m.answers.capacity]));
        const perMentor = new Map<string, number>();
        for (const pair of result.pairs) perMentor.set(pair.mentor, (perMentor.get(pair.mentor) ?? 0) + 1);
        for (const [mentorId, count] of perMentor) expect(count).toBeLessThanOrEqual(capacity.get(mentorId)!);

        const menteeIds = result.pairs.map((pair) => pair.mentee);
        expect(new Set(menteeIds).size).toBe(menteeIds.length);
        expect([...menteeIds, ...result.unmatched.map((entry) => entry.mentee)].sort()).toEqual(input.mentees.map((e) => e.id).sort());

        for (const lock of input.constraints!.locked) {
          expect(result.pairs).toContainEqual(expect.objectContaining({ mentor: lock.mentor, mentee: lock.mentee, kept: 'committee' }));
        }
        const mentorIndex = new Map(input.mentors.map((m, i) => [m.id, i]));
        const menteeIndex = new Map(input.mentees.map((e, i) => [e.id, i]));
        for (const pair of result.pairs.filter((p) => p.kept === null)) {
          expect(allowed(input, mentorIndex.get(pair.mentor)!, menteeIndex.get(pair.mentee)!)).toBe(true);
        }
        const committeeExcluded = new Set(input.constraints!.exclude.map((pair) => `${pair.mentor}|${pair.mentee}`));
        for (const pair of result.pairs) expect(committeeExcluded.has(`${pair.mentor}|${pair.mentee}`)).toBe(false);
        for (const pair of result.pairs) expect(pair.reason.length).toBeGreaterThan(0);
        for (const entry of result.unmatched) expect(entry.explanation.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('matches as many mentees as possible, and within that as many priority mentees as possible', () => {
    fc.assert(
      fc.property(instanceArbitrary, (input) => {
        const result = proposeMatches(input);
        const lockedMentees = new Set(input.constraints!.locked.map((lock) => lock.mentee));
        const free = input.mentors.map((m) => m.answers.capacity - input.constraints!.locked.filter((lock) => lock.mentor === m.id).length);
        const freeMentees = input.mentees.map((_, i) => i).filter((i) => !lockedMentees.has(input.mentees[i]!.id));
        const newPairs = result.pairs.filter((pair) => pair.kept === null);
        expect(newPairs.length).toBe(maximumMatching(input, freeMentees, free));

        const priorityMentees = freeMentees.filter((i) => !input.mentees[i]!.answers.interests.every((area) => area === 'other'));
        expect(newPairs.filter((pair) => pair.priority).length).toBe(maximumMatching(input, priorityMentees, free));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same proposal for the same applications in any order', () => {
    fc.assert(
      fc.property(instanceArbitrary, fc.nat(), (input, seed) => {
        const shuffle = <T>(items: readonly T[]) =>
          items
            .map((item, i) => ({ item, key: (i * 2654435761 + seed) % 4294967296 }))
            .sort((a, b) => a.key - b.key)
            .map(({ item }) => item);
        expect(proposeMatches({ ...input, mentors: shuffle(input.mentors), mentees: shuffle(input.mentees) })).toEqual(proposeMatches(input));
      }),
      { numRuns: 100 },
    );
  });
});
