import type { z } from 'zod';
import type { settingsSchema } from './settings.ts';

type SettingsInput = z.input<typeof settingsSchema>;

/** Valid settings for tests, with the NASIG shape; pass overrides per case. */
export function settingsInput(overrides: Partial<SettingsInput> = {}): SettingsInput {
  return {
    organisation: {
      name: 'NASIG',
      programName: 'NASIG Mentoring Program',
      committeeName: 'NASIG Mentoring & Student Outreach Committee',
      website: 'https://www.nasig.org/',
    },
    contactEmail: 'mentoring@nasig.org',
    links: { codeOfConduct: 'https://www.nasig.org/Code-of-Conduct', membership: 'https://www.nasig.org/Join-NASIG' },
    colours: { accent: '#1d4f91', accentOnDark: '#8cc4ff' },
    timeZone: 'America/New_York',
    programYears: { running: '2026-2027', applications: '2027-2028' },
    applicationWindow: { opens: '2027-06-01', closes: '2027-07-15' },
    program: { startMonth: 9, endMonth: 5 },
    recordRetentionMonths: 12,
    timeline: [
      { id: 'call', title: 'Call for mentors and mentees', summary: 'Applications are open for both roles.', starts: '06-01', ends: '07-31', applicationCall: true },
      { id: 'matching', title: 'Matching', summary: 'The committee pairs mentors and mentees.', starts: '08-01', ends: '09-14' },
      { id: 'mentoring', title: 'The mentoring year', summary: 'Pairs meet and discuss a topic each month.', starts: '09-15', ends: '04-30' },
      { id: 'closing', title: 'Closing and evaluation', summary: 'The program ends and everyone evaluates it.', starts: '05-01', ends: '05-31' },
    ],
    themes: [
      { id: 'career-paths', label: 'Career paths' },
      { id: 'reflection', label: 'Reflection' },
    ],
    ...overrides,
  };
}
