import { describe, expect, it } from 'vitest';
import { MatchingConstraintError } from './constraints.ts';
import { type MatchingInput, proposeMatches } from './engine.ts';
import { mentee, mentor, settings, testId, vocabulary } from '../../../tests/support/matchingFixtures.ts';

const YEAR = '2026-2027';
const M = (n: number) => testId('mentor', n);
const E = (n: number) => testId('mentee', n);

function run(input: Partial<MatchingInput>) {
  return proposeMatches({ programYear: YEAR, mentors: [], mentees: [], settings: settings(), vocabulary: vocabulary(), ...input });
}

/** Pairs as "mentor n → mentee n" strings, easy to read in a failure. */
function pairsOf(result: ReturnType<typeof run>): string[] {
  const number = (id: string) => Number.parseInt(id.slice(-12), 16);
  return result.pairs.map((pair) => `${number(pair.mentor)}->${number(pair.mentee)}`).sort();
}

describe('proposeMatches: table of cases', () => {
  const cases: Array<{ name: string; input: Partial<MatchingInput>; pairs: string[]; unmatched?: Record<string, string> }> = [
    {
      name: 'a mentor takes no more mentees than their capacity',
      input: { mentors: [mentor(1, { capacity: 2 })], mentees: [mentee(1), mentee(2), mentee(3)] },
      pairs: ['1->1', '1->2'],
      unmatched: { [E(3)]: 'no-capacity' },
    },
    {
      name: 'capacity 3 is used in full when mentees need it',
      input: { mentors: [mentor(1, { capacity: 3 })], mentees: [mentee(1), mentee(2), mentee(3)] },
      pairs: ['1->1', '1->2', '1->3'],
    },
    {
      name: 'when places are short, a mentee in a priority area comes before one outside them',
      input: {
        mentors: [mentor(1, { expertise: ['cataloging', 'other'], interests: ['cataloging', 'other'], interestsOther: 'music librarianship' })],
        // Mentee 1 is only interested in "something else" (music): not priority, even with the better fit.
        mentees: [
          mentee(1, { interests: ['other'], interestsOther: 'music librarianship', goals: 'Share what I know about serials and support a new colleague.' }),
          mentee(2, { interests: ['cataloging'], timeZone: 'Australia/Sydney', communication: ['email', 'video'] }),
        ],
      },
      pairs: ['1->2'],
      unmatched: { [E(1)]: 'no-capacity' },
    },
    {
      name: 'a mentee not sure yet is priority, and fits any mentor',
      input: {
        mentors: [mentor(1, { expertise: ['other'], interests: ['other'], interestsOther: 'music librarianship' })],
        mentees: [mentee(1, { interests: ['other'], interestsOther: 'music librarianship' }), mentee(2, { interests: ['not-sure'] })],
      },
      pairs: ['1->2'],
      unmatched: { [E(1)]: 'no-capacity' },
    },
    {
      name: 'among equals, the better fit wins the place',
      input: {
        mentors: [mentor(1, { expertise: ['metadata'], timeZone: 'America/Chicago', communication: ['email', 'video'] })],
        mentees: [mentee(1, { interests: ['metadata'], timeZone: 'Europe/Berlin' }), mentee(2, { interests: ['metadata'], timeZone: 'America/Chicago', communication: ['video'] })],
      },
      pairs: ['1->2'],
      unmatched: { [E(1)]: 'no-capacity' },
    },
    {
      name: 'the engine matches as many mentees as it can, even at a lower total fit',
      input: {
        // Mentor 1 fits both mentees (mentee 1 better); mentor 2 fits only mentee 1.
        mentors: [mentor(1, { expertise: ['cataloging', 'metadata'] }), mentor(2, { expertise: ['metadata'], timeZone: 'Asia/Kolkata' })],
        mentees: [mentee(1, { interests: ['cataloging', 'metadata'] }), mentee(2, { interests: ['cataloging'] })],
      },
      pairs: ['1->2', '2->1'],
    },
    {
      name: 'a locked pair is kept even when the engine would choose otherwise',
      input: {
        mentors: [mentor(1), mentor(2, { expertise: ['acquisitions'] })],
        mentees: [mentee(1), mentee(2, { interests: ['acquisitions'] })],
        constraints: { locked: [{ mentor: M(2), mentee: E(1) }], exclude: [] },
      },
      // Mentee 2 only fits mentor 2, whose one place the lock took.
      pairs: ['2->1'],
      unmatched: { [E(2)]: 'no-capacity' },
    },
    {
      name: "the committee's never-pair list is honoured",
      input: {
        mentors: [mentor(1), mentor(2)],
        mentees: [mentee(1)],
        constraints: { locked: [], exclude: [{ mentor: M(1), mentee: E(1), reason: 'worked together' }] },
      },
      pairs: ['2->1'],
    },
    {
      name: 'people at the same institution are not paired, however the name is written',
      input: {
        mentors: [mentor(1, { institution: 'The University of Example Libraries' }), mentor(2, { timeZone: 'Europe/London' })],
        mentees: [mentee(1, { institution: 'university of example' })],
      },
      pairs: ['2->1'],
    },
    {
      name: 'a pair that already ended is not proposed again',
      input: {
        mentors: [mentor(1), mentor(2, { timeZone: 'Europe/London' })],
        mentees: [mentee(1)],
        existingPairs: [{ mentor: M(1), mentee: E(1), status: 'ended' }],
      },
      pairs: ['2->1'],
    },
    {
      name: 'someone applying in both roles is never paired with themselves',
      input: { mentors: [mentor(1, { email: 'Same.Person@example.org' })], mentees: [mentee(1, { email: 'same.person@example.org' })] },
      pairs: [],
      unmatched: { [E(1)]: 'excluded' },
    },
    {
      name: 'every mentor who would fit is excluded',
      input: {
        mentors: [mentor(1, { institution: 'Mentee School 1' }), mentor(2)],
        mentees: [mentee(1)],
        constraints: { locked: [], exclude: [{ mentor: M(2), mentee: E(1) }] },
      },
      pairs: [],
      unmatched: { [E(1)]: 'excluded' },
    },
    {
      name: 'nobody compatible: no shared area',
      input: { mentors: [mentor(1, { expertise: ['acquisitions'] })], mentees: [mentee(1, { interests: ['metadata'] })] },
      pairs: [],
      unmatched: { [E(1)]: 'no-compatible-mentor' },
    },
    {
      name: 'nobody compatible: no shared way of keeping in touch',
      input: { mentors: [mentor(1, { communication: ['phone'] })], mentees: [mentee(1, { communication: ['chat'] })] },
      pairs: [],
      unmatched: { [E(1)]: 'no-compatible-mentor' },
    },
    {
      name: 'nobody compatible: too many hours apart for the settings',
      input: {
        mentors: [mentor(1, { timeZone: 'Australia/Sydney' })],
        mentees: [mentee(1, { timeZone: 'America/Los_Angeles' })],
        settings: settings({ maxHoursApart: 6 }),
      },
      pairs: [],
      unmatched: { [E(1)]: 'no-compatible-mentor' },
    },
    {
      name: 'the rules can be relaxed in settings',
      input: {
        mentors: [mentor(1, { expertise: ['acquisitions'], communication: ['phone'] })],
        mentees: [mentee(1, { interests: ['metadata'], communication: ['chat'] })],
        settings: settings({ requireSharedArea: false, requireSharedCommunication: false }),
      },
      pairs: ['1->1'],
    },
    {
      name: 'no mentors at all',
      input: { mentees: [mentee(1)] },
      pairs: [],
      unmatched: { [E(1)]: 'no-compatible-mentor' },
    },
    {
      name: 'no applications at all',
      input: {},
      pairs: [],
    },
  ];

  it.each(cases)('$name', ({ input, pairs, unmatched }) => {
    const result = run(input);
    expect(pairsOf(result)).toEqual([...pairs].sort());
    if (unmatched) expect(Object.fromEntries(result.unmatched.map((entry) => [entry.mentee, entry.reason]))).toEqual(unmatched);
    // Whatever the case: everybody is accounted for exactly once.
    const menteeIds = (input.mentees ?? []).map((candidate) => candidate.id).sort();
    expect([...result.pairs.map((pair) => pair.mentee), ...result.unmatched.map((entry) => entry.mentee)].sort()).toEqual(menteeIds);
  });

  it('more mentees than places: the places are all used and three mentees are left with "no capacity left"', () => {
    const result = run({ mentors: [mentor(1, { capacity: 2 }), mentor(2)], mentees: [1, 2, 3, 4, 5, 6].map((n) => mentee(n)) });
    expect(result.pairs).toHaveLength(3);
    expect(result.unmatched.map((entry) => entry.reason)).toEqual(['no-capacity', 'no-capacity', 'no-capacity']);
    expect(result.summary).toMatchObject({ mentors: 2, mentees: 6, places: 3, matched: 3, unmatched: 3 });
    expect(result.mentors.map((entry) => entry.assigned)).toEqual([2, 1]);
  });
});

describe('proposeMatches: locks and rematches', () => {
  it('keeps the active pairs of a rematch and fills only the free places', () => {
    const result = run({
      mentors: [mentor(1, { capacity: 2 }), mentor(2)],
      mentees: [mentee(1), mentee(2), mentee(3)],
      existingPairs: [
        { mentor: M(1), mentee: E(1), status: 'active' },
        { mentor: M(2), mentee: E(2), status: 'ended' },
      ],
    });
    expect(pairsOf(result)).toEqual(['1->1', '1->2', '2->3']);
    const kept = result.pairs.find((pair) => pair.mentee === E(1))!;
    expect(kept.kept).toBe('active');
    expect(kept.reason).toMatch(/^Already an active pair, kept as it is\./);
    // Mentee 2's pair with mentor 2 ended: they get mentor 1's second place, not mentor 2 again.
    expect(result.pairs.find((pair) => pair.mentee === E(2))?.mentor).toBe(M(1));
    expect(result.summary.kept).toBe(1);
  });

  it('a committee lock overrides an automatic exclusion, and says so', () => {
    const result = run({
      mentors: [mentor(1, { institution: 'Shared College' })],
      mentees: [mentee(1, { institution: 'Shared College' })],
      constraints: { locked: [{ mentor: M(1), mentee: E(1), note: 'asked for each other' }], exclude: [] },
    });
    expect(result.pairs[0]).toMatchObject({ mentor: M(1), mentee: E(1), kept: 'committee' });
    expect(result.pairs[0]!.reason).toMatch(/^Locked by the committee \(asked for each other\)\. Kept although they are at the same institution\./);
    expect(result.warnings).toEqual([expect.stringMatching(/Mentor 1 \(mentor\) and Mentee 1 \(mentee\) are kept although they are at the same institution/)]);
  });

  it('skips, with a warning, a lock that names an application not in this year', () => {
    const result = run({ mentors: [mentor(1)], mentees: [mentee(1)], constraints: { locked: [{ mentor: M(9), mentee: E(1) }], exclude: [] } });
    expect(pairsOf(result)).toEqual(['1->1']);
    expect(result.warnings).toEqual([`A pair in constraints.json was skipped: no mentor application ${M(9)} for ${YEAR}.`]);
  });

  it.each([
    {
      name: 'a mentee locked to two mentors',
      input: {
        constraints: {
          locked: [
            { mentor: M(1), mentee: E(1) },
            { mentor: M(2), mentee: E(1) },
          ],
          exclude: [],
        },
      },
      message: /locked to two mentors/,
    },
    {
      name: 'a pair both locked and excluded',
      input: { constraints: { locked: [{ mentor: M(1), mentee: E(1) }], exclude: [{ mentor: M(1), mentee: E(1) }] } },
      message: /both locks and excludes/,
    },
    {
      name: 'more locked mentees than places',
      input: {
        constraints: {
          locked: [
            { mentor: M(1), mentee: E(1) },
            { mentor: M(1), mentee: E(2) },
          ],
          exclude: [],
        },
      },
      message: /offered 1 place but is locked to 2 mentees/,
    },
  ])('refuses contradictory constraints: $name', ({ input, message }) => {
    expect(() => run({ mentors: [mentor(1), mentor(2)], mentees: [mentee(1), mentee(2)], ...input })).toThrow(MatchingConstraintError);
    expect(() => run({ mentors: [mentor(1), mentor(2)], mentees: [mentee(1), mentee(2)], ...input })).toThrow(message);
  });
});

describe('proposeMatches: explanations', () => {
  it('gives each pair a short plain-language reason', () => {
    const result = run({
      mentors: [
        mentor(1, {
          expertise: ['cataloging', 'metadata'],
          communication: ['email', 'video'],
          timeZone: 'America/Chicago',
          goals: 'Help a newcomer prepare for job interviews in technical services.',
        }),
      ],
      mentees: [
        mentee(1, {
          interests: ['metadata', 'cataloging'],
          communication: ['video'],
          goals: 'Prepare for job interviews and learn about technical services.',
          institutionType: 'academic',
        }),
      ],
    });
    expect(result.pairs[0]!.reason).toBe(
      'Both in metadata and cataloging. Their goals both mention “prepare”, “interviews” and “technical”. Both happy to use video or online meeting. 1 hour apart (mentor: Central time; mentee: Eastern time). Both from the same kind of institution (academic or research library). Fit 99/100.',
    );
    expect(result.pairs[0]!.fit).toBe(99);
  });

  it('says why a mentee was left without a mentor, and what would help', () => {
    const result = run({
      mentors: [mentor(1, { expertise: ['acquisitions'] }), mentor(2, { expertise: ['acquisitions'], communication: ['phone'] })],
      mentees: [mentee(1, { interests: ['digital-preservation'] }), mentee(2, { interests: ['acquisitions'] }), mentee(3, { interests: ['acquisitions'] })],
    });
    const byMentee = Object.fromEntries(result.unmatched.map((entry) => [entry.mentee, entry.explanation]));
    expect(byMentee[E(1)]).toBe('No compatible mentor: no mentor fits this mentee. Of the mentors: no area in common (2). Recruit a mentor in digital preservation.');
    expect(Object.values(byMentee)).toContain(
      'No capacity left: the one mentor who fits has no place left. Ask one of them to take one more mentee, or recruit a mentor in acquisitions.',
    );
  });

  it('names the exclusions that left a mentee without a mentor', () => {
    const result = run({
      mentors: [mentor(1, { institution: 'Mentee School 1' }), mentor(2)],
      mentees: [mentee(1)],
      existingPairs: [{ mentor: M(2), mentee: E(1), status: 'ended' }],
    });
    expect(result.unmatched[0]!.explanation).toBe(
      'Excluded: every mentor who would fit is excluded, by an earlier pair that ended (1) and the same institution (1). Recruit a mentor in cataloging, or lock a pair by hand.',
    );
  });
});

describe('proposeMatches: determinism', () => {
  it('gives the same proposal whatever the order of the applications', () => {
    const mentors = [1, 2, 3, 4].map((n) => mentor(n, { capacity: (n % 3) + 1, expertise: n % 2 ? ['cataloging'] : ['cataloging', 'metadata'] }));
    const mentees = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => mentee(n, { interests: n % 2 ? ['cataloging'] : ['metadata'] }));
    const first = run({ mentors, mentees });
    const second = run({ mentors: [...mentors].reverse(), mentees: [...mentees].reverse() });
    expect(second).toEqual(first);
  });
});
