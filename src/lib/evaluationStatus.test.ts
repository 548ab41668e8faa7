import { describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../tests/testClock.ts';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import { describeEvaluationStatus, evaluationStatus, evaluationWindow } from './evaluationStatus.ts';

// Running year 2026-2027, mentoring from September; the last phase, "Closing and evaluation", starts on May 1.
const settings = settingsSchema.parse(settingsInput());

describe('evaluationStatus', () => {
  it.each([
    { at: '2026-12-03T15:00:00Z', state: 'upcoming', why: 'December, five months before the program ends' },
    { at: '2027-05-01T03:59:59Z', state: 'upcoming', why: 'the last second of April 30 in New York' },
    { at: '2027-05-01T04:00:00Z', state: 'open', why: 'midnight on May 1 in New York, when the closing phase begins' },
    { at: TEST_NOW, state: 'open', why: 'June, after the program ended: late answers are still heard' },
    { at: '2027-09-01T03:59:59Z', state: 'open', why: 'the last second before the next program year starts' },
    { at: '2027-09-01T04:00:00Z', state: 'closed', why: 'the next program year has started' },
  ])('is $state at $at: $why', ({ at, state }) => {
    expect(evaluationStatus(settings, new Date(at)).state).toBe(state);
  });

  it('opens with the phase the settings mark for evaluations, not only the last one', () => {
    const timeline = settingsInput().timeline.map((phase) => ({ ...phase, evaluations: phase.id === 'mentoring' }));
    const marked = settingsSchema.parse(settingsInput({ timeline }));
    expect(evaluationWindow(marked)).toEqual({ phaseTitle: 'The mentoring year', firstDay: '2026-09-15', lastDay: '2027-08-31' });
    expect(evaluationStatus(marked, new Date('2026-12-03T15:00:00Z')).state).toBe('open');
  });

  it('refuses settings that mark two phases for evaluations, beside the second switch', () => {
    const timeline = settingsInput().timeline.map((phase) => ({ ...phase, evaluations: phase.id !== 'call' && phase.id !== 'matching' }));
    const result = settingsSchema.safeParse(settingsInput({ timeline }));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: ['timeline', 3, 'evaluations'] }));
  });

  it('says when the form opens until it does, and until when it is open', () => {
    expect(describeEvaluationStatus(evaluationStatus(settings, new Date('2026-12-03T15:00:00Z')))).toBe(
      'The evaluation for 2026-2027 opens on May 1, 2027, when the program’s last phase (“Closing and evaluation”) begins.',
    );
    expect(describeEvaluationStatus(evaluationStatus(settings, new Date(TEST_NOW)))).toBe('The evaluation for 2026-2027 is open until August 31, 2027.');
    expect(describeEvaluationStatus(evaluationStatus(settings, new Date('2027-10-01T12:00:00Z')))).toBe('The evaluation for 2026-2027 closed on August 31, 2027.');
  });
});
