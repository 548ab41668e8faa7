import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPair, hoursApart, isPriorityMentee, keywords, menteeProfile, mentorProfile, normaliseInstitution, quickAssess } from './compatibility.ts';
import { mentee, mentor, settings, vocabulary } from '../../../tests/support/matchingFixtures.ts';

const YEAR = '2026-2027';

describe('normaliseInstitution', () => {
  it.each([
    ['The University of Example Libraries', 'university of example'],
    ['University of Example', 'university of example'],
    ['  UNIVERSITY  of   example  ', 'university of example'],
    ['Université de Montréal', 'universite de montreal'],
    ['Mock & Partners Law Library', 'mock and partners law'],
    ['Example Serials Co., Inc.', 'example serials co'],
  ])('%s → %s', (name, key) => {
    expect(normaliseInstitution(name, vocabulary().institutionWords)).toBe(key);
  });
});

describe('keywords', () => {
  it('keeps meaningful words by stem, with the first spelling met', () => {
    expect([...keywords('I would like to learn about cataloging and catalogs, and about licensing budgets.').entries()]).toEqual([
      ['catalog', 'cataloging'],
      ['licens', 'licensing'],
      ['budget', 'budgets'],
    ]);
  });
});

describe('hoursApart', () => {
  it.each([
    ['America/New_York', 'America/New_York', 0],
    ['America/New_York', 'America/Los_Angeles', 3],
    // Arizona keeps standard time all year: one hour from Denver in April, none in November.
    ['America/Phoenix', 'America/Denver', 1],
    ['Europe/London', 'America/Chicago', 6],
    ['America/St_Johns', 'America/Halifax', 0.5],
    ['Etc/UTC', 'America/New_York', null],
  ])('%s and %s: %s', (a, b, hours) => {
    expect(hoursApart(a, b, YEAR)).toBe(hours);
    expect(hoursApart(b, a, YEAR)).toBe(hours);
  });
});

describe('isPriorityMentee', () => {
  it.each([
    [['cataloging'], true],
    [['not-sure'], true],
    [['other', 'metadata'], true],
    [['other'], false],
  ] as const)('%j → %s', (interests, priority) => {
    const candidate = mentee(1, { interests: [...interests], ...(interests.includes('other' as never) ? { interestsOther: 'music' } : {}) });
    expect(isPriorityMentee(menteeProfile(candidate, YEAR, vocabulary()))).toBe(priority);
  });
});

describe('fit', () => {
  it('scores a perfect pair 100 and scales any weights to 100', () => {
    const m = mentorProfile(mentor(1, { expertise: ['metadata'], communication: ['email'], goals: 'Talk about linked data, budgets and leadership.' }), YEAR, vocabulary());
    const e = menteeProfile(
      mentee(1, { interests: ['metadata'], communication: ['email'], institutionType: 'academic', goals: 'Learn linked data, budgets and leadership.' }),
      YEAR,
      vocabulary(),
    );
    expect(assessPair(m, e, settings()).fit).toBe(100);
    expect(assessPair(m, e, settings({ weights: { sharedAreas: 1, goals: 1, communication: 1, timeZone: 1, libraryType: 1 } })).fit).toBe(100);
    expect(assessPair(m, e, settings({ weights: { sharedAreas: 0, goals: 0, communication: 0, timeZone: 0, libraryType: 0 } })).fit).toBe(0);
  });

  it('the fast assessment agrees with the detailed one on any pair', () => {
    const areas = fc.subarray(['cataloging', 'metadata', 'acquisitions', 'other'] as const, { minLength: 1 });
    const ways = fc.subarray(['email', 'video', 'phone', 'chat'] as const, { minLength: 1 });
    const zone = fc.constantFrom('America/New_York', 'Europe/Berlin', 'Etc/UTC', 'Asia/Kolkata');
    const words = fc.subarray(['budgets', 'leadership', 'licensing', 'interviews', 'publishing'], { minLength: 1 });
    fc.assert(
      fc.property(areas, ways, zone, words, areas, ways, zone, words, fc.boolean(), fc.integer({ min: 0, max: 24 }), (ma, mw, mz, mg, ea, ew, ez, eg, notSure, maxHoursApart) => {
        const m = mentorProfile(
          mentor(1, { expertise: ma, interests: ma, interestsOther: 'music archives', communication: mw, timeZone: mz, goals: `I can help with ${mg.join(' and ')}.` }),
          YEAR,
          vocabulary(),
        );
        const interests = notSure ? [...ea, 'not-sure' as const] : ea;
        const e = menteeProfile(
          mentee(1, { interests, interestsOther: 'music', communication: ew, timeZone: ez, goals: `I want to learn ${eg.join(' and ')}.` }),
          YEAR,
          vocabulary(),
        );
        const rules = settings({ maxHoursApart });
        const detailed = assessPair(m, e, rules);
        expect(quickAssess(m, e, rules)).toBe(detailed.ruleBreak ?? detailed.fit);
      }),
    );
  });
});
