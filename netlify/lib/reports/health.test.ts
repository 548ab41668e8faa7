import { describe, expect, it } from 'vitest';
import type { CheckInRecord } from '../mailing/checkIns.ts';
import { barChartSvg } from './barChart.ts';
import { EVALUATIONS, id, PAIRS, YEAR } from '../../../tests/support/reportsFixtureYear.ts';
import { type HealthApplication, healthCsv, healthFigures, monthsSoFar } from './health.ts';

const applications: HealthApplication[] = [
  ...[1, 2, 3, 4].map((n): HealthApplication => ({ id: id(n), role: 'mentor', status: 'eligible', latest: true })),
  { id: id(5), role: 'mentor', status: 'new', latest: true },
  ...[11, 12, 13, 14, 15, 16, 17, 18].map((n): HealthApplication => ({ id: id(n), role: 'mentee', status: 'eligible', latest: true })),
  { id: id(19), role: 'mentee', status: 'not-eligible', latest: true },
  { id: id(20), role: 'mentee', status: 'withdrawn', latest: true },
  { id: id(21), role: 'mentee', status: 'eligible', latest: true },
  // An earlier application of someone who applied again: not counted.
  { id: id(22), role: 'mentee', status: 'new', latest: false },
];

const checkIn = (month: string, pair: number, role: 'mentor' | 'mentee', answer: CheckInRecord['answer']) => ({ month, pairId: `p-${pair}`, role, answer });
const checkIns = [
  // September: pairs 1–5, 7, 8 (7 pairs; p-6 starts in October). 10 of 14 people answer; 4 pairs met; one asks for help.
  checkIn('2026-09', 1, 'mentor', 'met'),
  checkIn('2026-09', 1, 'mentee', 'met'),
  checkIn('2026-09', 2, 'mentor', 'met'),
  checkIn('2026-09', 3, 'mentee', 'met'),
  checkIn('2026-09', 4, 'mentor', 'not-yet'),
  checkIn('2026-09', 4, 'mentee', 'need-help'),
  checkIn('2026-09', 5, 'mentor', 'met'),
  checkIn('2026-09', 5, 'mentee', 'not-yet'),
  checkIn('2026-09', 7, 'mentor', 'not-yet'),
  checkIn('2026-09', 8, 'mentee', 'not-yet'),
  // October: all 8 pairs (p-8 ended on the 5th). 4 of 16 answer; 2 pairs met.
  checkIn('2026-10', 1, 'mentee', 'met'),
  checkIn('2026-10', 6, 'mentor', 'met'),
  checkIn('2026-10', 6, 'mentee', 'met'),
  checkIn('2026-10', 7, 'mentee', 'not-yet'),
  // November: 7 pairs; nobody answered.
];

describe('the program’s health figures', () => {
  const figures = healthFigures({ programYear: YEAR, applications, pairs: PAIRS, checkIns, evaluations: EVALUATIONS, months: ['2026-09', '2026-10', '2026-11'] });

  it('counts applications by role and decision (latest applications only)', () => {
    expect(figures.applications).toEqual([
      { role: 'mentee', total: 11, eligible: 9, notEligible: 1, withdrawn: 1, notReviewed: 0 },
      { role: 'mentor', total: 5, eligible: 4, notEligible: 0, withdrawn: 0, notReviewed: 1 },
    ]);
  });

  it('counts mentees matched, and why the others are not', () => {
    expect(figures.mentees).toEqual({ matched: 7, unmatched: 4, notEligible: 1, withdrawn: 1, pairEnded: 1, noMatch: 1 });
    expect(figures.pairs).toEqual({ active: 7, ended: 1 });
  });

  it('gives each month’s check-in response rate and “We met” rate over the pairs together that month', () => {
    expect(figures.months).toEqual([
      { month: '2026-09', pairs: 7, answered: 10, expected: 14, responseRate: 71, met: 4, metRate: 57, needHelp: 1 },
      { month: '2026-10', pairs: 8, answered: 4, expected: 16, responseRate: 25, met: 2, metRate: 25, needHelp: 0 },
      { month: '2026-11', pairs: 7, answered: 0, expected: 14, responseRate: 0, met: 0, metRate: 0, needHelp: 0 },
    ]);
    expect(figures.checkIns).toEqual({ answered: 14, expected: 44, responseRate: 32, met: 6, pairMonths: 22, metRate: 27 });
  });

  it('gives the evaluation response rate, and nothing but “fewer than 5” for a small group', () => {
    expect(figures.evaluations).toEqual([
      { role: 'mentee', inPairs: 8, suppressed: false, answered: 6, responseRate: 75 },
      { role: 'mentor', inPairs: 4, suppressed: true },
    ]);
  });

  it('writes the same figures as CSV', () => {
    const csv = healthCsv(figures);
    expect(csv.startsWith('\uFEFFsection,figure,count,out_of,percent\r\n')).toBe(true);
    expect(csv).toContain('Applications,Mentees: eligible,9,11,82\r\n');
    expect(csv).toContain('Matching,Not matched: no match found,1,4,\r\n');
    expect(csv).toContain('Check-ins,September 2026: people who answered,10,14,71\r\n');
    expect(csv).toContain('Check-ins,October 2026: pairs who met,2,8,25\r\n');
    expect(csv).toContain('Evaluations,Mentees: answered,6,8,75\r\n');
    expect(csv).toContain('Evaluations,Mentors: answered,fewer than 5,4,\r\n');
  });

  it('has no months before the program starts, and the months so far after', () => {
    const settings = { program: { startMonth: 9, endMonth: 5 }, timeZone: 'America/New_York' };
    expect(monthsSoFar(YEAR, settings, new Date('2026-08-31T12:00:00Z'))).toEqual([]);
    // 1 November 02:00 UTC is still October in New York.
    expect(monthsSoFar(YEAR, settings, new Date('2026-11-01T02:00:00Z'))).toEqual(['2026-09', '2026-10']);
    expect(monthsSoFar(YEAR, settings, new Date('2027-08-01T12:00:00Z'))).toHaveLength(9);
  });
});

describe('the bar chart', () => {
  it('draws a bar per value from the numbers, hidden from assistive technology, with no inline style', () => {
    const svg = barChartSvg([
      { label: 'Excellent', values: [50] },
      { label: 'A <b> & "c"', values: [250] },
      { label: 'None', values: [null] },
    ]);
    expect(svg).toContain('aria-hidden="true"');
    expect(svg).not.toContain('style=');
    expect(svg).toContain('width="170"');
    // Clamped to 100 %.
    expect(svg).toContain('width="340" height="18"/><text class="chart-value" x="568" y="60">100%');
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg.match(/class="chart-bar /g)).toHaveLength(2);
    expect(svg).toContain('>–</text>');
  });

  it('draws one bar per series in each row', () => {
    const svg = barChartSvg([{ label: 'September 2026', values: [71, 57] }], 2);
    expect(svg).toContain('chart-bar-1');
    expect(svg).toContain('chart-bar-2');
  });
});
