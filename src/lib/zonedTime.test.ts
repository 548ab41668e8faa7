import { describe, expect, it } from 'vitest';
import { settingsInput } from '../schemas/settings.fixture.ts';
import { settingsSchema } from '../schemas/settings.ts';
import { applicationStatus, describeApplicationStatus } from './applicationStatus.ts';
import { formatTimeOfDay } from './zonedTime.ts';

describe('times of day', () => {
  it.each([
    [0, 0, 'midnight'],
    [12, 0, 'noon'],
    [9, 30, '9:30 a.m.'],
    [0, 5, '12:05 a.m.'],
    [12, 30, '12:30 p.m.'],
    [23, 59, '11:59 p.m.'],
  ])('%i:%i reads "%s"', (hours, minutes, text) => {
    expect(formatTimeOfDay(hours, minutes)).toBe(text);
  });

  it('appear in the site’s style in every application status, never as "12:00 am"', () => {
    const settings = settingsSchema.parse(settingsInput());
    for (const at of ['2026-11-29T12:00:00Z', '2027-06-10T12:00:00Z', '2027-08-20T12:00:00Z']) {
      const sentence = describeApplicationStatus(applicationStatus(settings, new Date(at)), settings.timeZone);
      expect(sentence).not.toMatch(/\d:\d\d ?(am|pm)\b|\b12:00\b/i);
    }
  });
});
