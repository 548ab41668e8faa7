/**
 * A small program year whose answers are known, for the reports' unit tests: four mentors and
 * eight mentees in pairs (one pair ended), six mentee evaluations (one person twice) and three
 * mentor evaluations, check-ins for three months.
 */
import type { Evaluation } from '../../src/schemas/evaluation.ts';
import type { Pair } from '../../src/schemas/record.ts';
import type { StoredEvaluation } from '../../netlify/lib/reports/evaluations.ts';

export const YEAR = '2026-2027';
export const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Mentors 1–4, mentees 11–20 (19 and 20 are not in a pair). */
export const PAIRS: Pair[] = [
  { id: 'p-1', mentor: id(1), mentee: id(11), status: 'active', since: '2026-08-20' },
  { id: 'p-2', mentor: id(1), mentee: id(12), status: 'active', since: '2026-08-20' },
  { id: 'p-3', mentor: id(2), mentee: id(13), status: 'active', since: '2026-08-20' },
  { id: 'p-4', mentor: id(2), mentee: id(14), status: 'active', since: '2026-08-20' },
  { id: 'p-5', mentor: id(3), mentee: id(15), status: 'active', since: '2026-08-20' },
  { id: 'p-6', mentor: id(3), mentee: id(16), status: 'active', since: '2026-10-15' },
  { id: 'p-7', mentor: id(4), mentee: id(17), status: 'active', since: '2026-08-20' },
  { id: 'p-8', mentor: id(4), mentee: id(18), status: 'ended', since: '2026-08-20', ended: { on: '2026-10-05', reason: 'Moved away' } } as Pair,
];

const answers = (n: number, values: Partial<Evaluation>): Evaluation => ({
  name: `Person ${n}`,
  email: `person${n}@example.org`,
  overall: '5',
  contactFrequency: 'monthly',
  topicsUseful: 'very',
  again: 'yes',
  ...values,
});

export const EVALUATIONS: StoredEvaluation[] = [
  // Mentee 11 answered twice: only the later answers count.
  { id: id(101), role: 'mentee', submittedAt: '2027-05-10T10:00:00Z', answers: answers(11, { overall: '1', highlights: 'An earlier answer' }) },
  { id: id(102), role: 'mentee', submittedAt: '2027-05-20T10:00:00Z', answers: answers(11, { overall: '5', highlights: 'Talking every month' }) },
  { id: id(103), role: 'mentee', submittedAt: '2027-05-11T10:00:00Z', answers: answers(12, { overall: '4', improvements: 'Shorter emails' }) },
  { id: id(104), role: 'mentee', submittedAt: '2027-05-12T10:00:00Z', answers: answers(13, { overall: '4', topicsUseful: 'somewhat' }) },
  { id: id(105), role: 'mentee', submittedAt: '2027-05-13T10:00:00Z', answers: answers(14, { overall: '3', again: 'maybe' }) },
  { id: id(106), role: 'mentee', submittedAt: '2027-05-14T10:00:00Z', answers: answers(15, { overall: '5', contactFrequency: 'weekly', highlights: 'My mentor’s advice' }) },
  { id: id(107), role: 'mentee', submittedAt: '2027-05-15T10:00:00Z', answers: answers(16, { overall: '2', again: 'no', improvements: 'More structure' }) },
  { id: id(201), role: 'mentor', submittedAt: '2027-05-16T10:00:00Z', answers: answers(1, { highlights: 'Only mentor text' }) },
  { id: id(202), role: 'mentor', submittedAt: '2027-05-17T10:00:00Z', answers: answers(2, {}) },
  { id: id(203), role: 'mentor', submittedAt: '2027-05-18T10:00:00Z', answers: answers(3, {}) },
];
