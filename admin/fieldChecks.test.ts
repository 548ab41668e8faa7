import { describe, expect, it } from 'vitest';
import { settingsInput } from '../src/schemas/settings.fixture.ts';
import { fieldProblem } from './fieldChecks.ts';

/** The editor refuses, field by field and in the schemas' words, what the build would refuse. */
describe('fieldProblem', () => {
  it('refuses a month that is not a month', () => {
    expect(fieldProblem('topics:month', '2026-13')).toMatch(/Enter a month written as YYYY-MM/);
    expect(fieldProblem('topics:month', '2026-09')).toBeNull();
  });

  it('refuses a date that does not exist', () => {
    const settings = settingsInput();
    expect(fieldProblem('settings:applicationWindow.opens', '2027-02-30', settings)).toMatch(/does not exist on the calendar/);
  });

  it('refuses an application window that closes before it opens, on the closing day', () => {
    const settings = settingsInput({ applicationWindow: { opens: '2027-06-10', closes: '2027-06-01' } });
    expect(fieldProblem('settings:applicationWindow.closes', '2027-06-01', settings)).toBe('The application window closes (2027-06-01) before it opens (2027-06-10).');
    expect(fieldProblem('settings:applicationWindow.opens', '2027-06-10', settings)).toBeNull();
  });

  it('refuses colours with too little contrast, naming the ratio and the fix', () => {
    const settings = settingsInput({ colours: { accent: '#ffcc00', accentOnDark: '#222222' } });
    expect(fieldProblem('settings:colours.accent', '#ffcc00', settings)).toMatch(
      /^#ffcc00 has a contrast of 1\.\d+:1 against the white page background; .* Choose a darker colour\.$/,
    );
    expect(fieldProblem('settings:colours.accentOnDark', '#222222', settings)).toMatch(/Choose a lighter colour\.$/);
    expect(fieldProblem('settings:colours.accent', '#ffcc0', settings)).toMatch(/six-digit hex code/);
  });

  it('reports a problem of one list item on that item only', () => {
    const base = settingsInput();
    const timeline = base.timeline.map((phase, index) => (index === 2 ? { ...phase, starts: '08-20' } : phase));
    const settings = { ...base, timeline };
    expect(fieldProblem('settings:timeline.*.starts', '08-20', settings)).toMatch(/before the phase listed above it has ended/);
    expect(fieldProblem('settings:timeline.*.starts', '06-01', settings)).toBeNull();
  });

  it('reports a rule about the whole timeline on the field the schema marks for it', () => {
    const base = settingsInput();
    const settings = { ...base, timeline: base.timeline.map((phase) => ({ ...phase, applicationCall: true })) };
    expect(fieldProblem('settings:timeline.*.applicationCall', true, settings)).toBe('Mark exactly one timeline phase as the application call (found 4).');
    expect(fieldProblem('settings:timeline.*.title', base.timeline[0]!.title, settings)).toBeNull();
  });

  it('leaves empty fields to the CMS’s own "required" check', () => {
    expect(fieldProblem('topics:title', '')).toBeNull();
    expect(fieldProblem('topics:questions', [])).toBeNull();
  });
});
