import { describe, expect, it } from 'vitest';
import { createMemoryRecordsStore } from '../../../tests/servers/harness/memoryRecordsStore.ts';
import { loadEvaluations, SMALL_GROUP, summariseEvaluations, summariseRole } from './evaluations.ts';
import { EVALUATIONS, id, PAIRS, YEAR } from '../../../tests/support/reportsFixtureYear.ts';

describe('the evaluation summary', () => {
  const summary = summariseEvaluations(YEAR, EVALUATIONS, PAIRS);
  const mentees = summary.roles.find((role) => role.role === 'mentee')!;
  const mentors = summary.roles.find((role) => role.role === 'mentor')!;

  it('counts each person once, with their latest answers, out of the people in pairs', () => {
    expect(mentees).toMatchObject({ suppressed: false, inPairs: 8, answered: 6, percentAnswered: 75 });
  });

  it('gives each choice’s count and per cent, in the form’s order', () => {
    if (mentees.suppressed) throw new Error('not expected');
    const overall = mentees.questions.find((question) => question.id === 'overall')!;
    expect(overall.label).toBe('How would you rate the program overall?');
    expect(overall.answered).toBe(6);
    expect(overall.choices.map((choice) => [choice.label, choice.count, choice.percent])).toEqual([
      ['Excellent', 2, 33],
      ['Good', 2, 33],
      ['Fair', 1, 17],
      ['Poor', 1, 17],
      ['Very poor', 0, 0],
    ]);
    const again = mentees.questions.find((question) => question.id === 'again')!;
    expect(again.label).toBe('Would you take part again as a mentee?');
    expect(again.choices.map((choice) => choice.count)).toEqual([4, 1, 1]);
    const contact = mentees.questions.find((question) => question.id === 'contactFrequency')!;
    expect(contact.label).toBe('How often were you in touch with your mentor?');
  });

  it('lists the free-text answers (not the replaced ones)', () => {
    if (mentees.suppressed) throw new Error('not expected');
    expect(mentees.text).toEqual([
      { id: 'highlights', label: 'What worked well?', answers: ['My mentor’s advice', 'Talking every month'] },
      { id: 'improvements', label: 'What should the committee change?', answers: ['Shorter emails', 'More structure'] },
    ]);
  });

  it('shows nothing for a group of fewer than five answers: no figures, no free text', () => {
    expect(mentors).toEqual({ role: 'mentor', inPairs: 4, suppressed: true });
    expect(JSON.stringify(mentors)).not.toContain('Only mentor text');
    // Exactly five is enough; four is not.
    const five = EVALUATIONS.filter((evaluation) => evaluation.role === 'mentee' && evaluation.id !== id(101)).slice(0, SMALL_GROUP);
    expect(summariseRole('mentee', five, 8).suppressed).toBe(false);
    expect(summariseRole('mentee', five.slice(0, 4), 8).suppressed).toBe(true);
    // Two answers from one person are one answer.
    const repeated = [...five.slice(0, 4), { ...five[0]!, id: id(999), submittedAt: '2027-05-30T10:00:00Z' }];
    expect(summariseRole('mentee', repeated, 8).suppressed).toBe(true);
  });

  it('reads the year’s evaluation records and names the unreadable ones by path', async () => {
    const envelope = (evaluation: (typeof EVALUATIONS)[number]) =>
      JSON.stringify({
        schemaVersion: 1,
        id: evaluation.id,
        type: 'evaluation',
        role: evaluation.role,
        programYear: YEAR,
        submittedAt: evaluation.submittedAt,
        answers: evaluation.answers,
      });
    const store = createMemoryRecordsStore({
      ...Object.fromEntries(EVALUATIONS.map((evaluation) => [`evaluations/${YEAR}/${evaluation.role}/${evaluation.id}.json`, envelope(evaluation)])),
      [`evaluations/${YEAR}/mentor/${id(300)}.json`]: '{ not json',
      [`evaluations/${YEAR}/mentee/${id(301)}.json`]: envelope({ ...EVALUATIONS[0]!, role: 'mentor' }),
    });
    const { evaluations, skipped } = await loadEvaluations(store, YEAR);
    expect(evaluations).toHaveLength(EVALUATIONS.length);
    expect(skipped).toEqual([`evaluations/${YEAR}/mentee/${id(301)}.json`, `evaluations/${YEAR}/mentor/${id(300)}.json`]);
  });
});
