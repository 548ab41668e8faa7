import { describe, expect, it } from 'vitest';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import { phaseOccurrences, timelineAt } from './timeline.ts';

const settings = settingsSchema.parse(settingsInput());
const current = (at: string) => timelineAt(settings, new Date(at)).find((phase) => phase.mark === 'current')?.phase.id ?? null;
const next = (at: string) => timelineAt(settings, new Date(at)).find((phase) => phase.mark === 'next')?.phase.id ?? null;

describe('phaseOccurrences', () => {
  it('carries phases across the new year in list order', () => {
    expect(phaseOccurrences(settings.timeline, 2026).map(({ phase, start, end }) => [phase.id, start, end])).toEqual([
      ['call', '2026-06-01', '2026-07-31'],
      ['matching', '2026-08-01', '2026-09-14'],
      ['mentoring', '2026-09-15', '2027-04-30'],
      ['closing', '2027-05-01', '2027-05-31'],
    ]);
  });
});

describe('timelineAt marks the current phase at every boundary (New York time)', () => {
  it.each([
    { at: '2026-06-01T03:59:59Z', phase: 'closing', why: '31 May 23:59:59 EDT: last second of the closing month' },
    { at: '2026-06-01T04:00:00Z', phase: 'call', why: '1 June 00:00 EDT' },
    { at: '2026-08-01T03:59:59Z', phase: 'call', why: '31 July 23:59:59 EDT' },
    { at: '2026-08-01T04:00:00Z', phase: 'matching', why: '1 August 00:00 EDT' },
    { at: '2026-09-15T03:59:59Z', phase: 'matching', why: '14 September 23:59:59 EDT' },
    { at: '2026-09-15T04:00:00Z', phase: 'mentoring', why: '15 September 00:00 EDT' },
    { at: '2026-12-31T23:00:00Z', phase: 'mentoring', why: 'across the new year' },
    { at: '2027-05-01T03:59:59Z', phase: 'mentoring', why: '30 April 23:59:59 EDT' },
    { at: '2027-05-01T04:00:00Z', phase: 'closing', why: '1 May 00:00 EDT' },
    { at: '2026-11-29T12:00:00Z', phase: 'mentoring', why: 'today, late November' },
  ])('$phase at $at ($why)', ({ at, phase }) => {
    expect(current(at)).toBe(phase);
  });

  it('marks earlier phases past and later ones later', () => {
    expect(timelineAt(settings, new Date('2026-11-29T12:00:00Z')).map((phase) => phase.mark)).toEqual(['past', 'past', 'current', 'later']);
  });

  it('marks the next phase when today falls between two phases', () => {
    const withGap = settingsSchema.parse(
      settingsInput({
        timeline: settingsInput().timeline.map((phase) => (phase.id === 'matching' ? { ...phase, starts: '08-15' } : phase)),
      }),
    );
    const marks = timelineAt(withGap, new Date('2026-08-05T12:00:00Z'));
    expect(marks.find((phase) => phase.mark === 'current')).toBeUndefined();
    expect(marks.find((phase) => phase.mark === 'next')?.phase.id).toBe('matching');
    expect(next('2026-08-05T12:00:00Z')).toBeNull(); // without the gap, matching is current instead
  });
});
