import { describe, expect, it } from 'vitest';
import { parseSettings } from '../config/loadSettings.ts';
import { readFileSync } from 'node:fs';
import { config as scheduleConfig } from '../../functions/monthly-topic-schedule.ts';
import { config as backgroundConfig } from '../../functions/monthly-topic-background.ts';
import { scheduledMailingDecision } from './schedule.ts';

const settings = parseSettings(readFileSync('content/settings.yaml', 'utf8'));

describe('the monthly topic schedule', () => {
  it('runs daily at 14:00 UTC, with no path (a scheduled function cannot have one)', () => {
    expect(scheduleConfig).toEqual({ schedule: '0 14 * * *' });
  });

  it('hands the sending to a background function', () => {
    expect(backgroundConfig).toMatchObject({ background: true });
    expect(backgroundConfig).not.toHaveProperty('schedule');
  });

  it('starts on each of the first seven days of a program month, in the program time zone', () => {
    expect(scheduledMailingDecision(new Date('2026-10-01T14:00:00Z'), settings)).toEqual({ start: true, month: '2026-10', programYear: '2026-2027', day: 1 });
    expect(scheduledMailingDecision(new Date('2026-10-07T14:00:00Z'), settings)).toMatchObject({ start: true, month: '2026-10', day: 7 });
    expect(scheduledMailingDecision(new Date('2027-05-03T14:00:00Z'), settings)).toMatchObject({ start: true, month: '2027-05', programYear: '2026-2027' });
    expect(scheduledMailingDecision(new Date('2026-09-01T14:00:00Z'), settings)).toMatchObject({ start: true, month: '2026-09' });
  });

  it('does nothing after the first week, or outside the program months', () => {
    expect(scheduledMailingDecision(new Date('2026-10-08T14:00:00Z'), settings)).toEqual({ start: false, reason: 'day 8 of 2026-10 is after the first week' });
    expect(scheduledMailingDecision(new Date('2027-06-01T14:00:00Z'), settings)).toMatchObject({ start: false });
    expect(scheduledMailingDecision(new Date('2026-08-02T14:00:00Z'), settings)).toMatchObject({ start: false });
  });

  it('reads the date in the program time zone, not UTC', () => {
    // 02:00 UTC on 1 November is still 31 October in New York: day 31, no start.
    expect(scheduledMailingDecision(new Date('2026-11-01T02:00:00Z'), settings)).toMatchObject({ start: false });
    // 03:00 UTC on 8 October is 7 October, 23:00 in New York: still the first week.
    expect(scheduledMailingDecision(new Date('2026-10-08T03:00:00Z'), settings)).toMatchObject({ start: true, day: 7 });
  });
});
