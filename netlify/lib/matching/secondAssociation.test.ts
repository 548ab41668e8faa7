import { describe, expect, it } from 'vitest';
import { secondAssociationSettings } from '../../../tests/support/contentPacks.ts';
import { applicationSchemas } from '../../../src/schemas/application.ts';
import { keywords, matchingVocabulary, normaliseInstitution } from './compatibility.ts';
import { proposeMatches } from './engine.ts';
import { testId } from '../../../tests/support/matchingFixtures.ts';
import type { MenteeCandidate, MentorCandidate } from './people.ts';
import { generateSampleApplications } from './sampleApplications.ts';

/**
 * The matching engine on a second association's applications (tests/fixtures/second-association):
 * its areas, priority areas, kinds of institution and field words come from its settings, so it
 * pairs hydrologists as it pairs the shipped association's members.
 */

const settings = secondAssociationSettings();
const schemas = applicationSchemas(settings);
const vocabulary = matchingVocabulary(settings);
const YEAR = settings.programYears.applications;

const common = {
  membership: 'member',
  communication: ['video', 'email'],
  timeZone: 'Australia/Sydney',
  agreeCodeOfConduct: true,
  agreeFullYear: true,
  agreeSharing: true,
} as const;

function mentor(n: number, expertise: string[], overrides: Record<string, unknown> = {}): MentorCandidate {
  const answers = schemas.mentor.parse({
    ...common,
    name: `Mentor ${n}`,
    email: `mentor${n}@example.org`,
    careerStage: 'practitioner',
    institutionType: 'consultancy',
    institution: `Mentor Consulting ${n}`,
    interests: expertise,
    goals: 'Pass on what twenty years of gauging and modelling rivers have taught me.',
    yearsExperience: 18,
    expertise,
    capacity: 1,
    ...overrides,
  });
  return { id: testId('mentor', n), answers };
}

function mentee(n: number, interests: string[], overrides: Record<string, unknown> = {}): MenteeCandidate {
  const answers = schemas.mentee.parse({
    ...common,
    name: `Mentee ${n}`,
    email: `mentee${n}@example.org`,
    careerStage: 'student',
    institutionType: 'university',
    institution: `Example University ${n}`,
    interests,
    goals: 'Learn how rating curves and catchment models are checked in practice.',
    ...overrides,
  });
  return { id: testId('mentee', n), answers };
}

function run(mentors: MentorCandidate[], mentees: MenteeCandidate[]) {
  return proposeMatches({ programYear: YEAR, mentors, mentees, settings: settings.matching, vocabulary });
}

describe('matching a second association’s applicants', () => {
  it('pairs each mentee with the mentor who knows their field, explained in the pack’s words', () => {
    const result = run(
      [mentor(1, ['groundwater']), mentor(2, ['flood-forecasting', 'hydrometry']), mentor(3, ['water-policy'])],
      [mentee(1, ['flood-forecasting']), mentee(2, ['groundwater', 'water-quality']), mentee(3, ['water-policy'])],
    );
    const pairs = result.pairs.map((pair) => [pair.mentorName, pair.menteeName]).sort();
    expect(pairs).toEqual([
      ['Mentor 1', 'Mentee 2'],
      ['Mentor 2', 'Mentee 1'],
      ['Mentor 3', 'Mentee 3'],
    ]);
    expect(result.unmatched).toEqual([]);
    const floods = result.pairs.find((pair) => pair.menteeName === 'Mentee 1')!;
    expect(floods.sharedAreas).toEqual(['flood-forecasting']);
    expect(floods.reason).toContain('Both in flood forecasting and warning.');
    expect(floods.fit).toBeGreaterThan(50);
  });

  it('gives priority to mentees in the pack’s priority areas (and those not sure yet) when mentors are short', () => {
    const result = run([mentor(1, ['groundwater', 'water-policy'], { capacity: 2 })], [mentee(1, ['water-policy']), mentee(2, ['groundwater']), mentee(3, ['not-sure'])]);
    expect(result.summary.priorityMentees).toBe(2);
    expect(result.pairs.map((pair) => [pair.menteeName, pair.priority]).sort()).toEqual([
      ['Mentee 2', true],
      ['Mentee 3', true],
    ]);
    expect(result.unmatched.map((entry) => [entry.menteeName, entry.priority, entry.reason])).toEqual([['Mentee 1', false, 'no-capacity']]);
    expect(result.unmatched[0]!.explanation).toContain('water policy and allocation');
  });

  it('ignores the field’s own words in goals and institution names', () => {
    expect([...keywords('Hydrology and water: I want to learn groundwater modelling.', vocabulary.commonWords).keys()]).toEqual(['groundwater', 'modell']);
    expect(normaliseInstitution('Example Rivers Department', vocabulary.institutionWords)).toBe(normaliseInstitution('Example Rivers Authority', vocabulary.institutionWords));
    // The same agency's colleagues are never proposed.
    const result = run([mentor(1, ['groundwater'], { institution: 'Example Rivers Authority' })], [mentee(1, ['groundwater'], { institution: 'Example Rivers Department' })]);
    expect(result.pairs).toEqual([]);
    expect(result.unmatched[0]!.reason).toBe('excluded');
  });

  it('keeps to the pack’s rule of at most six hours apart', () => {
    const result = run([mentor(1, ['groundwater'], { timeZone: 'Europe/London' })], [mentee(1, ['groundwater'])]);
    expect(result.pairs).toEqual([]);
    expect(result.unmatched[0]!.explanation).toContain('too many hours apart');
  });

  it('matches sample applications generated from the pack’s settings', () => {
    const records = generateSampleApplications({ programYear: YEAR, mentors: 30, mentees: 45, seed: 3, settings });
    const mentors = records.filter((record) => record.role === 'mentor').map((record) => ({ id: record.id, answers: schemas.mentor.parse(record.answers) }));
    const mentees = records.filter((record) => record.role === 'mentee').map((record) => ({ id: record.id, answers: schemas.mentee.parse(record.answers) }));
    const result = run(mentors, mentees);
    expect(result.pairs.length).toBeGreaterThan(10);
    const areas = new Set(settings.application.areas.choices.map((area) => area.id));
    for (const pair of result.pairs) for (const area of pair.sharedAreas) expect([...areas, 'other']).toContain(area);
  });
});
