import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { settingsInput } from './settings.fixture.ts';
import { settingsSchema } from './settings.ts';

/** The first issue's path and message, as the build reports them. */
function firstProblem(input: unknown): { path: string; message: string } | null {
  const result = settingsSchema.safeParse(input);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('settings schema', () => {
  it('accepts the settings shipped in content/settings.yaml', () => {
    const shipped = parse(readFileSync('content/settings.yaml', 'utf8'));
    expect(settingsSchema.safeParse(shipped).error?.issues ?? []).toEqual([]);
  });

  it('accepts the test fixture', () => {
    expect(firstProblem(settingsInput())).toBeNull();
  });

  const base = settingsInput();
  it.each([
    {
      name: 'a missing field',
      input: { ...base, contactEmail: undefined },
      path: 'contactEmail',
      message: /email address/,
    },
    {
      name: 'an impossible date',
      input: { ...base, applicationWindow: { opens: '2027-02-30', closes: '2027-03-15' } },
      path: 'applicationWindow.opens',
      message: /does not exist/,
    },
    {
      name: 'a month 13',
      input: { ...base, applicationWindow: { opens: '2027-13-01', closes: '2027-07-15' } },
      path: 'applicationWindow.opens',
      message: /does not exist/,
    },
    {
      name: 'a window that closes before it opens',
      input: { ...base, applicationWindow: { opens: '2027-07-15', closes: '2027-06-01' } },
      path: 'applicationWindow.closes',
      message: /closes \(2027-06-01\) before it opens \(2027-07-15\)/,
    },
    {
      name: 'a window closing after its program year has started',
      input: { ...base, applicationWindow: { opens: '2027-06-01', closes: '2027-09-02' } },
      path: 'applicationWindow.closes',
      message: /must close before that program starts \(2027-09-01\)/,
    },
    {
      name: 'an accent colour too light for the white page',
      input: { ...base, colours: { accent: '#7fb2e5', accentOnDark: '#8cc4ff' } },
      path: 'colours.accent',
      message: /WCAG AA needs at least 4.5:1. Choose a darker colour/,
    },
    {
      name: 'a dark-mode accent too dark for the dark page',
      input: { ...base, colours: { accent: '#1d4f91', accentOnDark: '#1d4f91' } },
      path: 'colours.accentOnDark',
      message: /Choose a lighter colour/,
    },
    {
      name: 'a colour that is not a hex code',
      input: { ...base, colours: { accent: 'navy', accentOnDark: '#8cc4ff' } },
      path: 'colours.accent',
      message: /six-digit hex code/,
    },
    {
      name: 'an unknown time zone',
      input: { ...base, timeZone: 'America/Gotham' },
      path: 'timeZone',
      message: /time zone name/,
    },
    {
      name: 'a program year that is not two consecutive years',
      input: { ...base, programYears: { running: '2026-2028', applications: '2026-2028' } },
      path: 'programYears.running',
      message: /two consecutive years/,
    },
    {
      name: 'applications for a year two ahead',
      input: { ...base, programYears: { running: '2026-2027', applications: '2028-2029' } },
      path: 'programYears.applications',
      message: /running year \(2026-2027\) or the one after it/,
    },
    {
      name: 'a program that ends in the month it starts',
      input: { ...base, program: { startMonth: 9, endMonth: 9 } },
      path: 'program.endMonth',
      message: /end month must come before the start month/,
    },
    {
      name: 'a retention period of zero months',
      input: { ...base, recordRetentionMonths: 0 },
      path: 'recordRetentionMonths',
      message: /at least 1 month/,
    },
    {
      name: 'a retention period in part months',
      input: { ...base, recordRetentionMonths: 1.5 },
      path: 'recordRetentionMonths',
      message: /whole number of months/,
    },
    {
      name: 'overlapping timeline phases',
      input: { ...base, timeline: [base.timeline[0]!, { ...base.timeline[1]!, starts: '07-15' }, base.timeline[2]!, base.timeline[3]!] },
      path: 'timeline.1.starts',
      message: /before the phase listed above it has ended/,
    },
    {
      name: 'no application-call phase',
      input: { ...base, timeline: base.timeline.map((phase) => ({ ...phase, applicationCall: false })) },
      path: 'timeline',
      message: /exactly one timeline phase as the application call \(found 0\)/,
    },
    {
      name: 'two themes with one id',
      input: {
        ...base,
        themes: [
          { id: 'reflection', label: 'Reflection' },
          { id: 'reflection', label: 'Looking back' },
        ],
      },
      path: 'themes.1.id',
      message: /share the id "reflection"/,
    },
    {
      name: 'two areas with one short name',
      input: {
        ...base,
        application: {
          ...base.application,
          areas: {
            ...base.application.areas,
            choices: [
              { id: 'metadata', label: 'Metadata' },
              { id: 'metadata', label: 'Linked data' },
            ],
          },
        },
      },
      path: 'application.areas.choices.1.id',
      message: /Two areas share the short name "metadata"/,
    },
    {
      name: 'an area named like the forms’ own “Something else”',
      input: { ...base, application: { ...base.application, areas: { ...base.application.areas, choices: [{ id: 'other', label: 'Anything' }] } } },
      path: 'application.areas.choices.0.id',
      message: /kept for the forms’ own/,
    },
    {
      name: 'an institution type named like the forms’ own “Other”',
      input: { ...base, application: { ...base.application, institutionType: { ...base.application.institutionType, choices: [{ id: 'other', label: 'Other' }] } } },
      path: 'application.institutionType.choices.0.id',
      message: /kept for the forms’ own/,
    },
    {
      name: 'two career stages with one short name',
      input: {
        ...base,
        application: {
          ...base.application,
          careerStages: [
            { id: 'student', label: 'Student' },
            { id: 'student', label: 'Graduate student' },
          ],
        },
      },
      path: 'application.careerStages.1.id',
      message: /Two career stages share the short name "student"/,
    },
    {
      name: 'more areas than the matching tool can tell apart',
      input: {
        ...base,
        application: { ...base.application, areas: { ...base.application.areas, choices: Array.from({ length: 25 }, (_, n) => ({ id: `area-${n}`, label: `Area ${n}` })) } },
      },
      path: 'application.areas.choices',
      message: /at most 24 areas/,
    },
    {
      name: 'a matching word with a capital or a space',
      input: { ...base, application: { ...base.application, commonWords: ['Library science'] } },
      path: 'application.commonWords.0',
      message: /one word in lower-case letters/,
    },
    {
      name: 'an empty membership question',
      input: { ...base, application: { ...base.application, membership: { ...base.application.membership, question: '  ' } } },
      path: 'application.membership.question',
      message: /Write the membership question/,
    },
  ])('refuses $name, naming the field', ({ input, path, message }) => {
    const problem = firstProblem(input);
    expect(problem?.path).toBe(path);
    expect(problem?.message).toMatch(message);
  });

  it('accepts 29 February as a recurring phase day', () => {
    const timeline = settingsInput().timeline.map((phase) => (phase.id === 'closing' ? { ...phase, starts: '05-01', ends: '05-31' } : phase));
    expect(firstProblem({ ...settingsInput(), timeline: [...timeline] })).toBeNull();
    expect(
      firstProblem({ ...settingsInput(), applicationWindow: { opens: '2028-02-29', closes: '2028-03-01' }, programYears: { running: '2027-2028', applications: '2028-2029' } }),
    ).toBeNull();
  });
});
